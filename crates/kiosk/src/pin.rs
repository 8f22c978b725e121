//! The admin PIN pad: an argon2 hash of a 4–8 digit PIN and a back-off that
//! survives restarts.
//!
//! The first [`FREE_TRIES`] wrong tries cost nothing. Each further wrong try
//! makes the pad wait before it takes the next one: 10 seconds, doubling per
//! wrong try, capped at [`MAX_DELAY`]. Tries during a wait are refused without
//! being checked or counted, so they neither extend the wait nor reveal
//! anything; once the wait is over the next try is checked, and the right PIN
//! gets through and resets the count. Nobody can keep staff out for longer
//! than the cap, however often they try a wrong PIN. Wait times use
//! wall-clock time because the state is saved to disk and read back after a
//! restart.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

use crate::error::{KioskError, Result};

/// Wrong tries that cost no wait (slips of the finger).
pub const FREE_TRIES: u32 = 3;
/// A PIN is 4 to 8 digits.
pub const PIN_MIN_DIGITS: usize = 4;
pub const PIN_MAX_DIGITS: usize = 8;
/// The wait after the first wrong try past [`FREE_TRIES`].
pub const FIRST_DELAY: Duration = Duration::from_secs(10);
/// The longest wait: the most a wrong try can keep the right PIN out.
pub const MAX_DELAY: Duration = Duration::from_secs(5 * 60);
/// A failure count that earns [`MAX_DELAY`] (10 s × 2⁵ > 5 min).
const FAILURES_AT_MAX: u32 = FREE_TRIES + 6;

