//! Kiosk mode's admin rules, without a window: which configuration wins at start-up, who may
//! change settings or close the app, when kiosk mode may be turned on, and the PIN lock file.
//! The app holds one [`KioskPolicy`], persists what it returns under [`SETTINGS_KEY`] and
//! [`PIN_KEY`], and keeps only the window calls, the timer and the wipe.

use std::path::PathBuf;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};
use waypoint_error_code::ErrorCode;

use crate::config::{KioskConfig, KioskSettings, LoadOutcome};
use crate::error::{KioskError, Result};
use crate::pin::{LockState, PinPad, PinStatus};
use crate::platform::{kiosk_printing, window_request_allowed, Os, Printing, WindowRequest};
use crate::session::{Effect, Event, Kiosk, SessionConfig, Snapshot};

/// The app setting that holds the [`KioskSettings`] an admin saved.
pub const SETTINGS_KEY: &str = "kiosk.settings";
/// The app setting that holds the PIN hash an admin set in the app.
pub const PIN_KEY: &str = "kiosk.pin_hash";
/// The PIN lock-out counter's file name in the data folder.
pub const LOCK_FILE: &str = "kiosk-pin-lock.json";

/// What the UI needs to draw kiosk mode. The PIN hash never leaves Rust.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct KioskStatus {
    pub enabled: bool,
    /// An admin entered the PIN: settings may change and the window may close.
    pub unlocked: bool,
    pub settings: KioskSettings,
    pub pin: PinStatus,
    pub session: Snapshot,
    /// Why this system's kiosk cannot print whatever the settings say, for the admin panel.
    pub printing_off_reason: Option<String>,
    /// `kiosk.lock_state_io` when the last wrong-try count could not be saved (a restart would
    /// forget it), for the admin panel; `None` once a save works again.
    pub pin_lock_error: Option<ErrorCode>,
}

/// What was saved in the app by an earlier run.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub settings: Option<KioskSettings>,
    pub pin_hash: Option<String>,
}

#[derive(Debug)]
pub struct KioskPolicy {
    config: KioskConfig,
    machine: Kiosk,
    pad: PinPad,
    unlocked: bool,
    /// When an unlocked admin panel relocks if nobody touches it.
    admin_deadline: Option<Instant>,
    lock_file: PathBuf,
    /// The last save of the lock file failed.
    lock_save_failed: bool,
}

impl KioskPolicy {
    /// A managed file wins over what an admin saved in the app; `--kiosk` turns kiosk mode on
    /// over either. A PIN from the managed file wins over one set in the app. A saved setting
    /// that breaks a rule is ignored. The lock-out counter is read from `lock_file`.
    pub fn new(
        loaded: &LoadOutcome,
        saved: Saved,
        lock_file: PathBuf,
        now: Instant,
        wall: SystemTime,
    ) -> Self {
        let mut config = loaded.config.clone();
        if loaded.file.is_none() {
            if let Some(settings) = saved.settings {
                let flag = config.settings.enabled;
                if config.apply_settings(settings).is_ok() && flag {
                    config.settings.enabled = true;
                }
            }
        }
        if config.pin_hash.is_none() {
            config.pin_hash = saved.pin_hash;
        }
        let lock = LockState::load_or_lock(&lock_file, wall);
        let pad = PinPad::new(config.pin_hash.clone(), lock);
        let session = SessionConfig::from_settings(&config.settings).unwrap_or_default();
        KioskPolicy {
            machine: Kiosk::new(session, now),
            config,
            pad,
            unlocked: false,
            admin_deadline: None,
            lock_file,
            lock_save_failed: false,
        }
    }

    pub fn enabled(&self) -> bool {
        self.config.settings.enabled
    }

    /// Results are always kept outside kiosk mode; inside it only if an admin allowed it.
    pub fn keeps_results(&self) -> bool {
        !self.enabled() || self.config.settings.save_results
    }

    /// Admins may turn printing off for a kiosk, and some systems cannot print safely from
    /// one; outside kiosk mode it is always on.
    pub fn printing_allowed(&self) -> bool {
        self.printing_allowed_on(Os::current())
    }

