//! Waypoint's local store: one SQLite file in the app-data folder holding saved
//! results, questionnaire drafts, the O*NET cache, the occupation pack and
//! non-secret settings. No Tauri here; see README.md for tables and policies.

mod batch;
mod cache;
mod drafts;
mod error;
mod exchange;
mod integrity;
mod migrate;
mod model;
mod pack;
mod sessions;
mod settings;
mod timefmt;
mod updates;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use time::OffsetDateTime;

pub use batch::Batch;
pub use cache::CacheKey;
pub use error::{Result, StoreError};
pub use exchange::{
    ImportMode, ImportReport, EXPORT_FORMAT, EXPORT_VERSION, IMPORT_MAX_BYTES, IMPORT_MAX_SESSIONS,
};
pub use model::{
    interest_code, is_bidi_control, AreaDiff, CachedEntry, CareerRow, CareerSource, CareerTab,
    Comparison, Draft, ForgetReport, PackInfo, Session, SessionSummary, CAREERS_PER_TAB_MAX,
    CAREER_CODE_MAX_CHARS, CAREER_TITLE_MAX_CHARS, LABEL_MAX_CHARS,
};
pub use sessions::{SessionPage, SessionQuery, MAX_PAGE};
pub use waypoint_profiler::{Area, Fit, Form, Lang, Occupation, OccupationPack, Scores, Tab};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "waypoint.db";

/// Tunables; the defaults suit the desktop app.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// How long a write waits for another connection before `store.busy`.
    pub busy_timeout: Duration,
    /// Cache entries older than this are reported stale (still returned).
    pub cache_max_age: Duration,
    /// Bound on the bytes of cached bodies; past it the least recently used non-personal
    /// entries are dropped on each write. Personal entries go with "forget" and the kiosk wipe.
    pub cache_max_bytes: u64,
}

/// Default [`StoreOptions::cache_max_bytes`]: 64 MiB, hundreds of times what one
/// visitor's session caches.
pub const CACHE_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            busy_timeout: Duration::from_secs(5),
            cache_max_age: Duration::from_secs(30 * 24 * 60 * 60),
            cache_max_bytes: CACHE_MAX_BYTES,
        }
    }
}

/// What happened while opening.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct OpenReport {
    /// A damaged database was moved here and a fresh one created; tell the person.
    pub recovered_from: Option<PathBuf>,
    /// The integrity check ran during this open: the last session did not end with a clean
    /// close, or the file changed since. Otherwise run [`Store::check_integrity`] later.
    pub checked_at_open: bool,
}

/// The store. `Send + Sync`: share it in an `Arc` across tokio tasks; calls are
/// short and serialized on one connection (use `spawn_blocking` for big exports).
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    opts: StoreOptions,
    checked_at_open: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (or create) `dir/waypoint.db`, recovering from a damaged file.
    pub fn open(dir: impl AsRef<Path>) -> Result<(Store, OpenReport)> {
        Store::open_with(dir, StoreOptions::default())
    }

    pub fn open_with(dir: impl AsRef<Path>, opts: StoreOptions) -> Result<(Store, OpenReport)> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let path = dir.join(DB_FILE);
        let mut report = OpenReport::default();
        // Decided before SQLite touches the files (opening creates an empty WAL).
        let check = integrity::needs_check_at_open(&path);
        report.checked_at_open = check;
        let conn = match open_connection(&path, &opts, check) {
            Ok(c) => c,
            Err(e) if e.is_corruption() => {
                tracing::error!(path = %path.display(), error = %e, "database damaged; setting it aside");
                let aside = set_aside(&path)?;
                report.recovered_from = Some(aside);
                open_connection(&path, &opts, false)?
            }
            Err(e) => return Err(e),
        };
        Ok((
            Store {
                conn: Mutex::new(conn),
                path,
                opts,
                checked_at_open: report.checked_at_open,
            },
            report,
        ))
    }

    /// Full path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn options(&self) -> &StoreOptions {
        &self.opts
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done write:
        // rusqlite rolls back the transaction on drop. So the connection is
        // still good; carry on.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.conn();
        f(&conn)
    }

    /// Run `f` in one write transaction. IMMEDIATE takes the write lock up
    /// front, so a busy database fails here (after the busy timeout) instead of
    /// deadlocking on a read-to-write upgrade.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Run SQLite's quick integrity check now; `Ok(())` when healthy.
    pub fn quick_check(&self) -> Result<()> {
        self.read(quick_check)
    }
}

fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems.len() == 1 && problems[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            detail: problems.join("; "),
        })
    }
}

fn open_connection(path: &Path, opts: &StoreOptions, check: bool) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| match e.into() {
        StoreError::Sqlite(e) => StoreError::io(path, std::io::Error::other(e.to_string())),
        other => other,
    })?;
    conn.busy_timeout(opts.busy_timeout)?;
    // Until the file has passed the checks, closing must not checkpoint: that
    // would write a damaged file's WAL into it and delete the WAL, destroying
    // what we set aside for rescue.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // Before anything that writes (even switching to WAL rewrites the header):
    // a newer Waypoint's file must stay byte-for-byte untouched. Reading the
    // header is also what reveals a non-SQLite file (NOTADB -> Corrupt).
    migrate::check_not_newer(&conn)?;
    if check {
        quick_check(&conn)?;
    }
    // From here on the file is in use: a crash must leave no clean-close record behind.
    integrity::forget_clean_close(path)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "could not switch to WAL");
    }
    // FULL, not NORMAL: with WAL, NORMAL already survives a process kill, but
    // may drop the last commits on a power cut. An answer is worth one fsync
    // (a person answers every few seconds), and "acknowledged = kept" must
    // hold for power cuts too.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Deleted rows (results of someone on a shared computer) are zeroed in the
    // file rather than left in free pages.
    conn.pragma_update(None, "secure_delete", true)?;
    migrate::run(&mut conn)?;
    Ok(conn)
}

/// Move a damaged database and its side files out of the way, keeping them for
/// a possible manual rescue. Returns the new path of the main file.
fn set_aside(path: &Path) -> Result<PathBuf> {
    let stamp = timefmt::compact(OffsetDateTime::now_utc());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| DB_FILE.to_owned());
    let mut target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    integrity::forget_clean_close(path)?;
    // Side files first: if the main rename then failed, a fresh database must
    // not pick up the damaged file's WAL.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = side_path(path, suffix);
        if side.exists() {
            let to = side_path(&target, suffix);
            std::fs::rename(&side, &to).map_err(|e| StoreError::io(&side, e))?;
        }
    }
    std::fs::rename(path, &target).map_err(|e| StoreError::io(path, e))?;
    Ok(target)
}

fn side_path(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Store>();
    }

    /// The durability and privacy settings as the store's one connection reports them.
    /// A kill test passes with syncing off, so only reading them back pins them.
    fn assert_pragmas(store: &Store, when: &str) {
        let conn = store.conn();
        let get = |name: &str| -> String {
            conn.query_row(&format!("PRAGMA {name}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t.to_lowercase(),
                other => format!("{other:?}"),
            })
            .unwrap()
        };
        assert_eq!(get("journal_mode"), "wal", "{when}: journal_mode");
        assert_eq!(get("synchronous"), "2", "{when}: synchronous (2 = FULL)");
        assert_eq!(get("foreign_keys"), "1", "{when}: foreign_keys");
        assert_eq!(get("secure_delete"), "1", "{when}: secure_delete");
        assert_eq!(
            get("busy_timeout"),
            store.options().busy_timeout.as_millis().to_string(),
            "{when}: busy_timeout"
        );
    }

    #[test]
    fn every_connection_has_wal_full_sync_foreign_keys_and_secure_delete() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (store, _) = Store::open(dir.path()).unwrap();
            assert_pragmas(&store, "new file");
            // VACUUM rebuilds the file on the same connection; the settings must survive it.
            store.forget_everything().unwrap();
            assert_pragmas(&store, "after forget_everything");
        }
        let (store, _) = Store::open(dir.path()).unwrap();
        assert_pragmas(&store, "reopened file");
        drop(store);

        // The recovery path opens a second connection after setting the damaged file aside.
        let damaged = tempfile::tempdir().unwrap();
        std::fs::write(damaged.path().join(DB_FILE), "not a database\n".repeat(300)).unwrap();
        let (store, report) = Store::open(damaged.path()).unwrap();
        assert!(report.recovered_from.is_some());
        assert_pragmas(&store, "after recovery");
    }
}
