//! One error type for the crate. The UI branches on `code()`; the message is
//! a sentence it can show as it is.

use waypoint_error_code::ErrorCode;
pub type Result<T, E = KioskError> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KioskError {
    #[error("The PIN must be 4 to 8 digits.")]
    PinInvalidFormat,

    #[error("Wrong PIN. {}", match *tries_left { 0 => "The next wrong PIN makes the pad wait.".to_string(), 1 => "1 more wrong PIN before the pad makes you wait.".to_string(), n => format!("{n} more wrong PINs before the pad makes you wait.") })]
    PinWrong { tries_left: u32 },

    #[error("Too many wrong PINs. The pad takes the next one in {seconds_left} {}.", if *seconds_left == 1 { "second" } else { "seconds" })]
    PinLocked { seconds_left: u32 },

    #[error("No admin PIN has been set.")]
    NoPin,

    /// Turning kiosk mode on without a PIN would leave staff no way out.
    #[error("Set an admin PIN before turning kiosk mode on, so staff can leave it.")]
    EnableWithoutPin,

    /// An admin action while kiosk mode is on and the PIN was not entered; says what was refused.
    #[error("Enter the admin PIN to {0}.")]
    Locked(&'static str),

    /// The stored hash could not be read or a new one could not be made.
    #[error("The admin PIN could not be checked: {0}")]
    PinHash(String),

    /// `origin` is the file path, or "admin settings" for changes made in the app.
    #[error("{origin}: setting `{field}`: {reason}")]
    ConfigInvalid {
        origin: String,
        field: String,
        reason: String,
    },

    /// A managed config file exists (or was named) but could not be read or parsed as TOML.
    #[error("{origin}: {reason}")]
    ConfigUnreadable { origin: String, reason: String },

    /// A command a kiosk visitor may not run (see `access::COMMAND_ACCESS`).
    #[error("This is not available at this kiosk ({0}). Ask a staff member for help.")]
    Forbidden(String),

    /// Reading or writing the persisted PIN wrong-try counter failed.
    #[error("The PIN pad's wrong-try counter at {path} could not be read or saved: {reason}")]
    LockStateIo { path: String, reason: String },
}

impl KioskError {
    /// A stable dotted code for programs.
    pub fn code(&self) -> ErrorCode {
        match self {
            KioskError::PinInvalidFormat => ErrorCode::KioskPinInvalidFormat,
            KioskError::PinWrong { .. } => ErrorCode::KioskPinWrong,
            KioskError::PinLocked { .. } => ErrorCode::KioskPinLocked,
            KioskError::NoPin | KioskError::EnableWithoutPin => ErrorCode::KioskNoPin,
            KioskError::Locked(_) => ErrorCode::KioskLocked,
            KioskError::PinHash(_) => ErrorCode::KioskPinHash,
            KioskError::ConfigInvalid { .. } => ErrorCode::KioskConfigInvalid,
            KioskError::ConfigUnreadable { .. } => ErrorCode::KioskConfigUnreadable,
            KioskError::LockStateIo { .. } => ErrorCode::KioskLockStateIo,
            KioskError::Forbidden(_) => ErrorCode::KioskForbidden,
        }
    }

    pub(crate) fn invalid(
        source: impl Into<String>,
        field: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        KioskError::ConfigInvalid {
            origin: source.into(),
            field: field.into(),
            reason: reason.into(),
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(KioskError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_serialises_as_code_and_message() {
        let cases = [
            (KioskError::PinInvalidFormat, "kiosk.pin_invalid_format"),
            (KioskError::PinWrong { tries_left: 2 }, "kiosk.pin_wrong"),
            (
                KioskError::PinLocked { seconds_left: 30 },
                "kiosk.pin_locked",
            ),
            (KioskError::NoPin, "kiosk.no_pin"),
            (KioskError::EnableWithoutPin, "kiosk.no_pin"),
            (KioskError::Locked("close Waypoint"), "kiosk.locked"),
            (KioskError::PinHash("x".into()), "kiosk.pin_hash"),
            (KioskError::Forbidden("set_key".into()), "kiosk.forbidden"),
            (
                KioskError::invalid("f", "idle_minutes", "r"),
                "kiosk.config_invalid",
            ),
            (
                KioskError::ConfigUnreadable {
                    origin: "f".into(),
                    reason: "r".into(),
                },
                "kiosk.config_unreadable",
            ),
            (
                KioskError::LockStateIo {
                    path: "p".into(),
                    reason: "r".into(),
                },
                "kiosk.lock_state_io",
            ),
        ];
        for (e, code) in cases {
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v["code"], code);
            assert_eq!(v["message"], e.to_string());
            assert_eq!(v.as_object().unwrap().len(), 2);
        }
    }

    #[test]
    fn messages_carry_the_numbers_and_grammar() {
        assert_eq!(
            KioskError::PinWrong { tries_left: 1 }.to_string(),
            "Wrong PIN. 1 more wrong PIN before the pad makes you wait."
        );
        assert_eq!(
            KioskError::PinWrong { tries_left: 0 }.to_string(),
            "Wrong PIN. The next wrong PIN makes the pad wait."
        );
        assert_eq!(
            KioskError::PinLocked { seconds_left: 30 }.to_string(),
            "Too many wrong PINs. The pad takes the next one in 30 seconds."
        );
        assert_eq!(
            KioskError::invalid(
                "/etc/waypoint/kiosk.toml",
                "idle_minutes",
                "must be 1 to 30"
            )
            .to_string(),
            "/etc/waypoint/kiosk.toml: setting `idle_minutes`: must be 1 to 30"
        );
    }
}
