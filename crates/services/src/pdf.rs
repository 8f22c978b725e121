//! The one-page results report as a PDF (issue #9), from a saved result or one a kiosk
//! holds only in memory, exactly as it was seen: its scores, answers, chosen Job Zone and
//! the careers snapshot for that zone. Saving it to a file, or printing it through a
//! temporary file in a folder Waypoint owns.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use time::OffsetDateTime;
use waypoint_onet::CareerMatch;
use waypoint_profiler::{summarize, Answers, Form, Matcher, Scores};
use waypoint_report_pdf::{
    CareerRow, CareerSource, CareersBlock, ReportDate, ReportError, ReportInput, MAX_CAREER_ROWS,
};
use waypoint_store::{CareerTab, Session, Tab};

use crate::careers::{estimate_rows, fetch_page, PAGE_SIZE};
use crate::dto::{CareerRow as Row, Lang, Source};
use crate::online::Online;
use crate::{Result, Services};

pub use waypoint_report_pdf::{Paper, PrintJob};

/// Name of the folder, inside the data folder, that holds Waypoint's temporary files.
pub const TEMP_DIR: &str = "tmp";

/// The paper the person's locale uses: the first of `LC_ALL`, `LC_PAPER`, `LANG` that names
/// a locale (`C`/`POSIX` do not), else Letter (`en-US`).
pub fn default_paper() -> Paper {
    paper_from_env(|k| std::env::var(k).ok())
}

fn paper_from_env(var: impl Fn(&str) -> Option<String>) -> Paper {
    let locale = ["LC_ALL", "LC_PAPER", "LANG"]
        .iter()
        .filter_map(|k| var(k))
        .map(|v| v.trim().to_string())
        .find(|v| {
            let core = v.split(['.', '@']).next().unwrap_or("");
            !core.is_empty() && core != "C" && core != "POSIX"
        });
    Paper::for_locale(locale.as_deref().unwrap_or("en-US"))
}

/// Printed instead of careers when the result has no snapshot for its tab.
pub fn careers_missing_reason(lang: Lang) -> &'static str {
    waypoint_locales::text(lang, waypoint_locales::keys::PDF_CAREERS_MISSING)
}

/// What goes on the page for `session`.
pub(crate) fn report_input(session: &Session, lang: Lang, paper: Paper) -> Result<ReportInput> {
    let d = session.finished_at.date();
    let date = ReportDate::new(
        u16::try_from(d.year()).unwrap_or(0),
        u8::from(d.month()),
        d.day(),
    )?;
    let tab = session.job_zone.and_then(Tab::for_zone).unwrap_or(Tab::All);
    let careers = session
        .careers
        .iter()
        .find(|t| t.tab == tab)
        .map(|t| CareersBlock {
            source: if t
                .rows
                .iter()
                .any(|r| r.source == waypoint_store::CareerSource::Estimate)
            {
                CareerSource::Estimate
            } else {
                CareerSource::Api
            },
            rows: t
                .rows
                .iter()
                .take(MAX_CAREER_ROWS)
                .map(|r| CareerRow {
                    code: r.code.clone(),
                    title: r.title.clone(),
                    fit: r.fit,
                    bright_outlook: r.bright_outlook.unwrap_or(false),
                })
                .collect(),
        });
    Ok(ReportInput {
        lang,
        paper,
        date,
        form: session.form,
        label: session.label.clone(),
        scores: session.scores,
        answers: session.answers.clone(),
        zone: session.job_zone,
        careers_missing_reason: careers
            .is_none()
            .then(|| careers_missing_reason(lang).to_string()),
        careers,
    })
}

/// Renders the report for `session` (saved, held in memory, or built for one report).
pub fn render(session: &Session, lang: Lang, paper: Option<Paper>) -> Result<Vec<u8>> {
    let input = report_input(session, lang, paper.unwrap_or_else(default_paper))?;
    Ok(waypoint_report_pdf::render(&input)?)
}

/// Writes `bytes` to `path`, replacing any file there.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| ReportError::Io {
        action: "write the report to",
        path: path.to_path_buf(),
        source,
    })?;
    Ok(())
}

/// A result for one report that is never filed anywhere (the CLI's `report-pdf`).
pub enum OneOffInput {
    Answers(Answers),
    /// Six scores from a paper profiler of `form`.
    Scores {
        form: Form,
        values: [u32; 6],
    },
}

/// What [`one_off_report`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOffReport {
    /// The high-point code; empty for a flat profile.
    pub code: String,
    pub flat: bool,
    /// `Api`, `Estimate`, or `Unavailable` when no careers were printed.
    pub careers: Source,
}

