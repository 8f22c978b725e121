//! THE place the API key comes from: env `ONET_API_KEY`, else the OS keychain entry the
//! desktop app uses (`waypoint_secrets::KeyStore::default()`), so a key added in the app
//! works here too. Only commands that need a key look it up.

use waypoint_onet::SecretString;
use waypoint_secrets::{KeyStore, SecretsError};

pub const ENV: &str = "ONET_API_KEY";

/// What the lookup found: the key, and why the keychain could not be read (if it could not).
pub struct Lookup {
    pub key: Option<SecretString>,
    pub keychain_error: Option<SecretsError>,
}

/// The key from `ONET_API_KEY` alone (blank counts as unset).
pub fn from_env() -> Option<SecretString> {
    std::env::var(ENV)
        .ok()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .map(SecretString::from)
}

/// `ONET_API_KEY`, else the keychain. A keychain that cannot be read is not an error here:
/// it is kept for [`Lookup::missing`], which says why no key was found.
pub fn api_key() -> Lookup {
    if let Some(key) = from_env() {
        return Lookup {
            key: Some(key),
            keychain_error: None,
        };
    }
    match KeyStore::default().load() {
        Ok(key) => Lookup {
            key: key.filter(|k| !secrecy::ExposeSecret::expose_secret(k).trim().is_empty()),
            keychain_error: None,
        },
        Err(e) => Lookup {
            key: None,
            keychain_error: Some(e),
        },
    }
}

impl Lookup {
    /// The error for a command that needs a key and found none (exit 3, nothing sent).
    pub fn missing(&self) -> crate::Fail {
        let mut fail = crate::Fail::new(
            3,
            format!(
                "no O*NET API key: set {ENV}, or add the key in the Waypoint app (it keeps it in the OS keychain)"
            ),
        );
        if let Some(e) = &self.keychain_error {
            fail = fail.note(format!("keychain: {e}"));
        }
        fail
    }
}
