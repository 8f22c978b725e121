//! The one-page results report as a PDF (issue #9), from a saved result or one a kiosk
//! holds only in memory, exactly as it was seen: its scores, answers, chosen Job Zone and
//! the careers snapshot for that zone. Saving it to a file, or printing it through a
//! temporary file in a folder Waypoint owns.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use waypoint_report_pdf::{
    CareerRow, CareerSource, CareersBlock, ReportDate, ReportError, ReportInput, MAX_CAREER_ROWS,
};
use waypoint_store::{Session, Tab};

use crate::dto::Lang;
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
    match lang {
        Lang::En => "No careers were fetched for this result: add an O*NET key or import O*NET data.",
        Lang::Es => "No se obtuvieron carreras para este resultado: añada una clave de O*NET o importe datos de O*NET.",
    }
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
        let session = self.session(session_id)?;
        let input = report_input(&session, lang, paper.unwrap_or_else(default_paper))?;
        Ok(waypoint_report_pdf::render(&input)?)
    }

    /// Writes the report to `path`, replacing any file there.
    pub fn save_report_pdf(
        &self,
        session_id: &str,
        lang: Lang,
        paper: Option<Paper>,
        path: &Path,
    ) -> Result<()> {
        let bytes = self.report_pdf(session_id, lang, paper)?;
        std::fs::write(path, bytes).map_err(|source| ReportError::Io {
            action: "write the report to",
            path: path.to_path_buf(),
            source,
        })?;
        Ok(())
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
        std::fs::write(&path, bytes).map_err(|source| ReportError::Io {
            action: "write the report to",
            path: path.clone(),
            source,
        })?;
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
