//! The one-page results report as a PDF (issue #9), from a saved result or one a kiosk
//! holds only in memory, exactly as it was seen: its scores, answers, chosen Job Zone and
//! the careers snapshot for that zone. Saving it to a file, or printing it through a
//! temporary file in a folder Waypoint owns.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

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

/// The paper this computer is set up for: an explicit `LC_ALL`/`LC_PAPER`, else the OS
/// setting (Windows' user locale, macOS' region), else `LANG`, else Letter
/// ([`waypoint_report_pdf::system_paper`]).
pub fn default_paper() -> Paper {
    waypoint_report_pdf::system_paper()
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

/// A print file this old has long been read by the print system (or its PDF application).
const PRINT_FILE_TTL: Duration = Duration::from_secs(60 * 60);

/// Whether a print file last written at `modified` may be deleted at `now`.
fn print_file_expired(modified: SystemTime, now: SystemTime) -> bool {
    now.duration_since(modified)
        .is_ok_and(|age| age >= PRINT_FILE_TTL)
}

/// Deletes the print files in `dir` that [`print_file_expired`]; other files are left alone.
fn remove_old_print_files(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("report-") && name.ends_with(".pdf")) {
            continue;
        }
        let expired = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| print_file_expired(t, now));
        if expired {
            if let Err(e) = std::fs::remove_file(entry.path()) {
                tracing::warn!(path = %entry.path().display(), "could not delete an old print file: {e}");
            }
        }
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
    /// print system has read it, or has refused it ([`waypoint_report_pdf::may_delete_after_print`]:
    /// never right away on Windows, whose PDF application opens it later). Other print files
    /// go at the next print once they are an hour old, or with the kiosk wipe.
    /// Blocking: the print command runs to its end, so call it off the UI thread.
    pub fn print_report(
        &self,
        session_id: &str,
        lang: Lang,
        paper: Option<Paper>,
        printer: Option<&str>,
        delete_after: bool,
    ) -> Result<PrintJob> {
        let bytes = self.report_pdf(session_id, lang, paper)?;
        let dir = self.temp_dir()?;
        remove_old_print_files(&dir, SystemTime::now());
        let path = dir.join(format!(
            "report-{}-{}.pdf",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        write(&path, &bytes)?;
        let job = waypoint_report_pdf::print(&path, printer);
        if delete_after && waypoint_report_pdf::may_delete_after_print(job.is_ok()) {
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

    #[test]
    fn print_files_go_after_an_hour_and_nothing_else_goes() {
        let now = SystemTime::now();
        let ago = |mins: u64| now - Duration::from_secs(mins * 60);
        assert!(!print_file_expired(ago(59), now));
        assert!(print_file_expired(ago(60), now));
        assert!(
            !print_file_expired(now + Duration::from_secs(5), now),
            "clock skew"
        );

        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, mins: u64| {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            f.set_modified(ago(mins)).unwrap();
            p
        };
        let old = file("report-1-0.pdf", 120);
        let fresh = file("report-1-1.pdf", 1);
        let other = file("notes.pdf", 120);
        remove_old_print_files(dir.path(), now);
        assert!(!old.exists());
        assert!(fresh.exists(), "may not be spooled yet");
        assert!(other.exists(), "not a print file");
    }
}
