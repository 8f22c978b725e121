//! Waypoint's words in English and Spanish. The text lives in `locales/en.json` and
//! `locales/es.json` at the repository root, which the UI imports too, so the screen, the PDF
//! and the services' notices say the same thing. See `locales/README.md` to add a string.
//!
//! Rust asks only for keys named here ([`keys`] and the per-noun functions), so the tests can
//! walk every key Rust uses and fail when either language lacks one.

use std::fmt::Display;
use std::sync::LazyLock;

use serde_json::Value;
use waypoint_error_code::ErrorCode;
use waypoint_profiler::{Area, Fit, Form, Lang};

static EN: LazyLock<Value> = LazyLock::new(|| parse(include_str!("../../../locales/en.json")));
static ES: LazyLock<Value> = LazyLock::new(|| parse(include_str!("../../../locales/es.json")));

fn parse(json: &str) -> Value {
    serde_json::from_str(json).expect("the locale catalogs are valid JSON (tested)")
}

fn catalog(lang: Lang) -> &'static Value {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// A catalog key Rust reads, as a dotted path (`pdf.subtitle`). Named ones are in [`keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(&'static str);

impl Key {
    pub fn path(self) -> &'static str {
        self.0
    }
}

macro_rules! keys {
    ($($name:ident = $path:literal,)*) => {
        $(pub const $name: Key = Key($path);)*
        /// Every named key, for the tests.
        pub const ALL: &[Key] = &[$($name),*];
    };
}

/// The single strings Rust reads. `{name}` placeholders are filled with [`fill`].
pub mod keys {
    use super::Key;
    keys! {
        PDF_SUBTITLE = "pdf.subtitle",
        PDF_LABEL = "pdf.label",
        PDF_SCORES_HEADING = "pdf.scoresHeading",
        PDF_SCORES_SCALE = "pdf.scoresScale",
        PDF_CODE_HEADING = "pdf.codeHeading",
        PDF_FLAT = "pdf.flat",
        PDF_CAREERS_HEADING = "pdf.careersHeading",
        PDF_CAREERS_IN_ZONE = "pdf.careersInZone",
        PDF_ESTIMATE = "pdf.estimate",
        PDF_ESTIMATE_NOTE = "pdf.estimateNote",
        PDF_SOURCE_API = "pdf.sourceApi",
        PDF_COL_CAREER = "pdf.colCareer",
        PDF_COL_CODE = "pdf.colCode",
        PDF_COL_FIT = "pdf.colFit",
        PDF_COL_OUTLOOK = "pdf.colOutlook",
        PDF_YES = "pdf.yes",
        PDF_MORE_ROWS = "pdf.moreRows",
        PDF_NO_ROWS = "pdf.noRows",
        PDF_NO_CAREERS = "pdf.noCareers",
        PDF_CAREERS_MISSING = "pdf.careersMissing",
        PDF_QR_CAPTION = "pdf.qrCaption",
        PDF_NOTICE = "pdf.notice",
        PDF_DATE = "pdf.date",
        PDF_DOC_TITLE = "pdf.docTitle",
        ITEMS_IN_ENGLISH = "services.itemsInEnglish",
    }
}

/// Finds `path` in `v`. A key may itself contain dots (`errors.network.offline`), so at each
/// level the whole rest is tried as one key before splitting at the first dot.
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    if let Some(hit) = obj.get(path) {
        return Some(hit);
    }
    let (head, rest) = path.split_once('.')?;
    lookup(obj.get(head)?, rest)
}

/// The string at `path` in `lang`, if the catalog has one.
pub fn get(lang: Lang, path: &str) -> Option<&'static str> {
    lookup(catalog(lang), path)?.as_str()
}

/// Falls back to English, then to the path itself: the tests keep both from happening.
fn text_at(lang: Lang, path: &str) -> &'static str {
    get(lang, path)
        .or_else(|| get(Lang::En, path))
        .unwrap_or_else(|| {
            debug_assert!(false, "locale key {path} is missing");
            Box::leak(path.to_string().into_boxed_str())
        })
}

/// The text of a named key.
pub fn text(lang: Lang, key: Key) -> &'static str {
    text_at(lang, key.0)
}

/// The locale Waypoint formats for: US English or US Spanish (`en-US`, `es-US`), as the UI's
/// `Intl` formats do.
pub fn locale_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-US",
        Lang::Es => "es-US",
    }
}

/// A whole number as `en-US` and `es-US` both write it: `1,016` (Spain's `1.016` is not used).
pub fn integer(_lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Replaces each `{name}` in `template` with its value; unknown placeholders stay as they are.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// An interest area's name ("Realistic", "Realista").
pub fn area_name(lang: Lang, area: Area) -> &'static str {
    text_at(lang, &format!("areas.{}", area.as_str()))
}

/// Waypoint's one-paragraph description of an area.
pub fn area_description(lang: Lang, area: Area) -> &'static str {
    text_at(lang, &format!("reference.areas.{}", area.as_str()))
}

