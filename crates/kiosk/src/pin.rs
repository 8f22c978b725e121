//! The admin PIN pad: an argon2 hash of a 4–8 digit PIN and a lock-out that
//! survives restarts.
//!
//! Five wrong tries lock the pad for 30 seconds; after that every further
//! wrong try locks it again for twice as long, up to 15 minutes, until the
//! right PIN resets the count. Lock times use wall-clock time because the
//! state is saved to disk and read back after a restart.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

use crate::error::{KioskError, Result};

/// Wrong tries allowed before the first lock.
pub const MAX_TRIES: u32 = 5;
const FIRST_LOCK: Duration = Duration::from_secs(30);
const MAX_LOCK: Duration = Duration::from_secs(15 * 60);

/// The persisted lock-out counter. Save it after every `verify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LockState {
    /// Wrong tries since the last right one.
    pub failures: u32,
    /// Unix time in milliseconds until which the pad refuses every try.
    pub locked_until_unix_ms: Option<u64>,
}

impl LockState {
    /// Reads a saved state; a missing file means no wrong tries yet.
    pub fn load(path: &Path) -> Result<LockState> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| io_err(path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LockState::default()),
            Err(e) => Err(io_err(path, e)),
        }
    }

    /// Writes through a temporary file and a rename so a crash mid-write
    /// cannot leave a truncated file that would reset the counter.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string(self).map_err(|e| io_err(path, e))?;
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, json).map_err(|e| io_err(path, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_err(path, e))
    }

    /// How long the lock that `failures` earns lasts: 30 s at the fifth
    /// wrong try, doubling with each further one, capped at 15 minutes.
    fn lock_length(failures: u32) -> Duration {
        let doublings = failures.saturating_sub(MAX_TRIES).min(16);
        (FIRST_LOCK * 2u32.pow(doublings)).min(MAX_LOCK)
    }
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> KioskError {
    KioskError::LockStateIo {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// What the PIN pad screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PinStatus {
    pub has_pin: bool,
    /// Seconds until the pad takes tries again, rounded up; `None` when open.
    pub locked_seconds_left: Option<u32>,
    /// Wrong tries left before the next lock (0 while locked).
    pub tries_left: u32,
}

#[derive(Debug, Clone)]
pub struct PinPad {
    hash: Option<String>,
    lock: LockState,
    params: Params,
}

impl PinPad {
    /// `hash` is `KioskConfig::pin_hash`; `lock` is the saved [`LockState`].
    pub fn new(hash: Option<String>, lock: LockState) -> Self {
        PinPad {
            hash,
            lock,
            params: Params::default(),
        }
    }

    /// Argon2 cost for new hashes. The default (argon2id, 19 MiB, 2 passes,
    /// 1 lane) follows OWASP's minimum; tests use a tiny one to stay fast.
    pub fn with_params(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    pub fn hash(&self) -> Option<&str> {
        self.hash.as_deref()
    }

    pub fn has_pin(&self) -> bool {
        self.hash.is_some()
    }

    pub fn lock_state(&self) -> &LockState {
        &self.lock
    }

    /// Sets a new PIN and returns its hash to store in the config. Only call
    /// this once the admin is unlocked (or no PIN exists yet).
    pub fn set_pin(&mut self, pin: &str) -> Result<String> {
        check_format(pin)?;
        let hash = hash_pin_with(pin, self.params.clone())?;
        self.hash = Some(hash.clone());
        self.lock = LockState::default();
        Ok(hash)
    }

    pub fn clear_pin(&mut self) {
        self.hash = None;
        self.lock = LockState::default();
    }

    /// Checks a PIN. The lock state may change, so save it afterwards.
    pub fn verify(&mut self, pin: &str, now: SystemTime) -> Result<()> {
        let Some(hash) = self.hash.clone() else {
            return Err(KioskError::NoPin);
        };
        if let Some(left) = self.lock_left(now) {
            // No hashing while locked: a locked pad must cost an attacker time, not just us.
            return Err(KioskError::PinLocked {
                seconds_left: ceil_secs(left),
            });
        }
        // Not counted: a malformed PIN cannot be right, so it tells nobody anything.
        check_format(pin)?;
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| KioskError::PinHash(format!("the stored hash is unreadable ({e})")))?;
        match Argon2::default().verify_password(pin.as_bytes(), &parsed) {
            Ok(()) => {
                self.lock = LockState::default();
                Ok(())
            }
            Err(argon2::password_hash::Error::Password) => {
                self.lock.failures = self.lock.failures.saturating_add(1);
                if self.lock.failures >= MAX_TRIES {
                    let length = LockState::lock_length(self.lock.failures);
                    self.lock.locked_until_unix_ms = Some(unix_ms(now + length));
                    Err(KioskError::PinLocked {
                        seconds_left: ceil_secs(length),
                    })
                } else {
                    Err(KioskError::PinWrong {
                        tries_left: MAX_TRIES - self.lock.failures,
                    })
                }
            }
            Err(e) => Err(KioskError::PinHash(e.to_string())),
        }
    }

    pub fn status(&mut self, now: SystemTime) -> PinStatus {
        let left = self.lock_left(now);
        PinStatus {
            has_pin: self.has_pin(),
            locked_seconds_left: left.map(ceil_secs),
            tries_left: match left {
                Some(_) => 0,
                None => MAX_TRIES.saturating_sub(self.lock.failures).max(1),
            },
        }
    }

    /// Time left on the lock, if any. Takes `&mut self` because a lock
    /// further away than its own length means the clock was set back; it is
    /// pulled in so that cannot lock the admin out for good.
    fn lock_left(&mut self, now: SystemTime) -> Option<Duration> {
        let until = self.lock.locked_until_unix_ms?;
        let now_ms = unix_ms(now);
        if until <= now_ms {
            return None;
        }
        let length = LockState::lock_length(self.lock.failures);
        let mut left = Duration::from_millis(until - now_ms);
        if left > length {
            left = length;
            self.lock.locked_until_unix_ms = Some(unix_ms(now + length));
        }
        Some(left)
    }
}

/// Hashes a PIN with the default (production) parameters, e.g. for a
/// "make a pin_hash for the managed config file" command.
pub fn hash_pin(pin: &str) -> Result<String> {
    check_format(pin)?;
    hash_pin_with(pin, Params::default())
}

fn hash_pin_with(pin: &str, params: Params) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| KioskError::PinHash(e.to_string()))
}

fn check_format(pin: &str) -> Result<()> {
    if (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(KioskError::PinInvalidFormat)
    }
}

/// Whether a stored string is an argon2 PHC hash this crate can verify.
pub(crate) fn check_hash(hash: &str) -> std::result::Result<(), String> {
    let parsed = PasswordHash::new(hash).map_err(|e| {
        format!("must be an argon2 PHC string such as \"$argon2id$v=19$m=19456,t=2,p=1$...\" ({e})")
    })?;
    Algorithm::try_from(parsed.algorithm).map_err(|_| {
        format!(
            "must be an argon2 hash, got algorithm \"{}\"",
            parsed.algorithm
        )
    })?;
    Params::try_from(&parsed).map_err(|e| format!("has unusable argon2 parameters ({e})"))?;
    if parsed.salt.is_none() || parsed.hash.is_none() {
        return Err("must include a salt and a hash".to_string());
    }
    Ok(())
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn ceil_secs(d: Duration) -> u32 {
    u32::try_from(d.as_millis().div_ceil(1000)).unwrap_or(u32::MAX)
}
