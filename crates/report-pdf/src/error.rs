//! The crate's one error type. `code()` values are stable: the UI branches on them.

use std::path::PathBuf;
use waypoint_error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The input cannot make a truthful report (scores out of range, answers that do not
    /// give the scores, an impossible date, …).
    #[error("The report cannot be made: {0}")]
    Invalid(String),

    #[error("Could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The print system exists but refused or failed the job.
    #[error("Printing failed: {0}")]
    PrintFailed(String),

    /// There is nothing to print with: no print command, no print service, no such printer
    /// or no default printer.
    #[error("Printing is not available: {0}")]
    PrintUnavailable(String),
}

impl ReportError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ReportError::Invalid(_) => ErrorCode::ReportInvalid,
            ReportError::Io { .. } => ErrorCode::ReportIo,
            ReportError::PrintFailed(_) => ErrorCode::PrintFailed,
            ReportError::PrintUnavailable(_) => ErrorCode::PrintUnavailable,
        }
    }

    pub(crate) fn invalid(msg: impl Into<String>) -> ReportError {
        ReportError::Invalid(msg.into())
    }
}

waypoint_error_code::serialize_as_code_and_message!(ReportError);
