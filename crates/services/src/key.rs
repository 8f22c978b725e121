//! The O*NET API key: checked against `about/`, kept only in the OS keychain, never returned.

use secrecy::{ExposeSecret, SecretString};

use crate::dto::{KeyCheck, KeyStatus};
use crate::{Problem, Result, ServiceError, Services};

impl Services {
    /// Reads the keychain each time (the Settings screen shows what is stored now); the
    /// first read also puts the key in use, so start-up never asks the keychain twice.
    pub fn key_status(&self) -> KeyStatus {
        let loaded = self.keys.load();
        self.key_loaded
            .get_or_init(|| self.apply_loaded_key(&loaded));
        match loaded {
            Ok(k) => KeyStatus {
                present: k.is_some(),
                last_four: k.as_ref().map(waypoint_secrets::last_four),
                keychain_error: None,
            },
            Err(e) => KeyStatus {
                present: false,
                last_four: None,
                keychain_error: Some(Problem::from(e)),
            },
        }
    }

    /// Checks a key with `about/`; stores it when O*NET accepts it, or when the service cannot
    /// be reached and the person said to store it anyway.
    pub async fn set_key(&self, key: &str, store_if_offline: bool) -> Result<KeyCheck> {
        let key = key.trim();
        if key.is_empty() || key.chars().any(char::is_whitespace) || key.len() > 512 {
            return Err(ServiceError::InvalidInput(
                "That does not look like an O*NET API key: paste the key exactly as O*NET sent it, with no spaces.".into(),
            ));
        }
        let secret = SecretString::from(key.to_string());
        // Registered for log redaction only once stored (install_key): a rejected attempt
        // such as "info" must not blank that word in every later log line.
        let probe = self.build_client(Some(secret.clone()))?;
        let r = probe.about().await;
        self.observe(&r);
        let verdict = match &r {
            Ok(about) => {
                self.store
                    .set_setting("onet.release", &about.database.name)?;
                KeyCheck::Valid
            }
            Err(e) if e.is_auth() => KeyCheck::Rejected,
            Err(e) if e.is_offline() || e.is_retryable() => {
                if store_if_offline {
                    KeyCheck::StoredUnverified
                } else {
                    KeyCheck::OfflineUnverified
                }
            }
            Err(_) => return Err(r.unwrap_err().into()),
        };
        if matches!(verdict, KeyCheck::Valid | KeyCheck::StoredUnverified) {
            self.keys.save(&secret)?;
            self.key_decided();
            self.install_key(Some(secret));
        }
        Ok(verdict)
    }

    pub fn remove_key(&self) -> Result<()> {
        let old = self.keys.load().ok().flatten();
        self.keys.remove()?;
        self.key_decided();
        self.install_key(None);
        if let Some(k) = old {
            waypoint_logging::forget_secret(k.expose_secret());
        }
        Ok(())
    }
}