/// The persisted back-off counter. Save it after every `verify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LockState {
    /// Wrong tries since the last right one.
    pub failures: u32,
    /// Unix time in milliseconds until which the pad refuses every try (the current wait).
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

    /// [`LockState::load`], failing closed: a lock file that exists but cannot be read must
    /// not hand out a fresh set of tries, so it counts as the longest wait from `now`, and
    /// every wrong try after it waits that long too.
    pub fn load_or_lock(path: &Path, now: SystemTime) -> LockState {
        match LockState::load(path) {
            Ok(state) => state,
            Err(e) => {
                tracing::error!(
                    code = %e.code(),
                    "PIN pad waits {} s, its wrong-try counter is unreadable: {e}",
                    MAX_DELAY.as_secs()
                );
                LockState {
                    failures: FAILURES_AT_MAX,
                    locked_until_unix_ms: Some(unix_ms(now + MAX_DELAY)),
                }
            }
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

    /// The wait that the `failures`-th wrong try earns: none for the free
    /// tries, then [`FIRST_DELAY`] doubling per wrong try, capped at [`MAX_DELAY`].
    pub fn delay_after(failures: u32) -> Duration {
        if failures <= FREE_TRIES {
            return Duration::ZERO;
        }
        let doublings = (failures - FREE_TRIES - 1).min(16);
        (FIRST_DELAY * 2u32.pow(doublings)).min(MAX_DELAY)
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
    /// Seconds until the pad takes the next try, rounded up; `None` when it takes one now.
    pub locked_seconds_left: Option<u32>,
    /// Wrong tries left before a wrong try earns a wait (0 once they are used up).
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

    /// Checks a PIN. The lock state may change, so save it afterwards.
    pub fn verify(&mut self, pin: &str, now: SystemTime) -> Result<()> {
        let Some(hash) = self.hash.clone() else {
            return Err(KioskError::NoPin);
        };
        if let Some(left) = self.lock_left(now) {
            // Not checked, not counted: a wait must cost an attacker time, and a try during
            // it must not make the wait longer for staff.
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
                let wait = LockState::delay_after(self.lock.failures);
                if wait.is_zero() {
                    self.lock.locked_until_unix_ms = None;
                    Err(KioskError::PinWrong {
                        tries_left: FREE_TRIES - self.lock.failures,
                    })
                } else {
                    self.lock.locked_until_unix_ms = Some(unix_ms(now + wait));
                    Err(KioskError::PinLocked {
                        seconds_left: ceil_secs(wait),
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
                None => FREE_TRIES.saturating_sub(self.lock.failures),
            },
        }
    }

    /// Time left on the current wait, if any. Takes `&mut self` because a wait
    /// further away than its own length means the clock was set back; it is
    /// pulled in so that cannot lock the admin out for good.
    fn lock_left(&mut self, now: SystemTime) -> Option<Duration> {
        let until = self.lock.locked_until_unix_ms?;
        let now_ms = unix_ms(now);
        if until <= now_ms {
            return None;
        }
        let length = LockState::delay_after(self.lock.failures).max(FIRST_DELAY);
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
    if (PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&pin.len())
        && pin.bytes().all(|b| b.is_ascii_digit())
    {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};

    /// Tiny argon2 cost so the tests stay fast; the hash format is the same.
    fn fast() -> Params {
        Params::new(8, 1, 1, None).unwrap()
    }

    fn pad_with(pin: &str) -> PinPad {
        let mut pad = PinPad::new(None, LockState::default()).with_params(fast());
        pad.set_pin(pin).unwrap();
        pad
    }

    fn wrong(pad: &mut PinPad, clock: &FakeClock) -> KioskError {
        pad.verify("0000", clock.wall()).unwrap_err()
    }

    #[test]
    fn right_pin_verifies_and_hash_is_argon2id_phc_with_a_random_salt() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        let hash = pad.hash().unwrap().to_string();
        assert!(hash.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{hash}");
        assert!(!hash.contains("2468"));
        assert!(pad.verify("2468", clock.wall()).is_ok());
        let other = pad_with("2468");
        assert_ne!(other.hash().unwrap(), hash, "salts must differ");
    }

    #[test]
    fn default_parameters_are_argon2id_at_owasp_strength() {
        let p = PinPad::new(None, LockState::default()).params;
        assert!(p.m_cost() >= 19 * 1024, "{}", p.m_cost());
        assert!(p.t_cost() >= 2);
        // One real hash with the defaults, to be sure they work end to end.
        let h = hash_pin("12345678").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        let mut pad = PinPad::new(Some(h), LockState::default());
        assert!(pad.verify("12345678", SystemTime::now()).is_ok());
    }

    #[test]
    fn pin_format_is_four_to_eight_ascii_digits() {
        let mut pad = PinPad::new(None, LockState::default()).with_params(fast());
        for bad in ["", "123", "123456789", "12a4", "12 34", "١٢٣٤", "-1234"] {
            assert_eq!(
                pad.set_pin(bad),
                Err(KioskError::PinInvalidFormat),
                "{bad:?}"
            );
        }
        assert!(!pad.has_pin());
        for good in ["1234", "00000000"] {
            assert!(pad.set_pin(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn verify_without_a_pin_says_so() {
        let clock = FakeClock::new();
        let mut pad = PinPad::new(None, LockState::default());
        assert_eq!(pad.verify("1234", clock.wall()), Err(KioskError::NoPin));
        assert!(!pad.status(clock.wall()).has_pin);
    }

    /// Wrong tries until the pad waits `FIRST_DELAY`.
    fn use_free_tries_and_one(pad: &mut PinPad, clock: &FakeClock) {
        for _ in 0..=FREE_TRIES {
            wrong(pad, clock);
        }
    }

    #[test]
    fn the_first_wrong_tries_cost_no_wait_then_the_pad_waits_10_seconds() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        for left in (0..FREE_TRIES).rev() {
            assert_eq!(
                wrong(&mut pad, &clock),
                KioskError::PinWrong { tries_left: left }
            );
            assert_eq!(pad.status(clock.wall()).locked_seconds_left, None);
        }
        assert_eq!(
            wrong(&mut pad, &clock),
            KioskError::PinLocked { seconds_left: 10 }
        );
        // Even the right PIN waits.
        clock.advance_ms(9_001);
        assert_eq!(
            pad.verify("2468", clock.wall()),
            Err(KioskError::PinLocked { seconds_left: 1 })
        );
        clock.advance_ms(999);
        assert!(pad.verify("2468", clock.wall()).is_ok());
    }

    #[test]
    fn malformed_tries_do_not_count() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        for _ in 0..10 {
            assert_eq!(
                pad.verify("12", clock.wall()),
                Err(KioskError::PinInvalidFormat)
            );
        }
        assert_eq!(pad.lock_state().failures, 0);
    }

    #[test]
    fn each_further_wrong_try_doubles_the_wait_up_to_5_minutes() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        for _ in 0..FREE_TRIES {
            wrong(&mut pad, &clock);
        }
        let mut seen = Vec::new();
        for _ in 0..9 {
            match wrong(&mut pad, &clock) {
                KioskError::PinLocked { seconds_left } => {
                    seen.push(seconds_left);
                    clock.advance(Duration::from_secs(u64::from(seconds_left)));
                }
                e => panic!("expected a wait, got {e:?}"),
            }
        }
        assert_eq!(seen, [10, 20, 40, 80, 160, 300, 300, 300, 300]);
        let st = pad.status(clock.wall());
        assert_eq!((st.locked_seconds_left, st.tries_left), (None, 0));
    }

    #[test]
    fn tries_during_a_wait_neither_count_nor_extend_it() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        use_free_tries_and_one(&mut pad, &clock);
        let failures = pad.lock_state().failures;
        for _ in 0..50 {
            clock.advance_ms(100);
            assert!(matches!(
                wrong(&mut pad, &clock),
                KioskError::PinLocked { .. }
            ));
        }
        assert_eq!(pad.lock_state().failures, failures);
        clock.advance_ms(5_000);
        assert!(pad.verify("2468", clock.wall()).is_ok());
    }

    /// Issue #16: the old pad locked for 15 minutes at every wrong try past the fifth, so
    /// one wrong try every 15 minutes kept staff out all day.
    #[test]
    fn a_wrong_try_at_every_chance_never_keeps_the_right_pin_out_longer_than_the_cap() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        // Someone tries a wrong PIN the moment each wait ends, all day long.
        for _ in 0..200 {
            let wait = match wrong(&mut pad, &clock) {
                KioskError::PinLocked { seconds_left } => seconds_left,
                KioskError::PinWrong { .. } => 0,
                e => panic!("{e:?}"),
            };
            assert!(u64::from(wait) <= MAX_DELAY.as_secs(), "{wait}");
            clock.advance(Duration::from_secs(u64::from(wait)));
        }
        // Staff arrive just after a wrong try: at most the cap, then the right PIN works.
        wrong(&mut pad, &clock);
        let left = pad.status(clock.wall()).locked_seconds_left.unwrap();
        assert_eq!(left, 300);
        clock.advance(MAX_DELAY);
        assert!(pad.verify("2468", clock.wall()).is_ok());
        assert_eq!(pad.lock_state(), &LockState::default());
    }

    #[test]
    fn right_pin_resets_the_counter() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        use_free_tries_and_one(&mut pad, &clock);
        clock.advance(FIRST_DELAY);
        pad.verify("2468", clock.wall()).unwrap();
        assert_eq!(pad.lock_state(), &LockState::default());
        assert_eq!(
            wrong(&mut pad, &clock),
            KioskError::PinWrong {
                tries_left: FREE_TRIES - 1
            }
        );
    }

    #[test]
    fn lock_state_survives_a_restart() {
        let clock = FakeClock::new();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pin-lock.json");
        assert_eq!(LockState::load(&path).unwrap(), LockState::default());

        let mut pad = pad_with("2468");
        let hash = pad.hash().unwrap().to_string();
        use_free_tries_and_one(&mut pad, &clock);
        pad.lock_state().save(&path).unwrap();

        clock.advance_ms(4_000);
        let mut restarted = PinPad::new(Some(hash), LockState::load(&path).unwrap());
        assert_eq!(
            restarted.verify("2468", clock.wall()),
            Err(KioskError::PinLocked { seconds_left: 6 })
        );
        clock.advance_ms(6_000);
        // The counter carried over: the next wrong try waits longer, not a fresh free try.
        assert_eq!(
            wrong(&mut restarted, &clock),
            KioskError::PinLocked { seconds_left: 20 }
        );
    }

    #[test]
    fn a_corrupt_lock_file_is_an_error_not_a_reset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pin-lock.json");
        std::fs::write(&path, "{not json").unwrap();
        let e = LockState::load(&path).unwrap_err();
        assert_eq!(e.code(), "kiosk.lock_state_io");
        assert!(e.to_string().contains("pin-lock.json"), "{e}");
    }

    #[test]
    fn a_corrupt_or_unreadable_lock_file_waits_the_longest_wait_then_the_right_pin_works() {
        let clock = FakeClock::new();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pin-lock.json");
        std::fs::write(&path, "{not json").unwrap();
        // A folder where the file should be: unreadable as a file.
        let unreadable = dir.path().join("a-folder.json");
        std::fs::create_dir(&unreadable).unwrap();
        let truncated = dir.path().join("truncated.json");
        std::fs::write(&truncated, "{\"failures\": 7, \"locked_until").unwrap();
        for p in [&path, &unreadable, &truncated] {
            let lock = LockState::load_or_lock(p, clock.wall());
            let hash = pad_with("2468").hash().unwrap().to_string();
            let mut pad = PinPad::new(Some(hash.clone()), lock.clone()).with_params(fast());
            assert_eq!(
                pad.verify("2468", clock.wall()),
                Err(KioskError::PinLocked { seconds_left: 300 }),
                "even the right PIN waits"
            );
            assert!(pad.verify("2468", clock.wall() + MAX_DELAY).is_ok());
            // No free tries either: a wrong one waits the longest wait again.
            let mut pad = PinPad::new(Some(hash), lock).with_params(fast());
            assert_eq!(
                pad.verify("1111", clock.wall() + MAX_DELAY),
                Err(KioskError::PinLocked { seconds_left: 300 })
            );
        }
        // A missing file is no wrong tries, not a wait.
        let fresh = LockState::load_or_lock(&dir.path().join("none.json"), clock.wall());
        assert_eq!(fresh, LockState::default());
    }

    #[test]
    fn setting_the_clock_back_cannot_make_a_wait_longer_than_it_is() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        use_free_tries_and_one(&mut pad, &clock);
        let back = clock.wall() - Duration::from_secs(86_400);
        assert_eq!(
            pad.verify("2468", back),
            Err(KioskError::PinLocked { seconds_left: 10 })
        );
        assert!(pad.verify("2468", back + FIRST_DELAY).is_ok());
    }

    #[test]
    fn status_reports_tries_and_wait() {
        let clock = FakeClock::new();
        let mut pad = pad_with("2468");
        assert_eq!(
            pad.status(clock.wall()),
            PinStatus {
                has_pin: true,
                locked_seconds_left: None,
                tries_left: FREE_TRIES
            }
        );
        wrong(&mut pad, &clock);
        assert_eq!(pad.status(clock.wall()).tries_left, FREE_TRIES - 1);
        for _ in 1..=FREE_TRIES {
            wrong(&mut pad, &clock);
        }
        clock.advance_ms(500);
        let st = pad.status(clock.wall());
        assert_eq!((st.locked_seconds_left, st.tries_left), (Some(10), 0));
    }

    #[test]
    fn hashes_from_the_reference_argon2_cli_verify() {
        // `echo -n 2468 | argon2 kioskSaltForTest -id -t 2 -m 12 -p 1 -e`, the
        // way docs/kiosk.md tells admins to make a pin_hash without the app.
        let cli = "$argon2id$v=19$m=4096,t=2,p=1$a2lvc2tTYWx0Rm9yVGVzdA$oYugKo85jjDApzvHy/Rpnw+nbfAdze1/8gEa5Ud0BNU";
        assert!(check_hash(cli).is_ok());
        let clock = FakeClock::new();
        let mut pad = PinPad::new(Some(cli.into()), LockState::default());
        assert_eq!(
            pad.verify("1357", clock.wall()),
            Err(KioskError::PinWrong {
                tries_left: FREE_TRIES - 1
            })
        );
        assert!(pad.verify("2468", clock.wall()).is_ok());
    }

    #[test]
    fn a_stored_hash_that_is_not_argon2_is_reported() {
        let clock = FakeClock::new();
        let mut pad = PinPad::new(Some("plain-1234".into()), LockState::default());
        assert_eq!(
            pad.verify("1234", clock.wall()).unwrap_err().code(),
            "kiosk.pin_hash"
        );
        assert!(check_hash("plain-1234").is_err());
        assert!(check_hash("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2g").is_err());
        assert!(check_hash(pad_with("1234").hash().unwrap()).is_ok());
    }
}
