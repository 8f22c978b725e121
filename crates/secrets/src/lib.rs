//! The O*NET API key lives in the OS keychain (Secret Service, macOS Keychain, Windows
//! Credential Manager) and nowhere else: not the database, not a settings file, not the logs.
//! The app and `waypoint-cli` share one entry, so a key added in one works in the other.

use secrecy::{ExposeSecret, SecretString};
use waypoint_error_code::ErrorCode;

/// The keychain entry's service name: the app's bundle identifier.
pub const SERVICE: &str = "org.waypoint.profiler";
/// The keychain entry's account name.
pub const ACCOUNT: &str = "onet-api-key";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsError {
    #[error("No keychain is available to keep the O*NET key ({detail}). On Windows, check that the Credential Manager service is running; on macOS, open Keychain Access and check that your login keychain is there; on Linux, Waypoint uses the Secret Service: install and start GNOME Keyring or KWallet. Then try again. Waypoint keeps working without the key, using its offline data.")]
    Unavailable { detail: String },
    #[error("The keychain is locked or Waypoint was refused access ({detail}). On macOS, unlock the login keychain in Keychain Access and choose Always Allow when Waypoint asks; on Windows, sign in with your own Windows account (Credential Manager is unlocked with it); on Linux, log in to the desktop session or unlock GNOME Keyring. Then try again.")]
    Locked { detail: String },
    #[error("The keychain could not store the O*NET key: {detail}")]
    Failed { detail: String },
}

impl SecretsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SecretsError::Unavailable { .. } => ErrorCode::KeychainUnavailable,
            SecretsError::Locked { .. } => ErrorCode::KeychainLocked,
            SecretsError::Failed { .. } => ErrorCode::KeychainFailed,
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(SecretsError);

/// Turns keyring's errors into ones a person can act on. The key itself never appears:
/// keyring's errors describe the store, not the secret.
fn classify(e: keyring::Error) -> SecretsError {
    match e {
        keyring::Error::PlatformFailure(inner) => SecretsError::Unavailable {
            detail: inner.to_string(),
        },
        keyring::Error::NoStorageAccess(inner) => SecretsError::Locked {
            detail: inner.to_string(),
        },
        other => SecretsError::Failed {
            detail: other.to_string(),
        },
    }
}

/// One keychain entry. `KeyStore::default()` is the entry the app and the CLI use.
#[derive(Debug, Clone)]
pub struct KeyStore {
    service: String,
    account: String,
}

impl Default for KeyStore {
    fn default() -> Self {
        KeyStore::new(SERVICE, ACCOUNT)
    }
}

impl KeyStore {
    /// A store with other names, so tests never touch a person's real key.
    pub fn new(service: &str, account: &str) -> Self {
        KeyStore {
            service: service.to_string(),
            account: account.to_string(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, SecretsError> {
        keyring::Entry::new(&self.service, &self.account).map_err(classify)
    }

    /// The stored key, or `None` when there is none.
    pub fn load(&self) -> Result<Option<SecretString>, SecretsError> {
        match self.entry()?.get_password() {
            Ok(k) => Ok(Some(SecretString::from(k))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }

    pub fn save(&self, key: &SecretString) -> Result<(), SecretsError> {
        self.entry()?
            .set_password(key.expose_secret())
            .map_err(classify)
    }

    /// Removes the key; removing a key that is not there is not an error.
    pub fn remove(&self) -> Result<(), SecretsError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(e)),
        }
    }
}

/// The only part of a key the UI may show: its last four characters.
pub fn last_four(key: &SecretString) -> String {
    let k = key.expose_secret();
    let n = k.chars().count();
    k.chars().skip(n.saturating_sub(4)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Boom(&'static str);
    impl std::fmt::Display for Boom {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Boom {}

    #[test]
    fn no_service_and_locked_keychains_get_their_own_codes_and_advice() {
        let e = classify(keyring::Error::PlatformFailure(Box::new(Boom("no dbus"))));
        assert_eq!(e.code(), "keychain.unavailable");
        assert!(e.to_string().contains("no dbus"));
        // Advice for every system, not only the one the test runs on.
        for step in ["Credential Manager", "Keychain Access", "GNOME Keyring"] {
            assert!(e.to_string().contains(step), "{step}: {e}");
        }
        let e = classify(keyring::Error::NoStorageAccess(Box::new(Boom("locked"))));
        assert_eq!(e.code(), "keychain.locked");
        for step in ["Always Allow", "Windows account", "GNOME Keyring"] {
            assert!(e.to_string().contains(step), "{step}: {e}");
        }
        let e = classify(keyring::Error::TooLong("password".into(), 4096));
        assert_eq!(e.code(), "keychain.failed");
    }

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = classify(keyring::Error::NoStorageAccess(Box::new(Boom("x"))));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "keychain.locked");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("The keychain is locked"));
    }

    #[test]
    fn a_real_os_keychain_is_compiled_in_not_keyrings_mock() {
        // Without its platform feature in Cargo.toml, keyring v3 silently falls back to a
        // mock that forgets keys; this runs on each system in CI.
        let store = keyring::default::default_credential_builder();
        assert!(
            matches!(
                store.persistence(),
                keyring::credential::CredentialPersistence::UntilDelete
            ),
            "the default keyring store does not persist keys: {store:?}"
        );
    }

    #[test]
    fn only_the_last_four_characters_are_shown() {
        assert_eq!(last_four(&SecretString::from("abcdef123456")), "3456");
        assert_eq!(last_four(&SecretString::from("ab")), "ab");
        assert_eq!(last_four(&SecretString::from("ñandú-key-ÿz9")), "-ÿz9");
    }
}
