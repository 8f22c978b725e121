//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! A small runner rather than `rusqlite_migration`: its current release is tied
//! to an older rusqlite, and two rusqlite versions cannot link SQLite side by
//! side. The contract is the same: migration N (1-based) is `MIGRATIONS[N-1]`,
//! `user_version` holds how many have been applied, never edit a shipped one —
//! append a new one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: initial schema
    r#"
-- Careers rows point at the small integer rid, not the 36-byte UUID: that
-- key is repeated in each of ~120 snapshot rows per session.
CREATE TABLE sessions (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    started_at    TEXT NOT NULL,
    finished_at   TEXT NOT NULL,
    form          TEXT NOT NULL CHECK (form IN ('ip60', 'ip30', 'typed')),
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'es')),
    answers       TEXT,
    realistic     INTEGER NOT NULL,
    investigative INTEGER NOT NULL,
    artistic      INTEGER NOT NULL,
    social        INTEGER NOT NULL,
    enterprising  INTEGER NOT NULL,
    conventional  INTEGER NOT NULL,
    job_zone      INTEGER CHECK (job_zone BETWEEN 1 AND 5),
    label         TEXT
);
CREATE INDEX sessions_by_finished ON sessions (finished_at DESC, id);

CREATE TABLE session_tabs (
    session_rid INTEGER NOT NULL REFERENCES sessions (rid) ON DELETE CASCADE,
    tab        TEXT NOT NULL CHECK (tab IN ('1', '2', '3', '4', '5', 'all')),
    position   INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    PRIMARY KEY (session_rid, tab)
) WITHOUT ROWID;

CREATE TABLE session_careers (
    session_rid    INTEGER NOT NULL,
    tab            TEXT NOT NULL,
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    title          TEXT NOT NULL,
    fit            TEXT CHECK (fit IN ('best', 'great', 'good')),
    bright_outlook INTEGER,
    source         TEXT NOT NULL CHECK (source IN ('api', 'estimate')),
    fetched_at     TEXT NOT NULL,
    PRIMARY KEY (session_rid, tab, position),
    FOREIGN KEY (session_rid, tab) REFERENCES session_tabs (session_rid, tab) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE drafts (
    id         TEXT PRIMARY KEY NOT NULL,
    form       TEXT NOT NULL CHECK (form IN ('ip60', 'ip30')),
    lang       TEXT NOT NULL CHECK (lang IN ('en', 'es')),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    next_seq   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE draft_answers (
    draft_id   TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    item_index INTEGER NOT NULL,
    value      INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    seq        INTEGER NOT NULL,
    PRIMARY KEY (draft_id, item_index)
) WITHOUT ROWID;

CREATE TABLE cache (
    resource   TEXT NOT NULL,
    params     TEXT NOT NULL,
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    release    TEXT,
    personal   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (resource, params, lang)
) WITHOUT ROWID;

CREATE TABLE pack_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    release     TEXT NOT NULL,
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    count       INTEGER NOT NULL
);

CREATE TABLE pack_occupations (
    position       INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    job_zone       INTEGER,
    bright_outlook INTEGER,
    realistic      REAL NOT NULL,
    investigative  REAL NOT NULL,
    artistic       REAL NOT NULL,
    social         REAL NOT NULL,
    enterprising   REAL NOT NULL,
    conventional   REAL NOT NULL,
    high_point     TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#,
    // 2: least-recently-used order for the cache's size bound
    r#"
-- size is the body's length in bytes; the index covers the bound's sums, so they never
-- read the bodies themselves.
ALTER TABLE cache ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cache ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
UPDATE cache SET size = length(CAST(body AS BLOB));
CREATE INDEX cache_lru ON cache (personal, last_used, size);
"#,
    // 3: history search by label at tens of thousands of results (issue #22). Words of the
    // label, case- and accent-folded ("maria" finds "María"), searched by prefix; an
    // external-content index, so the labels are not stored twice.
    r#"
CREATE VIRTUAL TABLE sessions_label USING fts5 (
    label, content = 'sessions', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO sessions_label (sessions_label) VALUES ('rebuild');
CREATE TRIGGER sessions_label_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO sessions_label (rowid, label) VALUES (new.rid, new.label);
END;
CREATE TRIGGER sessions_label_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO sessions_label (sessions_label, rowid, label) VALUES ('delete', old.rid, old.label);
END;
CREATE TRIGGER sessions_label_update AFTER UPDATE OF label ON sessions BEGIN
    INSERT INTO sessions_label (sessions_label, rowid, label) VALUES ('delete', old.rid, old.label);
    INSERT INTO sessions_label (rowid, label) VALUES (new.rid, new.label);
END;
"#,
    // 4: the other titles of the pack's occupations (issue #23): reported job titles (the
    // "also called" titles when shown) and alternate titles, for offline search. IF NOT
    // EXISTS: a store rewound to an older schema version (as a test does) may still hold it.
    r#"
CREATE TABLE IF NOT EXISTS pack_titles (
    position INTEGER PRIMARY KEY,
    code     TEXT NOT NULL,
    title    TEXT NOT NULL,
    shown    INTEGER NOT NULL CHECK (shown IN (0, 1)),
    source   TEXT NOT NULL CHECK (source IN ('reported', 'alternate'))
);
"#,
];

pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuse, without writing anything, a database from a newer Waypoint.
pub(crate) fn check_not_newer(conn: &Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > latest() {
        return Err(StoreError::NewerVersion {
            found,
            supported: latest(),
        });
    }
    Ok(())
}

/// Bring the schema up to date. Each step commits together with its new
/// `user_version`, so a crash mid-migration leaves a consistent older schema.
pub(crate) fn run(conn: &mut Connection) -> Result<()> {
    loop {
        // IMMEDIATE takes the write lock before reading the version, so two
        // processes opening a fresh file cannot both apply the same step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = user_version(&tx)?;
        if current > latest() {
            return Err(StoreError::NewerVersion {
                found: current,
                supported: latest(),
            });
        }
        if current == latest() {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[current as usize])?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
        tracing::info!(version = current + 1, "store schema migrated");
    }
}
