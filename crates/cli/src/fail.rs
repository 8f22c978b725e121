//! How a command fails: an exit code, a message, and optional notes, all on stderr.
//!
//! Exit codes: 0 ok, 2 invalid input (nothing sent, nothing changed), 3 no key or key
//! rejected, 4 any other API, network or local storage failure.

use waypoint_services::ServiceError;

#[derive(Debug)]
pub struct Fail {
    pub exit: u8,
    pub message: String,
    /// Extra lines printed after the error, e.g. `hint: ...` or `keychain: ...`.
    pub notes: Vec<String>,
}

impl Fail {
    pub fn new(exit: u8, message: impl Into<String>) -> Fail {
        Fail {
            exit,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// Invalid input: exit 2.
    pub fn input(message: impl Into<String>) -> Fail {
        Fail::new(2, message)
    }

    pub fn note(mut self, note: impl Into<String>) -> Fail {
        self.notes.push(note.into());
        self
    }

    pub fn print(&self) {
        eprintln!("error: {}", self.message);
        for n in &self.notes {
            eprintln!("{n}");
        }
    }
}

/// Exit code for an O*NET client error.
pub fn onet_exit(e: &waypoint_onet::Error) -> u8 {
    if e.is_input() {
        2
    } else if e.is_auth() {
        3
    } else {
        4
    }
}

impl From<waypoint_onet::Error> for Fail {
    fn from(e: waypoint_onet::Error) -> Fail {
        let fail = Fail::new(onet_exit(&e), e.to_string());
        if e.is_auth() && !matches!(e, waypoint_onet::Error::MissingKey) {
            fail.note(format!(
                "hint: the key sent came from {} or the OS keychain",
                crate::key::ENV
            ))
        } else {
            fail
        }
    }
}

/// Everything the profiler refuses is about what it was given: answers, a zone, a release
/// file, a batch file.
impl From<waypoint_profiler::Error> for Fail {
    fn from(e: waypoint_profiler::Error) -> Fail {
        Fail::input(e.to_string())
    }
}

impl From<waypoint_store::StoreError> for Fail {
    fn from(e: waypoint_store::StoreError) -> Fail {
        Fail::new(4, e.to_string())
    }
}

impl From<waypoint_config::ConfigError> for Fail {
    fn from(e: waypoint_config::ConfigError) -> Fail {
        Fail::input(e.to_string())
    }
}

impl From<ServiceError> for Fail {
    fn from(e: ServiceError) -> Fail {
        match e {
            ServiceError::Onet(e) => e.into(),
            ServiceError::Profiler(e) => e.into(),
            ServiceError::Store(e) => e.into(),
            ServiceError::NoKey | ServiceError::Keychain(_) => Fail::new(3, e.to_string()),
            ServiceError::InvalidInput(_) | ServiceError::InvalidZone(_) => {
                Fail::input(e.to_string())
            }
            other => Fail::new(4, other.to_string()),
        }
    }
}