    pub fn printing_allowed_on(&self, os: Os) -> bool {
        !self.enabled()
            || (self.config.settings.printing && kiosk_printing(os) == Printing::Allowed)
    }

    /// Quitting, closing, hiding or minimizing the window: a visitor may not.
    pub fn allows(&self, request: WindowRequest) -> bool {
        window_request_allowed(request, self.mode())
    }

    /// Closing the window or quitting: refused in kiosk mode unless an admin unlocked it.
    pub fn may_close(&self) -> Result<()> {
        if !self.enabled() || self.unlocked {
            Ok(())
        } else {
            Err(KioskError::Locked("close Waypoint"))
        }
    }

    /// Who is at the keyboard, for [`crate::access::check`].
    pub fn mode(&self) -> crate::access::Mode {
        use crate::access::Mode;
        match (self.enabled(), self.unlocked) {
            (false, _) => Mode::Off,
            (true, false) => Mode::Visitor,
            (true, true) => Mode::Admin,
        }
    }

    /// May `command` run now? Checked by the app before every command.
    pub fn check_command(&self, command: &str) -> Result<()> {
        crate::access::check(command, self.mode())
    }

    pub fn status(&mut self, now: Instant, wall: SystemTime) -> KioskStatus {
        KioskStatus {
            enabled: self.enabled(),
            unlocked: self.unlocked,
            settings: self.config.settings.clone(),
            pin: self.pad.status(wall),
            session: self.machine.snapshot(now),
            printing_off_reason: match kiosk_printing(Os::current()) {
                Printing::Off(why) => Some(why.to_string()),
                Printing::Allowed => None,
            },
            pin_lock_error: self.lock_save_failed.then_some(ErrorCode::KioskLockStateIo),
        }
    }

