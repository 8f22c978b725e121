//! Export (JSON, CSV), import (JSON) and "forget everything".

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Result, StoreError};
use crate::model::{form_str, ForgetReport, Session};
use crate::sessions;
use crate::Store;
use waypoint_profiler::spreadsheet::spreadsheet_safe;

/// `format` field of a JSON export; anything else is not ours.
pub const EXPORT_FORMAT: &str = "waypoint.sessions";
/// Largest export file imported. A pretty-printed result with six full tabs of 40 careers
/// is about 60 KiB, so this holds a thousand of them.
pub const IMPORT_MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most results one import may hold.
pub const IMPORT_MAX_SESSIONS: usize = 10_000;
/// Bump when the JSON shape changes; import accepts this version and older.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ExportFile {
    format: String,
    version: u32,
    #[serde(with = "time::serde::rfc3339")]
    exported_at: OffsetDateTime,
    sessions: Vec<Session>,
}

/// What to do with an imported result whose id is already saved with
/// different content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Keep what is saved; report the id as conflicting.
    #[default]
    KeepExisting,
    /// Replace what is saved with the imported version (the caller asked).
    Overwrite,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: Vec<String>,
    /// Already saved with identical content.
    pub skipped_identical: Vec<String>,
    /// Already saved with different content and left as it was.
    pub conflicting: Vec<String>,
    /// Already saved with different content and replaced (ImportMode::Overwrite).
    pub overwritten: Vec<String>,
}

impl Store {
    /// Export results as JSON (all when `ids` is `None`), complete enough to
    /// import elsewhere.
    pub fn export_json(&self, ids: Option<&[&str]>) -> Result<String> {
        let sessions = self.sessions_for_export(ids)?;
        let file = ExportFile {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported_at: OffsetDateTime::now_utc(),
            sessions,
        };
        serde_json::to_string_pretty(&file).map_err(|e| StoreError::Export(e.to_string()))
    }

