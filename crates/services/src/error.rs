/// Everything a use case can fail with. Each lower crate's error keeps its own stable code.
use waypoint_error_code::ErrorCode;
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceError {
    #[error(transparent)]
    Onet(#[from] waypoint_onet::Error),
    #[error(transparent)]
    Profiler(#[from] waypoint_profiler::Error),
    #[error(transparent)]
    Store(#[from] waypoint_store::StoreError),
    #[error(transparent)]
    Keychain(#[from] waypoint_secrets::SecretsError),
    /// The PDF report could not be made, written or printed.
    #[error(transparent)]
    Report(#[from] waypoint_report_pdf::ReportError),
    #[error("{0}")]
    InvalidInput(String),
    #[error("Job Zone {0} does not exist: choose a zone from 1 to 5.")]
    InvalidZone(u8),
    #[error("Page {page} is past the end: there are {pages} page(s) of careers.")]
    PageOutOfRange { page: u32, pages: u32 },
    #[error("This career report is not saved on this computer and O*NET cannot be reached. Connect to the internet with an O*NET key to see it.")]
    ReportUnavailableOffline,
    #[error(
        "An O*NET API key is needed for this. Add one in Settings (free from O*NET Web Services)."
    )]
    NoKey,
}

impl ServiceError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::Onet(e) => e.code(),
            ServiceError::Profiler(e) => e.code(),
            ServiceError::Store(e) => e.code(),
            ServiceError::Keychain(e) => e.code(),
            ServiceError::Report(e) => e.code(),
            ServiceError::InvalidInput(_) => ErrorCode::InputInvalid,
            ServiceError::InvalidZone(_) => ErrorCode::InputInvalidZone,
            ServiceError::PageOutOfRange { .. } => ErrorCode::InputPageOutOfRange,
            ServiceError::ReportUnavailableOffline => ErrorCode::ReportUnavailableOffline,
            ServiceError::NoKey => ErrorCode::OnetNoKey,
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(ServiceError);

pub type Result<T> = std::result::Result<T, ServiceError>;