const FITS: [Fit; 3] = [Fit::Best, Fit::Great, Fit::Good];

fn fit_key(fit: Fit) -> &'static str {
    match fit {
        Fit::Best => "Best",
        Fit::Great => "Great",
        Fit::Good => "Good",
    }
}

/// A career's fit label ("Best fit", "Coincidencia excelente"), the same on screen and on paper.
pub fn fit_label(lang: Lang, fit: Fit) -> &'static str {
    text_at(lang, &format!("fit.{}", fit_key(fit)))
}

const FORMS: [Form; 3] = [Form::Ip60, Form::Ip30, Form::Typed];

fn form_key(form: Form) -> &'static str {
    match form {
        Form::Ip60 => "ip60",
        Form::Ip30 => "ip30",
        Form::Typed => "typed",
    }
}

/// The profiler's name as the PDF prints it.
pub fn pdf_form(lang: Lang, form: Form) -> &'static str {
    text_at(lang, &format!("pdf.forms.{}", form_key(form)))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's name, 1–12 (clamped).
pub fn month(lang: Lang, month: u8) -> &'static str {
    let m = MONTHS[usize::from(month.clamp(1, 12)) - 1];
    text_at(lang, &format!("pdf.months.{m}"))
}

/// A Job Zone's title (1–5): O*NET's in English; Waypoint's own translation in Spanish (O*NET's
/// Spanish titles come only from its `mpp/` service). `None` outside 1–5.
pub fn zone_title(lang: Lang, zone: u8) -> Option<&'static str> {
    zone_field(lang, zone, "title")
}

/// An answer-scale label, 1–5: O*NET's English words, Waypoint's own Spanish translation (used
/// when O*NET's `mpp/` questionnaire was never downloaded). `None` outside 1–5.
pub fn scale_label(lang: Lang, value: u8) -> Option<&'static str> {
    (1..=5)
        .contains(&value)
        .then(|| text_at(lang, &format!("scale.{value}")))
}

/// A Job Zone's education, experience, training, typical work or examples (`field` as in the
/// catalog: `education`, `typical_work`, ...) in Waypoint's words; `None` outside 1–5.
pub fn zone_field(lang: Lang, zone: u8, field: &str) -> Option<&'static str> {
    (1..=5)
        .contains(&zone)
        .then(|| text_at(lang, &format!("reference.zones.z{zone}.{field}")))
}

/// Zone fields Rust reads, for the tests.
pub const ZONE_FIELDS: [&str; 6] = [
    "title",
    "education",
    "experience",
    "training",
    "typical_work",
    "examples",
];

/// A career report section's title; `id` is O*NET's section id (`knowledge`, `job_outlook`,
/// ... and `overview`). `None` for an id the catalog does not have.
pub fn report_section(lang: Lang, id: &str) -> Option<&'static str> {
    get(lang, &format!("services.reportSections.{id}"))
}

/// The sentence a person reads for an error or notice code, in `lang`.
pub fn error_message(lang: Lang, code: ErrorCode) -> &'static str {
    text_at(lang, &format!("errors.{}", code.as_str()))
}

/// Every path the functions above can ask for, except [`report_section`] (its ids are O*NET's;
/// the services test them).
pub fn paths_used() -> Vec<String> {
    let mut out: Vec<String> = keys::ALL.iter().map(|k| k.0.to_string()).collect();
    for a in Area::ALL {
        out.push(format!("areas.{}", a.as_str()));
        out.push(format!("reference.areas.{}", a.as_str()));
    }
    out.extend(FITS.iter().map(|&f| format!("fit.{}", fit_key(f))));
    out.extend(FORMS.iter().map(|&f| format!("pdf.forms.{}", form_key(f))));
    out.extend(MONTHS.iter().map(|m| format!("pdf.months.{m}")));
    out.extend(
        ErrorCode::ALL
            .iter()
            .map(|c| format!("errors.{}", c.as_str())),
    );
    for z in 1..=5 {
        out.push(format!("scale.{z}"));
        for f in ZONE_FIELDS {
            out.push(format!("reference.zones.z{z}.{f}"));
        }
    }
    out
}

