//! The store's own nouns. Profiler types (Form, Scores, Fit, ...) are reused as is.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use waypoint_profiler::{Area, Fit, Form, Lang, Scores, Tab};

use crate::error::{Result, StoreError};

/// Reads a language stored as `"en"` / `"es"`; anything else is damaged data.
pub(crate) fn parse_lang(s: &str) -> Result<Lang> {
    Lang::from_code(s).ok_or_else(|| {
        StoreError::Data(format!(
            "unknown language {s:?} (expected \"en\" or \"es\")"
        ))
    })
}

/// Export files write a careers tab as the number `1`..`5` or `"all"` (the form files
/// written before [`Tab`] was shared); both that and `"1"`..`"5"` read back.
mod tab_in_exports {
    use serde::{Deserialize, Deserializer, Serializer};
    use waypoint_profiler::Tab;

    pub fn serialize<S: Serializer>(tab: &Tab, s: S) -> Result<S::Ok, S::Error> {
        match tab.zone() {
            Some(z) => s.serialize_u8(z),
            None => s.serialize_str(tab.key()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tab, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u8),
            S(String),
        }
        let key = match Raw::deserialize(d)? {
            Raw::N(n) => n.to_string(),
            Raw::S(s) => s,
        };
        key.parse().map_err(serde::de::Error::custom)
    }
}

/// Reads a careers tab stored as `"1"`..`"5"` or `"all"`; anything else is damaged data.
pub(crate) fn parse_tab(key: &str) -> Result<Tab> {
    Tab::from_key(key).ok_or_else(|| StoreError::Data(format!("unknown careers tab {key:?}")))
}

/// Where a career row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CareerSource {
    /// O*NET Web Services.
    Api,
    /// Waypoint's offline matcher over the occupation pack.
    Estimate,
}

impl CareerSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CareerSource::Api => "api",
            CareerSource::Estimate => "estimate",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Self> {
        match s {
            "api" => Ok(CareerSource::Api),
            "estimate" => Ok(CareerSource::Estimate),
            other => Err(StoreError::Data(format!("unknown career source {other:?}"))),
        }
    }
}

pub(crate) fn fit_str(f: Fit) -> &'static str {
    match f {
        Fit::Best => "best",
        Fit::Great => "great",
        Fit::Good => "good",
    }
}

pub(crate) fn parse_fit(s: &str) -> Result<Fit> {
    match s {
        "best" => Ok(Fit::Best),
        "great" => Ok(Fit::Great),
        "good" => Ok(Fit::Good),
        other => Err(StoreError::Data(format!("unknown fit {other:?}"))),
    }
}

pub(crate) fn form_str(f: Form) -> &'static str {
    match f {
        Form::Ip60 => "ip60",
        Form::Ip30 => "ip30",
        Form::Typed => "typed",
    }
}

pub(crate) fn parse_form(s: &str) -> Result<Form> {
    match s {
        "ip60" => Ok(Form::Ip60),
        "ip30" => Ok(Form::Ip30),
        "typed" => Ok(Form::Typed),
        other => Err(StoreError::Data(format!("unknown form {other:?}"))),
    }
}

/// One career as it was shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerRow {
    pub code: String,
    pub title: String,
    pub fit: Option<Fit>,
    pub bright_outlook: Option<bool>,
    pub source: CareerSource,
    #[serde(with = "time::serde::rfc3339")]
    pub fetched_at: OffsetDateTime,
}

/// The careers shown on one tab, with the total the service reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerTab {
    #[serde(with = "tab_in_exports")]
    pub tab: Tab,
    pub total: u32,
    pub rows: Vec<CareerRow>,
}

/// Longest label, in characters; the UI's label fields stop at the same length.
pub const LABEL_MAX_CHARS: usize = 80;
/// Longest career title kept in a result; O*NET's longest is under 150.
pub const CAREER_TITLE_MAX_CHARS: usize = 250;
/// Longest career code (`11-1011.00` is 10).
pub const CAREER_CODE_MAX_CHARS: usize = 16;
/// Most careers on one tab of a result; every O*NET career fits on one tab many times over.
pub const CAREERS_PER_TAB_MAX: usize = 5000;

/// Characters that reorder the text shown around them (Unicode bidi embeddings, overrides
/// and isolates, and the two marks); in a label they could make one name look like another.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// A saved result, exactly as the person saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// UUID, see [`Session::new_id`].
    pub id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub finished_at: OffsetDateTime,
    pub form: Form,
    pub lang: Lang,
    /// The answer string (digits 1–5); `None` for typed scores.
    pub answers: Option<String>,
    pub scores: Scores,
    pub job_zone: Option<u8>,
    /// A first name or a counselor's note.
    pub label: Option<String>,
    /// Tabs in the order they were shown.
    pub careers: Vec<CareerTab>,
}

impl Session {
    pub fn new_id() -> String {
        uuid::Uuid::new_v4().to_string()
    }