    /// Feeds the session machine; outside kiosk mode nothing happens. Any event keeps an
    /// unlocked admin panel open; a wipe relocks it.
    pub fn event(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        let mut effects = self.admin_timeout(now);
        if self.unlocked {
            self.admin_deadline = Some(now + self.machine.config().idle());
        }
        if self.enabled() {
            effects.extend(self.machine.on_event(event, now));
        }
        self.relock_on_wipe(&effects);
        effects
    }

    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = self.admin_timeout(now);
        if self.enabled() {
            effects.extend(self.machine.tick(now));
        }
        self.relock_on_wipe(&effects);
        effects
    }

    /// The admin unlock never outlives the visitor: every wipe (done, idle timeout, start-up)
    /// relocks.
    fn relock_on_wipe(&mut self, effects: &[Effect]) {
        if effects.contains(&Effect::Wipe) {
            self.relock();
        }
    }

    /// An unlocked admin panel left alone for the idle time relocks.
    fn admin_timeout(&mut self, now: Instant) -> Vec<Effect> {
        match self.admin_deadline {
            Some(deadline) if self.unlocked && now >= deadline => {
                self.relock();
                vec![Effect::Relock]
            }
            _ => Vec::new(),
        }
    }

    /// Checks the PIN and saves the wrong-try counter, right or wrong, so a restart cannot
    /// reset it. A failed save is reported: after a wrong PIN as the error itself (the pad
    /// still waits in memory; status tells how long), after the right one in
    /// [`KioskStatus::pin_lock_error`], since the right PIN must never be refused.
    pub fn unlock(&mut self, pin: &str, now: Instant, wall: SystemTime) -> Result<()> {
        let r = self.pad.verify(pin, wall);
        let saved = self.pad.lock_state().save(&self.lock_file);
        self.lock_save_failed = saved.is_err();
        if let Err(e) = saved {
            tracing::error!(code = %e.code(), "PIN wrong-try counter not saved: {e}");
            if r.is_err() {
                return Err(e);
            }
        }
        r?;
        self.unlocked = true;
        self.admin_deadline = Some(now + self.machine.config().idle());
        Ok(())
    }

    pub fn relock(&mut self) {
        self.unlocked = false;
        self.admin_deadline = None;
    }

    /// Admin changes: only when unlocked, or to set up kiosk mode before it is on and
    /// before any PIN exists.
    pub fn require_admin(&self) -> Result<()> {
        if self.unlocked || (!self.enabled() && self.config.pin_hash.is_none()) {
            Ok(())
        } else {
            Err(KioskError::Locked("change kiosk settings"))
        }
    }

    /// Sets the admin PIN; returns the hash for the app to save under [`PIN_KEY`].
    pub fn set_pin(&mut self, pin: &str) -> Result<String> {
        self.require_admin()?;
        let hash = self.pad.set_pin(pin)?;
        self.config.pin_hash = Some(hash.clone());
        Ok(hash)
    }

    /// Applies an admin's settings (all or nothing); the app then saves them under
    /// [`SETTINGS_KEY`]. No PIN, no enable: staff must be able to leave kiosk mode.
    pub fn update(&mut self, settings: KioskSettings, now: Instant) -> Result<()> {
        self.require_admin()?;
        if settings.enabled && self.config.pin_hash.is_none() {
            return Err(KioskError::EnableWithoutPin);
        }
        let mut next = self.config.clone();
        next.apply_settings(settings)?;
        let session = SessionConfig::from_settings(&next.settings)?;
        self.config = next;
        self.machine.set_config(session, now);
        if !self.enabled() {
            self.relock();
        }
        Ok(())
    }

    #[cfg(test)]
    fn with_pin_params(mut self, params: argon2::Params) -> Self {
        self.pad = self.pad.with_params(params);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};
    use crate::config::load_from;
    use crate::session::State;
    use waypoint_profiler::Lang;

    fn fast() -> argon2::Params {
        argon2::Params::new(8, 1, 1, None).unwrap()
    }

    fn fast_hash(pin: &str) -> String {
        PinPad::new(None, LockState::default())
            .with_params(fast())
            .set_pin(pin)
            .unwrap()
    }

    struct Fixture {
        dir: tempfile::TempDir,
        clock: FakeClock,
    }

    impl Fixture {
        fn new() -> Self {
            Fixture {
                dir: tempfile::tempdir().unwrap(),
                clock: FakeClock::new(),
            }
        }

        fn lock_file(&self) -> PathBuf {
            self.dir.path().join(LOCK_FILE)
        }

        /// A managed file with `toml` (or none), `--kiosk` or not, then the saved settings.
        fn policy(&self, toml: Option<&str>, flag: bool, saved: Saved) -> KioskPolicy {
            let path = self.dir.path().join("kiosk.toml");
            match toml {
                Some(text) => std::fs::write(&path, text).unwrap(),
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
            let loaded = load_from(Some(&path), false, flag);
            assert_eq!(loaded.error, None);
            KioskPolicy::new(
                &loaded,
                saved,
                self.lock_file(),
                self.clock.now(),
                self.clock.wall(),
            )
            .with_pin_params(fast())
        }
    }

    fn settings(enabled: bool, idle_minutes: u32) -> KioskSettings {
        KioskSettings {
            enabled,
            idle_minutes,
            ..KioskSettings::default()
        }
    }

    fn saved(s: KioskSettings) -> Saved {
        Saved {
            settings: Some(s),
            pin_hash: Some(fast_hash("2468")),
        }
    }

    #[test]
    fn saved_settings_apply_when_no_file_is_managed() {
        let f = Fixture::new();
        let p = f.policy(None, false, saved(settings(true, 9)));
        assert!(p.enabled());
        assert_eq!(p.config.settings.idle_minutes, 9);
        assert_eq!(p.machine.config().idle().as_secs(), 9 * 60);
    }

    #[test]
    fn a_managed_file_wins_over_saved_settings() {
        let f = Fixture::new();
        let p = f.policy(Some("idle_minutes = 4\n"), false, saved(settings(true, 9)));
        assert!(!p.enabled(), "the file leaves kiosk mode off");
        assert_eq!(p.config.settings.idle_minutes, 4);
    }

    #[test]
    fn the_kiosk_flag_wins_over_saved_settings_that_turn_it_off() {
        let f = Fixture::new();
        let p = f.policy(None, true, saved(settings(false, 9)));
        assert!(p.enabled());
        assert_eq!(p.config.settings.idle_minutes, 9, "the rest still applies");
    }

    #[test]
    fn saved_settings_that_break_a_rule_are_ignored() {
        let f = Fixture::new();
        let p = f.policy(None, false, saved(settings(true, 45)));
        assert_eq!(p.config.settings, KioskSettings::default());
    }

    #[test]
    fn a_managed_pin_wins_over_a_saved_one() {
        let f = Fixture::new();
        let managed = fast_hash("1357");
        let mut p = f.policy(
            Some(&format!("enabled = true\npin_hash = \"{managed}\"\n")),
            false,
            saved(settings(true, 3)),
        );
        assert_eq!(
            p.unlock("2468", f.clock.now(), f.clock.wall())
                .unwrap_err()
                .code(),
            "kiosk.pin_wrong"
        );
        p.unlock("1357", f.clock.now(), f.clock.wall()).unwrap();
        // Without a managed PIN, the saved one is the PIN.
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
    }

    #[test]
    fn require_admin_allows_set_up_before_a_pin_then_needs_the_pin() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, Saved::default());
        p.require_admin().unwrap();
        p.set_pin("1234").unwrap();
        let e = p.require_admin().unwrap_err();
        assert_eq!(e.code(), "kiosk.locked");
        assert_eq!(
            e.to_string(),
            "Enter the admin PIN to change kiosk settings."
        );
        assert_eq!(p.set_pin("9999").unwrap_err().code(), "kiosk.locked");
        p.unlock("1234", f.clock.now(), f.clock.wall()).unwrap();
        p.require_admin().unwrap();
        p.relock();
        assert_eq!(p.require_admin().unwrap_err().code(), "kiosk.locked");
    }

    #[test]
    fn kiosk_mode_on_without_a_pin_needs_no_admin_but_locks_settings() {
        let f = Fixture::new();
        let p = f.policy(None, true, Saved::default());
        assert!(p.enabled());
        assert_eq!(p.require_admin().unwrap_err().code(), "kiosk.locked");
    }

    #[test]
    fn no_pin_no_enable() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, Saved::default());
        let e = p.update(settings(true, 3), f.clock.now()).unwrap_err();
        assert_eq!(e, KioskError::EnableWithoutPin);
        assert_eq!(e.code(), "kiosk.no_pin");
        assert!(!p.enabled());
        p.set_pin("1234").unwrap();
        // Kiosk mode off and a PIN set: settings need the PIN now.
        p.unlock("1234", f.clock.now(), f.clock.wall()).unwrap();
        p.update(settings(true, 3), f.clock.now()).unwrap();
        assert!(p.enabled());
    }

    #[test]
    fn update_is_all_or_nothing_and_resets_the_idle_timer() {
        let f = Fixture::new();
        let mut p = f.policy(None, true, saved(settings(true, 10)));
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        p.event(Event::Start { lang: Lang::En }, f.clock.now());
        let e = p.update(settings(true, 0), f.clock.now()).unwrap_err();
        assert_eq!(e.code(), "kiosk.config_invalid");
        assert_eq!(p.config.settings.idle_minutes, 10);
        f.clock.advance_ms(9 * 60 * 1000);
        p.update(settings(true, 1), f.clock.now()).unwrap();
        let s = p.status(f.clock.now(), f.clock.wall());
        assert_eq!(s.session.idle_deadline_in_ms, Some(60_000));
        assert_eq!(s.settings.idle_minutes, 1);
    }

    #[test]
    fn turning_kiosk_mode_off_relocks_the_admin() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        p.update(settings(false, 3), f.clock.now()).unwrap();
        assert!(!p.status(f.clock.now(), f.clock.wall()).unlocked);
    }

    #[test]
    fn closing_needs_the_pin_only_in_kiosk_mode() {
        let f = Fixture::new();
        f.policy(None, false, Saved::default()).may_close().unwrap();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        let e = p.may_close().unwrap_err();
        assert_eq!(e.to_string(), "Enter the admin PIN to close Waypoint.");
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        p.may_close().unwrap();
    }

    #[test]
    fn printing_and_saving_follow_the_settings_only_in_kiosk_mode() {
        let f = Fixture::new();
        let off = KioskSettings {
            printing: false,
            save_results: false,
            ..settings(false, 3)
        };
        let p = f.policy(None, false, saved(off.clone()));
        assert!(p.printing_allowed() && p.keeps_results());
        let p = f.policy(
            None,
            false,
            saved(KioskSettings {
                enabled: true,
                ..off
            }),
        );
        assert!(!p.printing_allowed() && !p.keeps_results());
    }

    #[test]
    fn a_windows_kiosk_never_prints_whatever_the_settings_say() {
        let f = Fixture::new();
        let p = f.policy(None, false, saved(settings(true, 3)));
        assert!(p.config.settings.printing);
        assert!(!p.printing_allowed_on(Os::Windows));
        assert!(p.printing_allowed_on(Os::Linux) && p.printing_allowed_on(Os::Mac));
        // Outside kiosk mode Windows prints as before.
        let p = f.policy(None, false, Saved::default());
        assert!(p.printing_allowed_on(Os::Windows));
    }

    #[test]
    fn quitting_or_hiding_needs_the_pin_in_kiosk_mode() {
        let f = Fixture::new();
        let p = f.policy(None, false, Saved::default());
        assert!(p.allows(WindowRequest::Exit) && p.allows(WindowRequest::Hide));
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        for r in [
            WindowRequest::Exit,
            WindowRequest::Hide,
            WindowRequest::Minimize,
        ] {
            assert!(!p.allows(r), "{r:?}");
        }
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        assert!(p.allows(WindowRequest::Exit));
        p.relock();
        assert!(!p.allows(WindowRequest::Exit));
    }

    #[test]
    fn staff_commands_follow_the_kiosk_state() {
        let f = Fixture::new();
        let p = f.policy(None, false, Saved::default());
        p.check_command("set_key").unwrap();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        assert_eq!(
            p.check_command("set_key").unwrap_err().code(),
            "kiosk.forbidden"
        );
        p.check_command("record_answer").unwrap();
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        p.check_command("set_key").unwrap();
        p.event(Event::Start { lang: Lang::En }, f.clock.now());
        p.event(Event::Done, f.clock.now());
        assert_eq!(
            p.check_command("set_key").unwrap_err().code(),
            "kiosk.forbidden",
            "the wipe relocked"
        );
    }

    #[test]
    fn done_relocks_an_unlocked_admin() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        p.event(Event::Start { lang: Lang::En }, f.clock.now());
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        let fx = p.event(Event::Done, f.clock.now());
        assert!(fx.contains(&Effect::Wipe), "{fx:?}");
        assert!(!p.status(f.clock.now(), f.clock.wall()).unlocked);
        assert_eq!(p.may_close().unwrap_err().code(), "kiosk.locked");
        assert_eq!(p.require_admin().unwrap_err().code(), "kiosk.locked");
    }

    #[test]
    fn an_idle_timeout_wipe_relocks_even_while_the_admin_was_busy() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        p.event(Event::Start { lang: Lang::En }, f.clock.now());
        f.clock.advance_ms(2 * 60 * 1000);
        // Unlocked a minute before the visitor's idle time runs out.
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        f.clock.advance_ms(60 * 1000 + 30 * 1000);
        let fx = p.tick(f.clock.now());
        assert!(fx.contains(&Effect::Wipe), "{fx:?}");
        assert!(!p.status(f.clock.now(), f.clock.wall()).unlocked);
    }

    #[test]
    fn an_admin_panel_left_alone_relocks_after_the_idle_time() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        // On the attract screen: no session, so no wipe would ever relock it.
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        f.clock.advance_ms(2 * 60 * 1000);
        assert_eq!(p.event(Event::Activity, f.clock.now()), vec![]);
        f.clock.advance_ms(3 * 60 * 1000 - 1);
        assert_eq!(p.tick(f.clock.now()), vec![], "activity kept it open");
        assert!(p.status(f.clock.now(), f.clock.wall()).unlocked);
        f.clock.advance_ms(1);
        assert_eq!(p.tick(f.clock.now()), vec![Effect::Relock]);
        assert!(!p.status(f.clock.now(), f.clock.wall()).unlocked);
        assert_eq!(p.may_close().unwrap_err().code(), "kiosk.locked");
        // Once: nothing more to relock.
        f.clock.advance_ms(10 * 60 * 1000);
        assert_eq!(p.tick(f.clock.now()), vec![]);
    }

    #[test]
    fn the_session_machine_runs_only_in_kiosk_mode() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, Saved::default());
        assert_eq!(
            p.event(Event::Start { lang: Lang::Es }, f.clock.now()),
            vec![]
        );
        let mut p = f.policy(None, true, Saved::default());
        assert_eq!(
            p.event(Event::Start { lang: Lang::Es }, f.clock.now()),
            vec![Effect::Navigate {
                to: State::Profiler
            }]
        );
        f.clock.advance_ms(3 * 60 * 1000);
        assert_eq!(
            p.tick(f.clock.now()),
            vec![Effect::ShowCountdown { seconds_left: 30 }]
        );
    }

    #[test]
    fn the_lock_out_survives_a_restart_through_the_lock_file() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        for _ in 0..=crate::pin::FREE_TRIES {
            let _ = p.unlock("0000", f.clock.now(), f.clock.wall());
        }
        assert!(f.lock_file().exists());
        let mut again = f.policy(None, false, saved(settings(true, 3)));
        let status = again.status(f.clock.now(), f.clock.wall());
        assert_eq!(status.pin.locked_seconds_left, Some(10));
        assert_eq!(status.pin_lock_error, None);
        assert_eq!(
            again
                .unlock("2468", f.clock.now(), f.clock.wall())
                .unwrap_err()
                .code(),
            "kiosk.pin_locked"
        );
    }

    #[test]
    fn a_corrupt_lock_file_does_not_reset_the_lock_out_at_start_up() {
        let f = Fixture::new();
        std::fs::write(f.lock_file(), "garbage, not a counter").unwrap();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        let status = p.status(f.clock.now(), f.clock.wall());
        assert_eq!(status.pin.locked_seconds_left, Some(300));
        assert_eq!(
            p.unlock("2468", f.clock.now(), f.clock.wall())
                .unwrap_err()
                .code(),
            "kiosk.pin_locked"
        );
        f.clock.advance_ms(300 * 1000);
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
    }

    /// Issue #16: a failed save was only logged, so nobody learned that a restart would hand
    /// out fresh free tries.
    #[test]
    fn a_lock_file_that_cannot_be_saved_is_reported_and_the_right_pin_still_unlocks() {
        let f = Fixture::new();
        let mut p = f.policy(None, false, saved(settings(true, 3)));
        // A folder where the file goes: the write-and-rename cannot replace it.
        std::fs::create_dir(f.lock_file()).unwrap();
        let e = p.unlock("0000", f.clock.now(), f.clock.wall()).unwrap_err();
        assert_eq!(e.code(), "kiosk.lock_state_io");
        let status = p.status(f.clock.now(), f.clock.wall());
        assert_eq!(status.pin_lock_error, Some(ErrorCode::KioskLockStateIo));
        // Counted in memory all the same: the free tries run out and the pad waits.
        for _ in 1..=crate::pin::FREE_TRIES {
            let _ = p.unlock("0000", f.clock.now(), f.clock.wall());
        }
        let status = p.status(f.clock.now(), f.clock.wall());
        assert_eq!(status.pin.locked_seconds_left, Some(10));
        f.clock.advance_ms(10_000);
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        let status = p.status(f.clock.now(), f.clock.wall());
        assert!(status.unlocked);
        assert_eq!(status.pin_lock_error, Some(ErrorCode::KioskLockStateIo));
        // Once a save works again, the notice goes.
        std::fs::remove_dir(f.lock_file()).unwrap();
        p.relock();
        p.unlock("2468", f.clock.now(), f.clock.wall()).unwrap();
        assert_eq!(p.status(f.clock.now(), f.clock.wall()).pin_lock_error, None);
        assert!(f.lock_file().is_file());
    }
}