/// Every leaf of a catalog by its path; keys holding dots are joined as they are.
pub fn leaves(lang: Lang) -> Vec<(String, &'static Value)> {
    fn walk(v: &'static Value, prefix: &str, out: &mut Vec<(String, &'static Value)>) {
        match v {
            Value::Object(o) => {
                for (k, child) in o {
                    walk(child, &format!("{prefix}{k}."), out);
                }
            }
            leaf => out.push((prefix.trim_end_matches('.').to_string(), leaf)),
        }
    }
    let mut out = Vec::new();
    walk(catalog(lang), "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let en: BTreeSet<String> = leaves(Lang::En).into_iter().map(|(p, _)| p).collect();
        let es: BTreeSet<String> = leaves(Lang::Es).into_iter().map(|(p, _)| p).collect();
        let only_en: Vec<_> = en.difference(&es).collect();
        let only_es: Vec<_> = es.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in es.json: {only_en:?}");
        assert!(only_es.is_empty(), "missing in en.json: {only_es:?}");
    }

    #[test]
    fn every_key_rust_asks_for_is_a_non_empty_string_in_both_languages() {
        let paths = paths_used();
        assert!(paths.len() > 60, "{}", paths.len());
        for path in &paths {
            for lang in Lang::ALL {
                let s = get(lang, path);
                assert!(
                    s.is_some_and(|s| !s.trim().is_empty()),
                    "{lang}: {path} is missing or empty"
                );
            }
        }
    }

    #[test]
    fn every_spanish_string_keeps_the_english_placeholders() {
        for (path, en) in leaves(Lang::En) {
            let (Some(en), Some(es)) = (en.as_str(), get(Lang::Es, &path)) else {
                continue;
            };
            assert_eq!(placeholders(en), placeholders(es), "{path}");
        }
    }

    #[test]
    fn lookup_reads_keys_that_contain_dots_and_nested_ones() {
        assert_eq!(get(Lang::En, "nav.settings"), Some("Settings"));
        assert!(get(Lang::Es, "errors.network.offline").is_some());
        assert_eq!(get(Lang::En, "nav.nope"), None);
        assert_eq!(get(Lang::En, "nav"), None, "an object is not a string");
    }

    #[test]
    fn every_error_code_has_its_own_sentence_in_both_languages() {
        for &code in ErrorCode::ALL {
            let en = get(Lang::En, &format!("errors.{}", code.as_str()));
            let es = get(Lang::Es, &format!("errors.{}", code.as_str()));
            let (Some(en), Some(es)) = (en, es) else {
                panic!("{code}: missing in en.json or es.json (null is not a sentence)");
            };
            assert!(en.len() > 10 && es.len() > 10, "{code}");
            assert_ne!(en, es, "{code}: Spanish is the English text");
            assert!(
                !en.contains('{'),
                "{code}: error sentences take no placeholders"
            );
            assert_eq!(error_message(Lang::Es, code), es);
        }
        // Nothing in the catalog's `errors` that is not a code (or the UI's `generic`).
        let codes: BTreeSet<String> = ErrorCode::ALL
            .iter()
            .map(|c| format!("errors.{}", c.as_str()))
            .chain(["errors.generic".to_string()])
            .collect();
        for (path, _) in leaves(Lang::En) {
            if path.starts_with("errors.") {
                assert!(codes.contains(&path), "{path} is not an ErrorCode");
            }
        }
    }

    #[test]
    fn us_number_format_in_both_languages() {
        for lang in Lang::ALL {
            assert_eq!(integer(lang, 0), "0");
            assert_eq!(integer(lang, 999), "999");
            assert_eq!(integer(lang, 1016), "1,016");
            assert_eq!(integer(lang, 36220), "36,220");
            assert_eq!(integer(lang, 1234567), "1,234,567");
        }
        assert_eq!(locale_tag(Lang::Es), "es-US");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(
                "Showing {shown} of {total}, {x}",
                &[("shown", &3), ("total", &"10")]
            ),
            "Showing 3 of 10, {x}"
        );
    }

    /// The instrument's reference prose is spelled the British way; the catalog the American way.
    fn american(s: &str) -> String {
        [
            ("analysing", "analyzing"),
            ("labour", "labor"),
            ("counselling", "counseling"),
            ("centre", "center"),
            ("organising", "organizing"),
            ("organisational", "organizational"),
        ]
        .iter()
        .fold(s.to_string(), |s, (gb, us)| s.replace(gb, us))
    }

    #[test]
    fn english_area_and_zone_texts_are_the_profilers_in_american_spelling() {
        use waypoint_profiler::instrument;
        for a in Area::ALL {
            assert_eq!(area_name(Lang::En, a), a.name());
            assert_eq!(
                area_description(Lang::En, a),
                american(&instrument::area_info(a).description)
            );
        }
        for z in 1..=5u8 {
            let jz = instrument::job_zone(z).unwrap();
            assert_eq!(zone_title(Lang::En, z), Some(jz.title.as_str()));
            for (field, want) in [
                ("education", &jz.education),
                ("experience", &jz.experience),
                ("training", &jz.training),
                ("typical_work", &jz.typical_work),
            ] {
                assert_eq!(
                    zone_field(Lang::En, z, field),
                    Some(american(want).as_str())
                );
            }
            assert_eq!(
                zone_field(Lang::En, z, "examples"),
                Some(jz.examples.join(", ").as_str())
            );
        }
        assert_eq!(zone_title(Lang::Es, 6), None);
        for o in instrument::answer_options() {
            assert_eq!(scale_label(Lang::En, o.value), Some(o.label.as_str()));
            assert_ne!(
                scale_label(Lang::Es, o.value),
                scale_label(Lang::En, o.value)
            );
        }
        assert_eq!(scale_label(Lang::Es, 0), None);
        for z in 1..=5 {
            assert!(zone_title(Lang::Es, z)
                .unwrap()
                .starts_with(&format!("Zona de Empleo {z}:")));
        }
    }
}
