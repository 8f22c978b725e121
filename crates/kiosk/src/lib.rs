//! Kiosk mode for Waypoint on shared computers, in plain Rust so it can be
//! tested without a webview: the session machine (idle countdown and wipe),
//! the admin PIN pad with its lock-out, the kiosk configuration, and the
//! admin rules that tie them together ([`KioskPolicy`]).
//!
//! Nothing here reads the clock by itself: every call takes `now`, so the
//! app drives it from a timer and the tests from a [`FakeClock`].

pub mod access;
pub mod clock;
pub mod config;
pub mod error;
pub mod pin;
pub mod platform;
pub mod policy;
pub mod session;

pub use access::{Access, Mode, COMMAND_ACCESS};
pub use clock::{Clock, FakeClock};
pub use config::{
    config_arg, default_managed_path, kiosk_flag, load, load_from, managed_config_path,
    managed_config_path_from, KioskConfig, KioskSettings, LoadOutcome, ARG_CONFIG_PATH,
    CENTER_NAME_MAX_CHARS, ENV_CONFIG_PATH,
};
pub use error::{KioskError, Result};
pub use pin::{
    hash_pin, LockState, PinPad, PinStatus, FIRST_DELAY, FREE_TRIES, MAX_DELAY, PIN_MAX_DIGITS,
    PIN_MIN_DIGITS,
};
pub use platform::{app_menu, kiosk_printing, AppMenu, Os, Printing, WindowRequest};
pub use policy::{KioskPolicy, KioskStatus, Saved, LOCK_FILE, PIN_KEY, SETTINGS_KEY};
pub use session::{Effect, Event, Kiosk, SessionConfig, Snapshot, State, COUNTDOWN_SECONDS};
pub use waypoint_profiler::Lang;
