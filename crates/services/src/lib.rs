//! Waypoint's use cases, in plain Rust: the app's Tauri commands and `waypoint-cli` are thin
//! layers over [`Services`], and tests drive it with the O*NET test server and a temporary
//! store, no window needed.
//!
//! The rule everywhere: O*NET when a key is set and the service answers (then cached), else
//! the cache, else what Waypoint bundles or estimates offline — and the answer always says
//! which ([`dto::Source`]).

pub mod careers;
pub mod dto;
mod error;
mod fallback;
pub mod history;
pub mod key;
pub mod online;
pub mod pack;
pub mod pdf;
pub mod prepare;
pub mod questionnaire;
pub mod report;
pub mod results;
pub mod search;
mod wipe;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use waypoint_onet::{Client, RetryPolicy};
use waypoint_profiler::Matcher;
use waypoint_secrets::{KeyStore, SecretsError};
use waypoint_store::{Session, Store};

pub use error::{Result, ServiceError};
pub use online::Online;
pub use waypoint_error_code::{ErrorCode, HasCode};

/// An error as the UI receives it: a stable code to branch on, a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct Problem {
    pub code: ErrorCode,
    pub message: String,
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
        }
    }
}

/// Every error with a stable code (each crate's error, the services' own) becomes
/// `{code, message}` the same way.
impl<E: HasCode + std::fmt::Display> From<E> for Problem {
    fn from(e: E) -> Self {
        Problem::new(e.code(), e.to_string())
    }
}

/// How the services reach O*NET.
#[derive(Debug, Clone)]
pub struct OnetSettings {
    pub base_url: String,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl OnetSettings {
    pub fn new(base_url: impl Into<String>) -> Self {
        OnetSettings {
            base_url: base_url.into(),
            connect_timeout: waypoint_onet::CONNECT_TIMEOUT,
            request_timeout: waypoint_onet::REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
        }
    }
}

type OnlineListener = Box<dyn Fn(bool) + Send + Sync>;

/// The app's state behind every command. Cheap to share: wrap it in an `Arc`.
pub struct Services {
    store: Store,
    keys: KeyStore,
    onet: OnetSettings,
    client: RwLock<Option<Client>>,
    keychain_error: Mutex<Option<Problem>>,
    /// Set once the keychain was read, or a key was given or changed: from then on the
    /// keychain is not read for the key in use (see [`Services::load_key`]).
    key_loaded: OnceLock<()>,
    online: Mutex<Option<bool>>,
    on_online: Mutex<Option<OnlineListener>>,
    matcher: Mutex<Option<Arc<Matcher>>>,
    /// The offline search index over the pack, built on first use.
    search_index: Mutex<Option<Arc<waypoint_profiler::SearchIndex>>>,
    /// Results a kiosk shows but does not file in history; dropped by [`Services::forget_unsaved`].
    unsaved: Mutex<HashMap<String, Session>>,
    /// Careers pages asked for at submit, until a careers tab takes them up.
    inflight: careers::InFlight,
    /// Kiosks keep results out of history unless an admin allows it.
    save_results: std::sync::atomic::AtomicBool,
}

impl Services {
    /// Does not touch the keychain: the key is read when first needed or by
    /// [`Services::load_key`] (the app calls it after the first paint), so a keychain prompt
    /// (macOS) or a slow Secret Service never holds up start-up or a kiosk.
    pub fn new(store: Store, keys: KeyStore, onet: OnetSettings) -> Services {
        Services {
            store,
            keys,
            onet,
            client: RwLock::new(None),
            keychain_error: Mutex::new(None),
            key_loaded: OnceLock::new(),
            online: Mutex::new(None),
            on_online: Mutex::new(None),
            matcher: Mutex::new(None),
            search_index: Mutex::new(None),
            unsaved: Mutex::new(HashMap::new()),
            inflight: careers::InFlight::default(),
            save_results: std::sync::atomic::AtomicBool::new(true),
        }
    }

    /// Reads the stored key from the keychain, once: the first call asks the keychain, later
    /// calls (and every call after [`Services::use_key`] or a key change) do nothing. Returns
    /// the keychain's problem when that first read failed; Waypoint then carries on without
    /// API careers, and [`Services::key_status`] tells the person.
    pub fn load_key(&self) -> Option<Problem> {
        self.key_loaded.get_or_init(|| {
            let loaded = self.keys.load();
            self.apply_loaded_key(&loaded);
        });
        self.keychain_error.lock().unwrap().clone()
    }

