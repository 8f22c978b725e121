//! Saved results: read back exactly as they were seen, offline.

use waypoint_store::{ImportMode, Session};

use crate::dto::{
    AreaDiff, Comparison, ImportReport, SessionDetail, SessionPage, SessionQuery, SessionSummary,
    SnapshotRow, SnapshotTab,
};
use crate::{rfc3339, Result, Services};

fn summary(s: waypoint_store::SessionSummary) -> SessionSummary {
    SessionSummary {
        id: s.id,
        finished_at: rfc3339(s.finished_at),
        form: s.form,
        code: s.code,
        label: s.label,
    }
}

pub(crate) fn detail(s: Session) -> SessionDetail {
    SessionDetail {
        code: s.code(),
        max_per_area: s.form.scale_max(),
        id: s.id,
        started_at: rfc3339(s.started_at),
        finished_at: rfc3339(s.finished_at),
        form: s.form,
        lang: s.lang,
        label: s.label,
        answers: s.answers,
        scores: s.scores,
        zone: s.job_zone,
        snapshot: s
            .careers
            .into_iter()
            .map(|t| SnapshotTab {
                tab: t.tab,
                total: t.total,
                rows: t
                    .rows
                    .into_iter()
                    .map(|r| SnapshotRow {
                        code: r.code,
                        title: r.title,
                        fit: r.fit,
                        bright_outlook: r.bright_outlook.unwrap_or(false),
                        estimate: r.source == waypoint_store::CareerSource::Estimate,
                        fetched_at: rfc3339(r.fetched_at),
                    })
                    .collect(),
            })
            .collect(),
    }
}

impl Services {
    pub fn list_sessions(&self) -> Result<Vec<SessionSummary>> {
        Ok(self
            .store
            .list_sessions()?
            .into_iter()
            .map(summary)
            .collect())
    }

    /// The history one page at a time, optionally searched by label: reads only that page,
    /// so it stays quick with tens of thousands of saved results (issue #22).
    pub fn list_sessions_page(&self, query: &SessionQuery) -> Result<SessionPage> {
        let page = self
            .store
            .list_sessions_page(&waypoint_store::SessionQuery {
                label: query.label.clone(),
                after: query.after.clone(),
                limit: query.limit,
            })?;
        Ok(SessionPage {
            items: page.items.into_iter().map(summary).collect(),
            next: page.next,
            total: u32::try_from(page.total).unwrap_or(u32::MAX),
        })
    }

    /// Runs SQLite's integrity check, meant for after the window is shown (the store opens
    /// without it after a clean close). `Some(path)`: the database was damaged and moved to
    /// `path`, nothing deleted; a fresh one is in use now and the person should be told.
    pub fn check_integrity(&self) -> Result<Option<std::path::PathBuf>> {
        Ok(self.store.check_integrity()?)
    }

    pub fn get_session(&self, id: &str) -> Result<SessionDetail> {
        Ok(detail(self.session(id)?))
    }

    pub fn delete_session(&self, id: &str) -> Result<()> {
        Ok(self.store.delete_session(id)?)
    }

    pub fn compare_sessions(&self, a: &str, b: &str) -> Result<Comparison> {
        let c = self.store.compare_sessions(a, b)?;
        Ok(Comparison {
            a: summary(c.a),
            b: summary(c.b),
            areas: c
                .areas
                .into_iter()
                .map(|d| AreaDiff {
                    area: d.area,
                    a: d.a,
                    b: d.b,
                    delta: d.delta,
                })
                .collect(),
        })
    }

    /// One or all results as re-importable JSON.
    pub fn export_json(&self, ids: Option<&[String]>) -> Result<String> {
        let ids: Option<Vec<&str>> = ids.map(|v| v.iter().map(String::as_str).collect());
        Ok(self.store.export_json(ids.as_deref())?)
    }

    /// One row per result, for spreadsheets.
    pub fn export_csv(&self, ids: Option<&[String]>) -> Result<String> {
        let ids: Option<Vec<&str>> = ids.map(|v| v.iter().map(String::as_str).collect());
        Ok(self.store.export_csv(ids.as_deref())?)
    }

    /// Imports an export; results already here are recognised by id and never overwritten.
    pub fn import_json(&self, data: &str) -> Result<ImportReport> {
        let r = self.store.import_json(data, ImportMode::KeepExisting)?;
        Ok(ImportReport {
            imported: r.imported.len() as u32,
            skipped_identical: r.skipped_identical.len() as u32,
            conflicts: r.conflicting,
        })
    }

    /// Removes every result, draft and personal cache entry (shared computers).
    pub fn forget_everything(&self) -> Result<()> {
        self.forget_unsaved();
        self.store.forget_everything()?;
        Ok(())
    }
}