/// Scores `input` and writes its report to `path`, with page 1 of the careers for `zone`: from
/// O*NET when `online` has a key, else (or when O*NET cannot answer) Waypoint's estimate from
/// `matcher`, else none and the report says why. No store and no keychain are involved.
pub async fn one_off_report(
    input: OneOffInput,
    zone: Option<u8>,
    lang: Lang,
    paper: Option<Paper>,
    online: Option<&Online>,
    matcher: Option<&Matcher>,
    path: &Path,
) -> Result<OneOffReport> {
    if let Some(z) = zone {
        crate::results::check_zone(z)?;
    }
    let (form, answers, scores) = match input {
        OneOffInput::Answers(a) => (a.form(), Some(a.to_answer_string()), a.scores()),
        OneOffInput::Scores { form, values } => (Form::Typed, None, Scores::typed(values, form)?),
    };
    let summary = summarize(&scores);
    let (source, rows) = if summary.flat {
        // A flat profile matches nothing; the report says so itself.
        (Source::Unavailable, vec![])
    } else {
        careers(online, matcher, &answers, &scores, zone, lang).await?
    };
    let now = OffsetDateTime::now_utc();
    let snapshot_source = match source {
        Source::Estimate => waypoint_store::CareerSource::Estimate,
        _ => waypoint_store::CareerSource::Api,
    };
    let session = Session {
        id: Session::new_id(),
        started_at: now,
        finished_at: now,
        form,
        lang,
        answers,
        scores,
        job_zone: zone,
        label: None,
        careers: match source {
            Source::Unavailable => vec![],
            _ => vec![CareerTab {
                tab: zone.and_then(Tab::for_zone).unwrap_or(Tab::All),
                total: rows.len() as u32,
                rows: rows
                    .into_iter()
                    .map(|r| waypoint_store::CareerRow {
                        code: r.code,
                        title: r.title,
                        fit: r.fit,
                        bright_outlook: Some(r.bright_outlook),
                        source: snapshot_source,
                        fetched_at: now,
                    })
                    .collect(),
            }],
        },
    };
    write(path, &render(&session, lang, paper)?)?;
    Ok(OneOffReport {
        code: if summary.flat {
            String::new()
        } else {
            summary.high_point
        },
        flat: summary.flat,
        careers: source,
    })
}

/// Page 1 of careers, as [`Services::careers`] picks them, minus the cache.
async fn careers(
    online: Option<&Online>,
    matcher: Option<&Matcher>,
    answers: &Option<String>,
    scores: &Scores,
    zone: Option<u8>,
    lang: Lang,
) -> Result<(Source, Vec<Row>)> {
    let mut failure = None;
    if let Some(client) = online.filter(|o| o.has_key()).map(Online::client) {
        let by = match answers {
            Some(a) => CareerMatch::Answers(a.clone()),
            None => CareerMatch::Scores(waypoint_onet::Scores(scores.as_array().map(u32::from))),
        };
        match fetch_page(client, lang, &by, zone, 1).await {
            Ok((rows, _)) => return Ok((Source::Api, rows)),
            Err(e) if e.is_input() => return Err(e.into()),
            Err(e) => failure = Some(e),
        }
    }
    if let Some(m) = matcher {
        let mut rows = estimate_rows(m, scores, zone)?;
        rows.truncate(PAGE_SIZE as usize);
        return Ok((Source::Estimate, rows));
    }
    match failure {
        Some(e) => Err(e.into()),
        None => Ok((Source::Unavailable, vec![])),
    }
}

/// Distinguishes temporary files made in one run.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl Services {
    /// The report for a result as PDF bytes, in `lang`, on `paper` (default: the locale's
    /// paper, see [`default_paper`]).
    pub fn report_pdf(
        &self,
        session_id: &str,
        lang: Lang,
        paper: Option<Paper>,
    ) -> Result<Vec<u8>> {
        render(&self.session(session_id)?, lang, paper)
    }

    /// Writes the report to `path`, replacing any file there.
    pub fn save_report_pdf(
        &self,
        session_id: &str,
        lang: Lang,
        paper: Option<Paper>,
        path: &Path,
    ) -> Result<()> {
        write(path, &self.report_pdf(session_id, lang, paper)?)
    }

    /// The folder for Waypoint's temporary files (`<data dir>/tmp`), created if missing.
    /// Everything in it is disposable: the kiosk wipe deletes the whole folder.
    pub fn temp_dir(&self) -> Result<PathBuf> {
        let data = self
            .store
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let dir = data.join(TEMP_DIR);
        std::fs::create_dir_all(&dir).map_err(|source| ReportError::Io {
            action: "create the folder",
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }

    /// Prints the report on `printer` (`None`: the default printer) through a temporary PDF
    /// in [`Services::temp_dir`]. With `delete_after` (kiosks) the file is removed once the
    /// print system has it, or has refused it; otherwise it stays until the folder is cleared.
    pub fn print_report(
        &self,
        session_id: &str,
        lang: Lang,
        paper: Option<Paper>,
        printer: Option<&str>,
        delete_after: bool,
    ) -> Result<PrintJob> {
        let bytes = self.report_pdf(session_id, lang, paper)?;
        let path = self.temp_dir()?.join(format!(
            "report-{}-{}.pdf",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        write(&path, &bytes)?;
        let job = waypoint_report_pdf::print(&path, printer);
        if delete_after {
            if let Err(e) = std::fs::remove_file(&path) {
                tracing::warn!(path = %path.display(), "could not delete the printed report: {e}");
            }
        }
        match &job {
            Ok(j) => tracing::info!(job = ?j.id, "report sent to the printer"),
            Err(e) => tracing::warn!(code = %e.code(), "report not printed: {e}"),
        }
        Ok(job?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Paper {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        paper_from_env(|k| map.get(k).cloned())
    }

    #[test]
    fn paper_follows_the_environment_locale() {
        assert_eq!(env(&[]), Paper::Letter);
        assert_eq!(env(&[("LANG", "C.UTF-8")]), Paper::Letter);
        assert_eq!(env(&[("LANG", "es_ES.UTF-8")]), Paper::A4);
        assert_eq!(env(&[("LANG", "en_US.UTF-8")]), Paper::Letter);
        assert_eq!(
            env(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Paper::A4
        );
        assert_eq!(
            env(&[("LC_ALL", "POSIX"), ("LC_PAPER", "es_MX.UTF-8")]),
            Paper::Letter
        );
    }
}