    /// Export results as CSV, one row per result: id, finished, form, lang,
    /// label, the six scores, interest code, chosen Job Zone.
    pub fn export_csv(&self, ids: Option<&[&str]>) -> Result<String> {
        let sessions = self.sessions_for_export(ids)?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let ex = |e: csv::Error| StoreError::Export(e.to_string());
        w.write_record([
            "id",
            "finished",
            "form",
            "lang",
            "label",
            "realistic",
            "investigative",
            "artistic",
            "social",
            "enterprising",
            "conventional",
            "code",
            "zone",
        ])
        .map_err(ex)?;
        for s in &sessions {
            let mut rec = vec![
                s.id.clone(),
                crate::timefmt::to_text(s.finished_at)?,
                form_str(s.form).to_owned(),
                s.lang.code().to_owned(),
                spreadsheet_safe(s.label.as_deref().unwrap_or("")),
            ];
            rec.extend(s.scores.as_array().iter().map(u8::to_string));
            rec.push(s.code().unwrap_or_default());
            rec.push(s.job_zone.map(|z| z.to_string()).unwrap_or_default());
            w.write_record(&rec).map_err(ex)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| StoreError::Export(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| StoreError::Export(e.to_string()))
    }

    fn sessions_for_export(&self, ids: Option<&[&str]>) -> Result<Vec<Session>> {
        self.read(|c| {
            let ids: Vec<String> = match ids {
                Some(ids) => ids.iter().map(|s| (*s).to_owned()).collect(),
                None => sessions::all_ids(c)?,
            };
            ids.iter()
                .map(|id| {
                    sessions::load(c, id)?.ok_or_else(|| StoreError::not_found("saved result", id))
                })
                .collect()
        })
    }

    /// Import a JSON export. All or nothing: an invalid file imports nothing.
    /// Results already saved are never changed unless `mode` is `Overwrite`.
    pub fn import_json(&self, data: &str, mode: ImportMode) -> Result<ImportReport> {
        let sessions = parse_export(data)?;
        self.write(|tx| {
            let mut report = ImportReport::default();
            for s in &sessions {
                match sessions::load(tx, &s.id)? {
                    None => {
                        sessions::insert(tx, s)?;
                        report.imported.push(s.id.clone());
                    }
                    Some(existing) if existing == *s => report.skipped_identical.push(s.id.clone()),
                    Some(_) if mode == ImportMode::Overwrite => {
                        sessions::delete(tx, &s.id)?;
                        sessions::insert(tx, s)?;
                        report.overwritten.push(s.id.clone());
                    }
                    Some(_) => report.conflicting.push(s.id.clone()),
                }
            }
            Ok(report)
        })
    }

    /// For shared computers: remove every saved result, every draft and every
    /// cached response that describes a person, then rebuild the file so the
    /// removed data is not left in free pages or in the WAL. Keeps settings,
    /// the occupation pack and non-personal caches (questions, occupations).
    pub fn forget_everything(&self) -> Result<ForgetReport> {
        let report = self.write(|tx| {
            Ok(ForgetReport {
                sessions: tx.execute("DELETE FROM sessions", [])? as u64,
                drafts: tx.execute("DELETE FROM drafts", [])? as u64,
                cache_entries: tx.execute("DELETE FROM cache WHERE personal <> 0", [])? as u64,
            })
        })?;
        let conn = self.conn();
        checkpoint_truncate(&conn)?;
        conn.execute_batch("VACUUM")?;
        // VACUUM in WAL mode writes the rebuilt pages through the WAL; fold
        // them into the main file and empty the WAL so no old copy remains.
        checkpoint_truncate(&conn)?;
        Ok(report)
    }

    /// Between two people on a kiosk: remove every draft and every cached response that
    /// describes a person, then fold the WAL into the file and empty it. With secure_delete
    /// the removed rows are zeroed in place, so no copy stays in free pages or in the WAL.
    /// Saved results stay (a kiosk saves them only when an admin allows it, without labels);
    /// cheaper than [`Store::forget_everything`], which also rebuilds the file.
    pub fn wipe_visitor(&self) -> Result<ForgetReport> {
        let report = self.write(|tx| {
            Ok(ForgetReport {
                sessions: 0,
                drafts: tx.execute("DELETE FROM drafts", [])? as u64,
                cache_entries: tx.execute("DELETE FROM cache WHERE personal <> 0", [])? as u64,
            })
        })?;
        checkpoint_truncate(&self.conn())?;
        Ok(report)
    }
}

fn checkpoint_truncate(conn: &rusqlite::Connection) -> Result<()> {
    let (busy, _log, _done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        // Another connection is reading; the WAL could not be emptied.
        return Err(StoreError::Busy);
    }
    Ok(())
}

fn parse_export(data: &str) -> Result<Vec<Session>> {
    let invalid = |m: String| StoreError::ImportInvalid(m);
    if data.len() > IMPORT_MAX_BYTES {
        return Err(invalid(format!(
            "the file is larger than {} MiB; a Waypoint export is much smaller",
            IMPORT_MAX_BYTES / (1024 * 1024)
        )));
    }
    let value: serde_json::Value = serde_json::from_str(data)
        .map_err(|e| invalid(format!("not a Waypoint export (not valid JSON: {e})")))?;
    let format = value.get("format").and_then(|v| v.as_str());
    if format != Some(EXPORT_FORMAT) {
        return Err(invalid(
            "not a Waypoint export (missing or unknown \"format\")".into(),
        ));
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| invalid("the export has no version number".into()))?;
    if version > u64::from(EXPORT_VERSION) {
        return Err(invalid(format!(
            "the export was written by a newer Waypoint (format version {version}); update Waypoint to import it"
        )));
    }
    let file: ExportFile = serde_json::from_value(value)
        .map_err(|e| invalid(format!("the export is damaged or incomplete: {e}")))?;
    if file.sessions.len() > IMPORT_MAX_SESSIONS {
        return Err(invalid(format!(
            "the export holds more than {IMPORT_MAX_SESSIONS} results"
        )));
    }
    let mut seen: std::collections::HashMap<&str, &Session> = Default::default();
    for s in &file.sessions {
        s.validate().map_err(|e| invalid(e.to_string()))?;
        s.check_import_limits()
            .map_err(|e| invalid(e.to_string()))?;
        if let Some(prev) = seen.insert(&s.id, s) {
            if prev != s {
                return Err(invalid(format!(
                    "the export lists result {} twice with different content",
                    s.id
                )));
            }
        }
    }
    let mut out = file.sessions;
    let mut ids = std::collections::HashSet::new();
    out.retain(|s| ids.insert(s.id.clone()));
    Ok(out)
}