    /// Whether the keychain was read (or a key given) yet.
    pub fn key_loaded(&self) -> bool {
        self.key_loaded.get().is_some()
    }

    fn apply_loaded_key(
        &self,
        loaded: &std::result::Result<Option<secrecy::SecretString>, SecretsError>,
    ) {
        match loaded {
            Ok(Some(k)) => self.install_key(Some(k.clone())),
            Ok(None) => {}
            Err(e) => self.remember_keychain_error(e),
        }
    }

    /// Marks the key as decided without reading the keychain: what follows sets it.
    fn key_decided(&self) {
        self.key_loaded.get_or_init(|| ());
        *self.keychain_error.lock().unwrap() = None;
    }

    /// Uses `key` for this run only, without touching the keychain (the CLI's `ONET_API_KEY`).
    pub fn use_key(&self, key: secrecy::SecretString) {
        self.key_decided();
        self.install_key(Some(key));
    }

    /// Whether a key is in use (from the keychain or [`Services::use_key`]).
    pub fn has_key(&self) -> bool {
        self.load_key();
        self.client.read().unwrap().is_some()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Called with `true`/`false` whenever a real call to O*NET changes what we know.
    pub fn on_online_change(&self, f: impl Fn(bool) + Send + Sync + 'static) {
        *self.on_online.lock().unwrap() = Some(Box::new(f));
    }

    /// What the last call to O*NET showed; `None` before any call.
    pub fn online(&self) -> Option<bool> {
        *self.online.lock().unwrap()
    }

    pub fn set_save_results(&self, save: bool) {
        self.save_results
            .store(save, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn saves_results(&self) -> bool {
        self.save_results.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn remember_keychain_error(&self, e: &SecretsError) {
        tracing::warn!(code = %e.code(), "keychain unavailable: {e}");
        *self.keychain_error.lock().unwrap() = Some(Problem::from(e));
    }

    fn build_client(&self, key: Option<secrecy::SecretString>) -> Result<Client> {
        online::build_client(&self.onet, key)
    }

    fn install_key(&self, key: Option<secrecy::SecretString>) {
        if let Some(k) = &key {
            online::use_key(k);
        }
        let client = match key {
            Some(k) => match self.build_client(Some(k)) {
                Ok(c) => Some(c),
                Err(e) => {
                    tracing::error!(code = %e.code(), "could not build the O*NET client: {e}");
                    None
                }
            },
            None => None,
        };
        *self.client.write().unwrap() = client;
    }

    /// The client when a key is set.
    fn client(&self) -> Option<Client> {
        self.load_key();
        self.client.read().unwrap().clone()
    }

    /// Records what a call to O*NET showed about reachability, and tells the UI on a change.
    fn observe<T>(&self, r: &std::result::Result<T, waypoint_onet::Error>) {
        let now_online = match r {
            Ok(_) => true,
            Err(e) if e.is_offline() => false,
            // Any HTTP answer, even an error, proves the service is reachable.
            Err(e) if e.is_input() => return,
            Err(_) => true,
        };
        let changed = {
            let mut o = self.online.lock().unwrap();
            let changed = *o != Some(now_online);
            *o = Some(now_online);
            changed
        };
        if changed {
            tracing::info!(online = now_online, "O*NET reachability changed");
            if let Some(f) = self.on_online.lock().unwrap().as_ref() {
                f(now_online);
            }
        }
    }

    fn keep_unsaved(&self, s: Session) {
        self.unsaved.lock().unwrap().insert(s.id.clone(), s);
    }

    fn unsaved(&self, id: &str) -> Option<Session> {
        self.unsaved.lock().unwrap().get(id).cloned()
    }

    /// Drops every result held only in memory (the kiosk wipe).
    pub fn forget_unsaved(&self) {
        self.unsaved.lock().unwrap().clear();
        self.inflight.clear();
    }

    /// A result by id: one held in memory first, else history.
    fn session(&self, id: &str) -> Result<Session> {
        match self.unsaved(id) {
            Some(s) => Ok(s),
            None => Ok(self.store.get_session(id)?),
        }
    }

    /// The O*NET database release the cache is filed under; "unknown" until `about/` answers.
    fn release(&self) -> Option<String> {
        self.store
            .get_setting::<String>("onet.release")
            .ok()
            .flatten()
    }
}

pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