    /// The interest code shown for this result, see [`interest_code`].
    pub fn code(&self) -> Option<String> {
        interest_code(&self.scores)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        let bad = |m: String| {
            Err(StoreError::InvalidInput(format!(
                "session {}: {m}",
                self.id
            )))
        };
        if uuid::Uuid::parse_str(&self.id).is_err() {
            return bad("id is not a UUID".into());
        }
        if let Some(z) = self.job_zone {
            if !(1..=5).contains(&z) {
                return bad(format!("job zone {z} is not 1-5"));
            }
        }
        match (&self.answers, self.form.item_count()) {
            (Some(_), None) => return bad("typed scores carry no answer string".into()),
            (Some(a), Some(n))
                if a.len() != n || !a.bytes().all(|b| (b'1'..=b'5').contains(&b)) =>
            {
                return bad(format!("answer string must be {n} digits 1-5"));
            }
            _ => {}
        }
        if let Some(max) = self.form.max_score() {
            if self.scores.as_array().iter().any(|&s| s > max) {
                return bad(format!("a score is above {max}"));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.careers {
            if !seen.insert(t.tab) {
                return bad(format!("careers tab {} appears twice", t.tab.key()));
            }
        }
        if self.finished_at < self.started_at {
            return bad("finished before it started".into());
        }
        if let Some(label) = &self.label {
            if label.chars().count() > LABEL_MAX_CHARS {
                return bad(format!(
                    "the label is longer than {LABEL_MAX_CHARS} characters"
                ));
            }
            if let Some(c) = label.chars().find(|&c| is_bidi_control(c)) {
                return bad(format!(
                    "the label contains the invisible text-direction character U+{:04X}",
                    u32::from(c)
                ));
            }
        }
        Ok(())
    }

    /// Bounds on what a file brought from elsewhere may hold. Not applied when saving what
    /// this app showed, so an unusual title from the service never loses a result.
    pub(crate) fn check_import_limits(&self) -> Result<()> {
        let bad = |m: String| {
            Err(StoreError::InvalidInput(format!(
                "session {}: {m}",
                self.id
            )))
        };
        for t in &self.careers {
            if t.rows.len() > CAREERS_PER_TAB_MAX {
                return bad(format!(
                    "careers tab {} lists more than {CAREERS_PER_TAB_MAX} careers",
                    t.tab.key()
                ));
            }
            for r in &t.rows {
                if r.code.chars().count() > CAREER_CODE_MAX_CHARS {
                    return bad("a career code is too long".into());
                }
                if r.title.chars().count() > CAREER_TITLE_MAX_CHARS {
                    return bad(format!(
                        "a career title is longer than {CAREER_TITLE_MAX_CHARS} characters"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The interest code shown with a result: the profiler's three-letter high-point
/// code (ties in RIASEC order), or `None` for a flat profile, which has no shape
/// to summarize. Derived on read, so it always matches the profiler's rule.
pub fn interest_code(scores: &Scores) -> Option<String> {
    (!waypoint_profiler::profile::is_flat(scores))
        .then(|| waypoint_profiler::profile::high_point_code(scores))
}

/// A light row for the history list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub finished_at: OffsetDateTime,
    pub form: Form,
    pub code: Option<String>,
    pub label: Option<String>,
}

/// One area's change between two results (`delta = b - a`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaDiff {
    pub area: Area,
    pub a: u8,
    pub b: u8,
    pub delta: i16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub a: SessionSummary,
    pub b: SessionSummary,
    /// In RIASEC order.
    pub areas: Vec<AreaDiff>,
}

/// A questionnaire in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub form: Form,
    pub lang: Lang,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// One slot per item; `None` where not answered yet.
    pub answers: Vec<Option<u8>>,
    /// The first unanswered item (0-based), `None` when every item is answered.
    pub next_item: Option<u16>,
}

impl Draft {
    /// The answer string, once every item is answered.
    pub fn answer_string(&self) -> Option<String> {
        self.answers
            .iter()
            .map(|a| a.map(|v| char::from(b'0' + v)))
            .collect()
    }
}

/// A cache entry as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedEntry {
    pub body: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub fetched_at: OffsetDateTime,
    /// O*NET database release the data came from, when known.
    pub release: Option<String>,
    /// How old the entry is now (zero if the clock went backwards).
    pub age: Duration,
    /// Older than the configured max age: still usable, refresh when online.
    pub stale: bool,
}

/// Summary of the stored occupation pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackInfo {
    pub release: String,
    pub source: String,
    pub count: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub imported_at: OffsetDateTime,
}

/// What [`crate::Store::forget_everything`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgetReport {
    pub sessions: u64,
    pub drafts: u64,
    pub cache_entries: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn export_files_keep_numbered_tabs_and_read_both_spellings() {
        let tab = |t| CareerTab {
            tab: t,
            total: 0,
            rows: vec![],
        };
        assert_eq!(
            serde_json::to_value(tab(Tab::Zone3)).unwrap()["tab"],
            json!(3)
        );
        assert_eq!(
            serde_json::to_value(tab(Tab::All)).unwrap()["tab"],
            json!("all")
        );
        for v in [json!(3), json!("3")] {
            let back: CareerTab =
                serde_json::from_value(json!({"tab": v, "total": 0, "rows": []})).unwrap();
            assert_eq!(back.tab, Tab::Zone3);
        }
        assert!(
            serde_json::from_value::<CareerTab>(json!({"tab": 7, "total": 0, "rows": []})).is_err()
        );
    }
}
