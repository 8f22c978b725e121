//! The one shape every Waypoint error takes on its way to the UI: `{"code": "store.busy",
//! "message": "…"}` — a stable code to branch on and a sentence a person can read.
//!
//! Every code is a variant of [`ErrorCode`]; each crate keeps its own error type (thiserror,
//! with a `code(&self) -> ErrorCode` method) and gives it [`HasCode`] and its wire shape with
//! one line: `serialize_as_code_and_message!(MyError);`.

#[doc(hidden)]
pub use serde as __serde;

use serde::{Deserialize, Serialize};

/// Every error and notice code Waypoint sends. The serialised strings are stable: stored
/// data, tests and the UI's message tables use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[non_exhaustive]
pub enum ErrorCode {
    #[serde(rename = "config.invalid_api_base")]
    ConfigInvalidApiBase,
    #[serde(rename = "config.no_home")]
    ConfigNoHome,
    #[serde(rename = "config.data_moved")]
    ConfigDataMoved,
    #[serde(rename = "config.data_not_moved")]
    ConfigDataNotMoved,
    #[serde(rename = "kiosk.pin_invalid_format")]
    KioskPinInvalidFormat,
    #[serde(rename = "kiosk.pin_wrong")]
    KioskPinWrong,
    #[serde(rename = "kiosk.pin_locked")]
    KioskPinLocked,
    #[serde(rename = "kiosk.no_pin")]
    KioskNoPin,
    #[serde(rename = "kiosk.pin_hash")]
    KioskPinHash,
    #[serde(rename = "kiosk.config_invalid")]
    KioskConfigInvalid,
    #[serde(rename = "kiosk.config_unreadable")]
    KioskConfigUnreadable,
    #[serde(rename = "kiosk.lock_state_io")]
    KioskLockStateIo,
    #[serde(rename = "report.invalid")]
    ReportInvalid,
    #[serde(rename = "report.io")]
    ReportIo,
    #[serde(rename = "print.failed")]
    PrintFailed,
    #[serde(rename = "print.unavailable")]
    PrintUnavailable,
    #[serde(rename = "input.invalid_answers")]
    InputInvalidAnswers,
    #[serde(rename = "input.invalid_scores")]
    InputInvalidScores,
    #[serde(rename = "input.invalid_zone")]
    InputInvalidZone,
    #[serde(rename = "profile.flat")]
    ProfileFlat,
    #[serde(rename = "pack.invalid")]
    PackInvalid,
    #[serde(rename = "pack.io")]
    PackIo,
    /// A release file past the import's size or row cap (a zip bomb, not a release).
    #[serde(rename = "pack.too_large")]
    PackTooLarge,
    #[serde(rename = "batch.io")]
    BatchIo,
    #[serde(rename = "keychain.unavailable")]
    KeychainUnavailable,
    #[serde(rename = "keychain.locked")]
    KeychainLocked,
    #[serde(rename = "keychain.failed")]
    KeychainFailed,
    #[serde(rename = "store.io")]
    StoreIo,
    #[serde(rename = "store.corrupt")]
    StoreCorrupt,
    #[serde(rename = "store.newer_version")]
    StoreNewerVersion,
    #[serde(rename = "store.busy")]
    StoreBusy,
    #[serde(rename = "store.not_found")]
    StoreNotFound,
    #[serde(rename = "store.import_invalid")]
    StoreImportInvalid,
    #[serde(rename = "store.invalid_input")]
    StoreInvalidInput,
    #[serde(rename = "store.disk_full")]
    StoreDiskFull,
    #[serde(rename = "store.read_only")]
    StoreReadOnly,
    #[serde(rename = "store.sqlite")]
    StoreSqlite,
    #[serde(rename = "store.data")]
    StoreData,
    #[serde(rename = "store.export")]
    StoreExport,
    #[serde(rename = "onet.unauthorized")]
    OnetUnauthorized,
    #[serde(rename = "onet.invalid_parameter")]
    OnetInvalidParameter,
    #[serde(rename = "onet.rate_limited")]
    OnetRateLimited,
    #[serde(rename = "onet.not_found")]
    OnetNotFound,
    #[serde(rename = "onet.server_error")]
    OnetServerError,
    #[serde(rename = "network.timeout")]
    NetworkTimeout,
    #[serde(rename = "network.offline")]
    NetworkOffline,
    #[serde(rename = "network.certificate")]
    NetworkCertificate,
    #[serde(rename = "network.interrupted")]
    NetworkInterrupted,
    #[serde(rename = "onet.bad_response")]
    OnetBadResponse,
    #[serde(rename = "input.invalid_range")]
    InputInvalidRange,
    #[serde(rename = "input.invalid_code")]
    InputInvalidCode,
    #[serde(rename = "input.invalid_query")]
    InputInvalidQuery,
    #[serde(rename = "input.invalid_config")]
    InputInvalidConfig,
    #[serde(rename = "input.invalid")]
    InputInvalid,
    #[serde(rename = "input.page_out_of_range")]
    InputPageOutOfRange,
    /// A career search keyword that is empty, blank or too long.
    #[serde(rename = "input.invalid_keyword")]
    InputInvalidKeyword,
    #[serde(rename = "report.unavailable_offline")]
    ReportUnavailableOffline,
    #[serde(rename = "onet.no_key")]
    OnetNoKey,
    #[serde(rename = "careers.estimate")]
    CareersEstimate,
    #[serde(rename = "careers.need_data")]
    CareersNeedData,
    /// A notice: search results from the offline occupation pack, not O*NET.
    #[serde(rename = "search.offline")]
    SearchOffline,
    #[serde(rename = "export.cancelled")]
    ExportCancelled,
    #[serde(rename = "export.io")]
    ExportIo,
    #[serde(rename = "import.io")]
    ImportIo,
    #[serde(rename = "import.cancelled")]
    ImportCancelled,
    #[serde(rename = "pack.failed")]
    PackFailed,
    #[serde(rename = "open.failed")]
    OpenFailed,
    #[serde(rename = "print.disabled")]
    PrintDisabled,
    #[serde(rename = "kiosk.locked")]
    KioskLocked,
    #[serde(rename = "kiosk.forbidden")]
    KioskForbidden,
    #[serde(rename = "open.refused")]
    OpenRefused,
    #[serde(rename = "store.recovered_from_corruption")]
    StoreRecoveredFromCorruption,
    /// Made by the UI: a JavaScript exception.
    #[serde(rename = "ui.exception")]
    UiException,
    /// Made by the UI: a failure that carried no code.
    #[serde(rename = "unknown")]
    Unknown,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::ConfigInvalidApiBase,
        ErrorCode::ConfigNoHome,
        ErrorCode::ConfigDataMoved,
        ErrorCode::ConfigDataNotMoved,
        ErrorCode::KioskPinInvalidFormat,
        ErrorCode::KioskPinWrong,
        ErrorCode::KioskPinLocked,
        ErrorCode::KioskNoPin,
        ErrorCode::KioskPinHash,
        ErrorCode::KioskConfigInvalid,
        ErrorCode::KioskConfigUnreadable,
        ErrorCode::KioskLockStateIo,
        ErrorCode::ReportInvalid,
        ErrorCode::ReportIo,
        ErrorCode::PrintFailed,
        ErrorCode::PrintUnavailable,
        ErrorCode::InputInvalidAnswers,
        ErrorCode::InputInvalidScores,
        ErrorCode::InputInvalidZone,
        ErrorCode::ProfileFlat,
        ErrorCode::PackInvalid,
        ErrorCode::PackIo,
        ErrorCode::PackTooLarge,
        ErrorCode::BatchIo,
        ErrorCode::KeychainUnavailable,
        ErrorCode::KeychainLocked,
        ErrorCode::KeychainFailed,
        ErrorCode::StoreIo,
        ErrorCode::StoreCorrupt,
        ErrorCode::StoreNewerVersion,
        ErrorCode::StoreBusy,
        ErrorCode::StoreNotFound,
        ErrorCode::StoreImportInvalid,
        ErrorCode::StoreInvalidInput,
        ErrorCode::StoreDiskFull,
        ErrorCode::StoreReadOnly,
        ErrorCode::StoreSqlite,
        ErrorCode::StoreData,
        ErrorCode::StoreExport,
        ErrorCode::OnetUnauthorized,
        ErrorCode::OnetInvalidParameter,
        ErrorCode::OnetRateLimited,
        ErrorCode::OnetNotFound,
        ErrorCode::OnetServerError,
        ErrorCode::NetworkTimeout,
        ErrorCode::NetworkOffline,
        ErrorCode::NetworkCertificate,
        ErrorCode::NetworkInterrupted,
        ErrorCode::OnetBadResponse,
        ErrorCode::InputInvalidRange,
        ErrorCode::InputInvalidCode,
        ErrorCode::InputInvalidQuery,
        ErrorCode::InputInvalidConfig,
        ErrorCode::InputInvalid,
        ErrorCode::InputPageOutOfRange,
        ErrorCode::InputInvalidKeyword,
        ErrorCode::ReportUnavailableOffline,
        ErrorCode::OnetNoKey,
        ErrorCode::CareersEstimate,
        ErrorCode::CareersNeedData,
        ErrorCode::SearchOffline,
        ErrorCode::ExportCancelled,
        ErrorCode::ExportIo,
        ErrorCode::ImportIo,
        ErrorCode::ImportCancelled,
        ErrorCode::PackFailed,
        ErrorCode::OpenFailed,
        ErrorCode::PrintDisabled,
        ErrorCode::KioskLocked,
        ErrorCode::KioskForbidden,
        ErrorCode::OpenRefused,
        ErrorCode::StoreRecoveredFromCorruption,
        ErrorCode::UiException,
        ErrorCode::Unknown,
    ];

    /// The wire string, e.g. `"onet.not_found"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ConfigInvalidApiBase => "config.invalid_api_base",
            ErrorCode::ConfigNoHome => "config.no_home",
            ErrorCode::ConfigDataMoved => "config.data_moved",
            ErrorCode::ConfigDataNotMoved => "config.data_not_moved",
            ErrorCode::KioskPinInvalidFormat => "kiosk.pin_invalid_format",
            ErrorCode::KioskPinWrong => "kiosk.pin_wrong",
            ErrorCode::KioskPinLocked => "kiosk.pin_locked",
            ErrorCode::KioskNoPin => "kiosk.no_pin",
            ErrorCode::KioskPinHash => "kiosk.pin_hash",
            ErrorCode::KioskConfigInvalid => "kiosk.config_invalid",
            ErrorCode::KioskConfigUnreadable => "kiosk.config_unreadable",
            ErrorCode::KioskLockStateIo => "kiosk.lock_state_io",
            ErrorCode::ReportInvalid => "report.invalid",
            ErrorCode::ReportIo => "report.io",
            ErrorCode::PrintFailed => "print.failed",
            ErrorCode::PrintUnavailable => "print.unavailable",
            ErrorCode::InputInvalidAnswers => "input.invalid_answers",
            ErrorCode::InputInvalidScores => "input.invalid_scores",
            ErrorCode::InputInvalidZone => "input.invalid_zone",
            ErrorCode::ProfileFlat => "profile.flat",
            ErrorCode::PackInvalid => "pack.invalid",
            ErrorCode::PackIo => "pack.io",
            ErrorCode::PackTooLarge => "pack.too_large",
            ErrorCode::BatchIo => "batch.io",
            ErrorCode::KeychainUnavailable => "keychain.unavailable",
            ErrorCode::KeychainLocked => "keychain.locked",
            ErrorCode::KeychainFailed => "keychain.failed",
            ErrorCode::StoreIo => "store.io",
            ErrorCode::StoreCorrupt => "store.corrupt",
            ErrorCode::StoreNewerVersion => "store.newer_version",
            ErrorCode::StoreBusy => "store.busy",
            ErrorCode::StoreNotFound => "store.not_found",
            ErrorCode::StoreImportInvalid => "store.import_invalid",
            ErrorCode::StoreInvalidInput => "store.invalid_input",
            ErrorCode::StoreDiskFull => "store.disk_full",
            ErrorCode::StoreReadOnly => "store.read_only",
            ErrorCode::StoreSqlite => "store.sqlite",
            ErrorCode::StoreData => "store.data",
            ErrorCode::StoreExport => "store.export",
            ErrorCode::OnetUnauthorized => "onet.unauthorized",
            ErrorCode::OnetInvalidParameter => "onet.invalid_parameter",
            ErrorCode::OnetRateLimited => "onet.rate_limited",
            ErrorCode::OnetNotFound => "onet.not_found",
            ErrorCode::OnetServerError => "onet.server_error",
            ErrorCode::NetworkTimeout => "network.timeout",
            ErrorCode::NetworkOffline => "network.offline",
            ErrorCode::NetworkCertificate => "network.certificate",
            ErrorCode::NetworkInterrupted => "network.interrupted",
            ErrorCode::OnetBadResponse => "onet.bad_response",
            ErrorCode::InputInvalidRange => "input.invalid_range",
            ErrorCode::InputInvalidCode => "input.invalid_code",
            ErrorCode::InputInvalidQuery => "input.invalid_query",
            ErrorCode::InputInvalidConfig => "input.invalid_config",
            ErrorCode::InputInvalid => "input.invalid",
            ErrorCode::InputPageOutOfRange => "input.page_out_of_range",
            ErrorCode::InputInvalidKeyword => "input.invalid_keyword",
            ErrorCode::ReportUnavailableOffline => "report.unavailable_offline",
            ErrorCode::OnetNoKey => "onet.no_key",
            ErrorCode::CareersEstimate => "careers.estimate",
            ErrorCode::CareersNeedData => "careers.need_data",
            ErrorCode::SearchOffline => "search.offline",
            ErrorCode::ExportCancelled => "export.cancelled",
            ErrorCode::ExportIo => "export.io",
            ErrorCode::ImportIo => "import.io",
            ErrorCode::ImportCancelled => "import.cancelled",
            ErrorCode::PackFailed => "pack.failed",
            ErrorCode::OpenFailed => "open.failed",
            ErrorCode::PrintDisabled => "print.disabled",
            ErrorCode::KioskLocked => "kiosk.locked",
            ErrorCode::KioskForbidden => "kiosk.forbidden",
            ErrorCode::OpenRefused => "open.refused",
            ErrorCode::StoreRecoveredFromCorruption => "store.recovered_from_corruption",
            ErrorCode::UiException => "ui.exception",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// The part before the dot: `"onet"`, `"network"`, `"input"`, ...
    pub fn category(self) -> &'static str {
        let s = self.as_str();
        &s[..s.find('.').unwrap_or(s.len())]
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ErrorCode> for String {
    fn from(c: ErrorCode) -> String {
        c.as_str().to_owned()
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// An error with a stable [`ErrorCode`]. Anything that is `HasCode + Display` becomes the
/// UI's `{code, message}` through one blanket conversion (see the services' `Problem`).
pub trait HasCode {
    fn code(&self) -> ErrorCode;
}

impl<T: HasCode + ?Sized> HasCode for &T {
    fn code(&self) -> ErrorCode {
        (**self).code()
    }
}

/// Implements [`HasCode`] from the type's own `code()` method, and `serde::Serialize` as
/// `{code, message}` from that code and the `Display` text.
#[macro_export]
macro_rules! serialize_as_code_and_message {
    ($ty:ty) => {
        impl $crate::HasCode for $ty {
            fn code(&self) -> $crate::ErrorCode {
                <$ty>::code(self)
            }
        }

        impl $crate::__serde::Serialize for $ty {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__serde::ser::SerializeStruct;
                let mut st = s.serialize_struct(stringify!($ty), 2)?;
                st.serialize_field("code", &<$ty>::code(self))?;
                st.serialize_field("message", &self.to_string())?;
                st.end()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Demo {
        #[error("the pack has {0} occupations, at least 1 is needed")]
        Empty(u32),
    }

    impl Demo {
        fn code(&self) -> ErrorCode {
            ErrorCode::PackInvalid
        }
    }

    serialize_as_code_and_message!(Demo);

    #[test]
    fn an_error_becomes_its_code_and_its_sentence() {
        assert_eq!(
            serde_json::to_value(Demo::Empty(0)).unwrap(),
            serde_json::json!({
                "code": "pack.invalid",
                "message": "the pack has 0 occupations, at least 1 is needed"
            })
        );
        assert_eq!(HasCode::code(&Demo::Empty(0)), ErrorCode::PackInvalid);
    }

    #[test]
    fn wire_strings_are_unique_and_serde_agrees_with_as_str() {
        let mut seen = std::collections::HashSet::new();
        for &c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            assert_eq!(
                serde_json::from_value::<ErrorCode>(serde_json::json!(c.as_str())).unwrap(),
                c
            );
            assert!(c.as_str().starts_with(c.category()));
            assert!(!c.category().is_empty());
        }
        assert_eq!(ErrorCode::OnetNotFound.category(), "onet");
    }
}
