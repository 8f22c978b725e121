//! When to run SQLite's integrity check (issue #22). `PRAGMA quick_check` reads every page:
//! 168 ms at 1,000 saved results, seconds after a year of kiosk use. So it runs at open only
//! when there is a reason to doubt the file, and otherwise later, off the start-up path
//! ([`Store::check_integrity`]).
//!
//! The reasons, all read before SQLite opens the file:
//! - No record of a clean close (`waypoint.db-clean`), written by [`Store::close_cleanly`] (also
//!   on drop) and deleted at every open before the first write: a kill, a crash or a power cut
//!   leaves none.
//! - The record does not match the file's size and modification time: something else wrote it
//!   (a restore from backup, a half-finished copy, another program).
//! - SQLite's own sign: a non-empty `-wal` (or `-journal`). A clean close empties the WAL
//!   (TRUNCATE checkpoint) or deletes it; after a crash it still holds frames. It may also mean
//!   another process has the file open now, which only costs a check.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::{open_connection, quick_check, set_aside, side_path, Store};

fn marker(path: &Path) -> PathBuf {
    side_path(path, "-clean")
}

/// What the clean-close record holds: the main file's size and modification time.
fn fingerprint(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!("{} {}\n", meta.len(), mtime.as_nanos()))
}

fn non_empty(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Whether the file must be checked before use; see the module docs.
pub(crate) fn needs_check_at_open(path: &Path) -> bool {
    if !path.exists() {
        return false; // a new database: nothing to check
    }
    let reason = if non_empty(&side_path(path, "-wal")) || non_empty(&side_path(path, "-journal")) {
        "the last session left its write-ahead log behind"
    } else {
        match std::fs::read_to_string(marker(path)) {
            Err(_) => "the last session did not close cleanly",
            Ok(recorded) if fingerprint(path).as_deref() != Some(recorded.as_str()) => {
                "the file changed since the last clean close"
            }
            Ok(_) => return false,
        }
    };
    tracing::info!(reason, "checking the database's integrity at open");
    true
}

/// The file is about to be used: a crash from now on must find no clean-close record.
pub(crate) fn forget_clean_close(path: &Path) -> Result<()> {
    match std::fs::remove_file(marker(path)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(marker(path), e)),
    }
}

impl Store {
    /// Fold the WAL into the file, empty it and record a clean close, so the next open skips
    /// the integrity check. Dropping the store does this too; call it where a process exits
    /// without dropping (a Tauri app's exit event). The store stays usable: a later write
    /// makes the next open check again.
    pub fn close_cleanly(&self) -> Result<()> {
        let conn = self.conn();
        if conn.path().is_none_or(str::is_empty) {
            return Ok(()); // the placeholder after a failed replacement
        }
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            // Another connection is reading; its WAL stays and the next open checks.
            return Ok(());
        }
        let Some(print) = fingerprint(&self.path) else {
            return Ok(());
        };
        // Written while holding the connection, so no write of ours can slip in after it.
        std::fs::write(marker(&self.path), print).map_err(|e| StoreError::io(marker(&self.path), e))
    }

    /// The open already ran the integrity check (see [`crate::OpenReport::checked_at_open`]),
    /// so a later [`Store::check_integrity`] would only repeat it.
    pub fn checked_at_open(&self) -> bool {
        self.checked_at_open
    }

    /// Run the integrity check now, off the start-up path (after the window is shown).
    /// `Ok(None)`: healthy. `Ok(Some(path))`: the file was damaged; it was moved to `path` with
    /// its WAL, nothing deleted, and the store now uses a fresh database; tell the person.
    ///
    /// The scan runs on its own read-only connection, so other calls are not held up by it.
    pub fn check_integrity(&self) -> Result<Option<PathBuf>> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let checker = Connection::open_with_flags(&self.path, flags)?;
        checker.busy_timeout(self.opts.busy_timeout)?;
        let found = quick_check(&checker);
        drop(checker);
        match found {
            Ok(()) => Ok(None),
            Err(e) if e.is_corruption() => {
                tracing::error!(path = %self.path.display(), error = %e, "database damaged; setting it aside");
                self.replace_damaged().map(Some)
            }
            Err(e) => Err(e),
        }
    }

    fn replace_damaged(&self) -> Result<PathBuf> {
        let mut conn = self.conn();
        // Closing must not fold the damaged file's WAL into it: both are kept as found.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        // Until the fresh file is open, calls fail (no tables) rather than write somewhere lost.
        let placeholder = Connection::open_in_memory_with_flags(
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        drop(std::mem::replace(&mut *conn, placeholder));
        match set_aside(&self.path) {
            Ok(aside) => {
                *conn = open_connection(&self.path, &self.opts, false)?;
                Ok(aside)
            }
            Err(e) => {
                // Could not move it: keep working on the damaged file rather than on nothing.
                if let Ok(c) = open_connection(&self.path, &self.opts, false) {
                    *conn = c;
                }
                Err(e)
            }
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Err(e) = self.close_cleanly() {
            tracing::warn!(error = %e, "could not record a clean close; the next open checks the file");
        }
    }
}
