use std::time::Duration;
use waypoint_error_code::ErrorCode;

/// Everything that can go wrong talking to O*NET Web Services.
///
/// Messages are written for the person using the app, and never contain the
/// API key (body snippets are scrubbed of it too). `code()` is stable and is
/// what the UI and the CLI switch on.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no O*NET API key is set; add your key in settings (or ONET_API_KEY) and try again")]
    MissingKey,
    #[error(
        "O*NET rejected the API key (HTTP {status}); check that the key is correct and active"
    )]
    Unauthorized { status: u16 },
    #[error("O*NET rejected a parameter: {message}")]
    InvalidParameter { message: String },
    #[error("O*NET is limiting requests (HTTP 429){}; wait a moment and try again", retry_after_text(.retry_after))]
    RateLimited { retry_after: Option<u64> },
    #[error("O*NET has no resource at {resource} (HTTP 404)")]
    NotFound { resource: String },
    #[error("O*NET had a server error (HTTP {status}) for {resource}; try again later")]
    Server { status: u16, resource: String },
    #[error("O*NET did not answer in time ({resource}); check the connection and try again")]
    Timeout { resource: String },
    #[error("cannot reach O*NET ({detail}); check the internet connection")]
    Offline { detail: String },
    /// The TLS certificate was refused, often a network that inspects secure connections
    /// with a root certificate this computer does not trust. Asking again does not help.
    #[error("a security certificate on this network was refused, so O*NET cannot be reached ({detail}); a school or office network may inspect secure connections: ask its IT staff to install its certificate on this computer")]
    Certificate { detail: String },
    /// Connection dropped or body cut short. The app falls back as when offline, but
    /// tells the person the truth: the connection worked and then broke.
    #[error("the connection to O*NET broke while loading {resource} ({detail}); check the internet connection and try again")]
    Interrupted { resource: String, detail: String },
    #[error("O*NET sent an unusable response for {resource}: {detail} (body starts: {snippet:?})")]
    BadResponse {
        resource: String,
        detail: String,
        snippet: String,
    },
    #[error("{0}")]
    InvalidAnswers(String),
    #[error("{0}")]
    InvalidScores(String),
    #[error("the Job Zone must be 1 to 5, not {0}")]
    InvalidZone(i64),
    #[error("invalid range: {0}")]
    InvalidRange(String),
    #[error("{0:?} is not an O*NET-SOC code (expected the form 15-1252.00)")]
    InvalidCode(String),
    #[error("{0}")]
    InvalidKeyword(String),
    #[error("invalid Database Services parameter: {0}")]
    InvalidQuery(String),
    #[error("invalid client configuration: {0}")]
    Config(String),
}

fn retry_after_text(s: &Option<u64>) -> String {
    match s {
        Some(s) => format!(", retry after {s} s"),
        None => String::new(),
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::MissingKey | Error::Unauthorized { .. } => ErrorCode::OnetUnauthorized,
            Error::InvalidParameter { .. } => ErrorCode::OnetInvalidParameter,
            Error::RateLimited { .. } => ErrorCode::OnetRateLimited,
            Error::NotFound { .. } => ErrorCode::OnetNotFound,
            Error::Server { .. } => ErrorCode::OnetServerError,
            Error::Timeout { .. } => ErrorCode::NetworkTimeout,
            Error::Offline { .. } => ErrorCode::NetworkOffline,
            Error::Certificate { .. } => ErrorCode::NetworkCertificate,
            Error::Interrupted { .. } => ErrorCode::NetworkInterrupted,
            Error::BadResponse { .. } => ErrorCode::OnetBadResponse,
            Error::InvalidAnswers(_) => ErrorCode::InputInvalidAnswers,
            Error::InvalidScores(_) => ErrorCode::InputInvalidScores,
            Error::InvalidZone(_) => ErrorCode::InputInvalidZone,
            Error::InvalidRange(_) => ErrorCode::InputInvalidRange,
            Error::InvalidCode(_) => ErrorCode::InputInvalidCode,
            Error::InvalidQuery(_) => ErrorCode::InputInvalidQuery,
            Error::InvalidKeyword(_) => ErrorCode::InputInvalidKeyword,
            Error::Config(_) => ErrorCode::InputInvalidConfig,
        }
    }

    /// Rejected before any request was sent.
    pub fn is_input(&self) -> bool {
        self.code().category() == "input"
    }

    /// Worth trying again later (the client already retried these).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. }
                | Error::Server { .. }
                | Error::Timeout { .. }
                | Error::Offline { .. }
                | Error::Interrupted { .. }
        )
    }

    /// The app should fall back to offline data.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            Error::Offline { .. }
                | Error::Certificate { .. }
                | Error::Interrupted { .. }
                | Error::Timeout { .. }
        )
    }

    pub fn is_auth(&self) -> bool {
        matches!(self, Error::MissingKey | Error::Unauthorized { .. })
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited {
                retry_after: Some(s),
            } => Some(Duration::from_secs(*s)),
            _ => None,
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(Error);

pub type Result<T, E = Error> = std::result::Result<T, E>;
