//! Changes to a result after it is filed: the Job Zone the person picks and the careers each
//! tab showed, which arrive after submit (six tabs fetched at once, filed in one [`crate::Batch`]).

use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::{Result, StoreError};
use crate::model::CareerTab;
use crate::sessions::insert_tab;
use crate::Store;
use waypoint_profiler::Lang;

fn session_rid(tx: &Transaction<'_>, id: &str) -> Result<i64> {
    tx.query_row("SELECT rid FROM sessions WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found("result", id))
}

/// [`Store::put_session_careers`] inside a caller's transaction (also used by [`crate::Batch`]).
pub(crate) fn put_tab(tx: &Transaction<'_>, id: &str, tab: &CareerTab) -> Result<()> {
    let key = tab.tab.key();
    let rid = session_rid(tx, id)?;
    // A tab fetched again keeps its place; a new tab goes last.
    let existing: Option<i64> = tx
        .query_row(
            "SELECT position FROM session_tabs WHERE session_rid = ?1 AND tab = ?2",
            params![rid, key],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "DELETE FROM session_tabs WHERE session_rid = ?1 AND tab = ?2",
        params![rid, key],
    )?;
    let position: i64 = match existing {
        Some(p) => p,
        None => tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM session_tabs WHERE session_rid = ?1",
            [rid],
            |r| r.get(0),
        )?,
    };
    insert_tab(tx, rid, position, tab)
}

impl Store {
    pub fn set_session_zone(&self, id: &str, zone: Option<u8>) -> Result<()> {
        if let Some(z) = zone {
            if !(1..=5).contains(&z) {
                return Err(StoreError::InvalidInput(format!("job zone {z} is not 1-5")));
            }
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE sessions SET job_zone = ?2 WHERE id = ?1",
                params![id, zone],
            )?;
            if n == 0 {
                return Err(StoreError::not_found("result", id));
            }
            Ok(())
        })
    }

    /// Replaces one tab of a result's careers snapshot, leaving the other tabs alone.
    pub fn put_session_careers(&self, id: &str, tab: &CareerTab) -> Result<()> {
        self.write(|tx| put_tab(tx, id, tab))
    }

    /// The person switched language mid-questionnaire; the answers stay.
    pub fn set_draft_lang(&self, draft_id: &str, lang: Lang) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE drafts SET lang = ?2 WHERE id = ?1",
                params![draft_id, lang.code()],
            )?;
            if n == 0 {
                return Err(StoreError::not_found("draft", draft_id));
            }
            Ok(())
        })
    }
}
