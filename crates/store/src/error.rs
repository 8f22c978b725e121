use std::path::PathBuf;
use waypoint_error_code::ErrorCode;

use rusqlite::ErrorCode as SqliteCode;

/// Every failure the store reports. Match on [`StoreError::code`] rather than on
/// variants: codes are stable, variants may grow.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot use the data folder or file {path}: {source}. Check that the folder exists and that Waypoint may write to it.")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the database file is damaged ({detail}). Restart Waypoint to set it aside and start a fresh one.")]
    Corrupt { detail: String },

    #[error("this database was written by a newer version of Waypoint (schema {found}, this version knows up to {supported}). Update Waypoint; the file was left untouched.")]
    NewerVersion { found: i64, supported: i64 },

    #[error("the database is busy in another Waypoint window or process; close it and try again.")]
    Busy,

    #[error("no {what} with id {id} was found; it may have been deleted.")]
    NotFound { what: &'static str, id: String },

    #[error("the file cannot be imported: {0}")]
    ImportInvalid(String),

    #[error("invalid value: {0}")]
    InvalidInput(String),

    #[error("the disk is full; free some space and try again.")]
    DiskFull,

    #[error("the database is read-only or cannot be written: {0}")]
    ReadOnly(String),

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),

    #[error("stored data could not be read back: {0}")]
    Data(String),

    #[error("export failed: {0}")]
    Export(String),
}

impl StoreError {
    /// Stable, dotted identifier for the UI and logs.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Io { .. } => ErrorCode::StoreIo,
            StoreError::Corrupt { .. } => ErrorCode::StoreCorrupt,
            StoreError::NewerVersion { .. } => ErrorCode::StoreNewerVersion,
            StoreError::Busy => ErrorCode::StoreBusy,
            StoreError::NotFound { .. } => ErrorCode::StoreNotFound,
            StoreError::ImportInvalid(_) => ErrorCode::StoreImportInvalid,
            StoreError::InvalidInput(_) => ErrorCode::StoreInvalidInput,
            StoreError::DiskFull => ErrorCode::StoreDiskFull,
            StoreError::ReadOnly(_) => ErrorCode::StoreReadOnly,
            StoreError::Sqlite(_) => ErrorCode::StoreSqlite,
            StoreError::Data(_) => ErrorCode::StoreData,
            StoreError::Export(_) => ErrorCode::StoreExport,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        StoreError::NotFound {
            what,
            id: id.into(),
        }
    }

    /// True for failures that mean "this file is not a healthy database".
    pub(crate) fn is_corruption(&self) -> bool {
        matches!(self, StoreError::Corrupt { .. })
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        // Classify by SQLite's primary code so callers (and open-time recovery)
        // can tell "retry later" from "the file is damaged".
        if let rusqlite::Error::SqliteFailure(f, ref msg) = e {
            match f.code {
                SqliteCode::DatabaseBusy | SqliteCode::DatabaseLocked => return StoreError::Busy,
                SqliteCode::DatabaseCorrupt | SqliteCode::NotADatabase => {
                    return StoreError::Corrupt {
                        detail: msg.clone().unwrap_or_else(|| f.to_string()),
                    }
                }
                SqliteCode::DiskFull => return StoreError::DiskFull,
                SqliteCode::ReadOnly => {
                    return StoreError::ReadOnly(msg.clone().unwrap_or_else(|| f.to_string()))
                }
                _ => {}
            }
        }
        StoreError::Sqlite(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Data(e.to_string())
    }
}

waypoint_error_code::serialize_as_code_and_message!(StoreError);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
