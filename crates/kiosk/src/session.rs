//! The kiosk session as a pure state machine.
//!
//! The app feeds it events and a periodic `tick` (a few times a second is
//! plenty) with the current monotonic time, and carries out the effects it
//! returns. "End" and "Wipe" are not states the machine rests in: ending a
//! session is the effect sequence `Wipe, ShowAttract` and the machine is in
//! `Attract` again when the call returns.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::config::{Lang, IDLE_MINUTES_MAX, IDLE_MINUTES_MIN};
use crate::error::{KioskError, Result};

/// How long "Are you still there?" waits before wiping.
pub const COUNTDOWN_SECONDS: u32 = 30;

/// Where the person is. `Countdown` overlays the screen they were on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// "Touch to start" with the language choice; no session exists.
    Attract,
    Profiler,
    Results,
    Careers,
    Report,
    /// "Are you still there?"
    Countdown,
}

impl State {
    /// The screens a person can move between once a session has started.
    pub fn is_session_screen(self) -> bool {
        matches!(
            self,
            State::Profiler | State::Results | State::Careers | State::Report
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// Any touch, click, key or pointer movement.
    Activity,
    /// "Touch to start" on the attract screen, with the language chosen there.
    Start { lang: Lang },
    /// The person moved to another screen of the session.
    Navigate { to: State },
    /// "I'm done": end the session now.
    Done,
}

/// What the app must do. Apply them in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    ShowCountdown {
        seconds_left: u32,
    },
    HideCountdown,
    /// Drop the in-memory session, delete the draft, clear webview storage
    /// and delete temporary files.
    Wipe,
    ShowAttract,
    Navigate {
        to: State,
    },
}

/// What the UI needs to draw the kiosk chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Snapshot {
    pub state: State,
    /// Milliseconds until the countdown appears; `None` on the attract
    /// screen (no timer runs there) and during the countdown.
    pub idle_deadline_in_ms: Option<u32>,
    /// Whole seconds left, rounded up; `None` unless counting down.
    pub countdown_seconds_left: Option<u32>,
    /// The session's language, or the default one on the attract screen.
    pub lang: Lang,
}

/// Timing for the machine, validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    idle: Duration,
    countdown: Duration,
    default_lang: Lang,
}

impl SessionConfig {
    /// `idle_minutes` must be 1 to 30.
    pub fn new(idle_minutes: u32, default_lang: Lang) -> Result<Self> {
        if !(IDLE_MINUTES_MIN..=IDLE_MINUTES_MAX).contains(&idle_minutes) {
            return Err(KioskError::invalid(
                "kiosk session",
                "idle_minutes",
                format!(
                    "must be a whole number of minutes from {IDLE_MINUTES_MIN} to {IDLE_MINUTES_MAX}, got {idle_minutes}"
                ),
            ));
        }
        Ok(SessionConfig {
            idle: Duration::from_secs(u64::from(idle_minutes) * 60),
            countdown: Duration::from_secs(u64::from(COUNTDOWN_SECONDS)),
            default_lang,
        })
    }

    pub fn idle(&self) -> Duration {
        self.idle
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig::new(crate::config::IDLE_MINUTES_DEFAULT, Lang::En)
            .expect("the default idle time is in range")
    }
}

#[derive(Debug, Clone)]
pub struct Kiosk {
    config: SessionConfig,
    state: State,
    /// The screen under the countdown, to return to on activity.
    previous: State,
    lang: Lang,
    idle_deadline: Option<Instant>,
    countdown_end: Option<Instant>,
    /// Last value sent, so ticks only emit when the number changes.
    shown_seconds: Option<u32>,
}

impl Kiosk {
    pub fn new(config: SessionConfig, _now: Instant) -> Self {
        Kiosk {
            config,
            state: State::Attract,
            previous: State::Attract,
            lang: config.default_lang,
            idle_deadline: None,
            countdown_end: None,
            shown_seconds: None,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn config(&self) -> SessionConfig {
        self.config
    }

    /// Shorthand for `on_event(Event::Activity, now)`.
    pub fn activity(&mut self, now: Instant) -> Vec<Effect> {
        self.on_event(Event::Activity, now)
    }

    pub fn on_event(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        let countdown_shown = self.state == State::Countdown;
        // Catch up first: a late event must not rescue a session whose
        // countdown already ran out while nobody ticked.
        let due = self.tick(now);
        if due.contains(&Effect::Wipe) {
            return due;
        }
        let mut effects = Vec::new();

        if self.state == State::Attract {
            // Touches on the attract screen do not start a session: only "start" does.
            if let Event::Start { lang } = event {
                self.lang = lang;
                self.state = State::Profiler;
                self.idle_deadline = Some(now + self.config.idle);
                effects.push(Effect::Navigate {
                    to: State::Profiler,
                });
            }
            return effects;
        }

        // Any event during the countdown means someone is there.
        if self.state == State::Countdown {
            self.state = self.previous;
            self.countdown_end = None;
            self.shown_seconds = None;
            // Only hide what the app was told to show; a countdown that began
            // inside this call's catch-up was never on screen.
            if countdown_shown {
                effects.push(Effect::HideCountdown);
            }
        }
        self.idle_deadline = Some(now + self.config.idle);

        match event {
            Event::Activity | Event::Start { .. } => {}
            Event::Navigate { to } => {
                // Attract and Countdown are reached only through the machine,
                // so the UI cannot leave a session without a wipe.
                if to.is_session_screen() && to != self.state {
                    self.state = to;
                    effects.push(Effect::Navigate { to });
                }
            }
            Event::Done => self.end(&mut effects),
        }
        effects
    }

    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = Vec::new();
        match self.state {
            State::Attract => {}
            State::Countdown => {
                let end = self.countdown_end.expect("countdown has an end");
                if now >= end {
                    effects.push(Effect::HideCountdown);
                    self.end(&mut effects);
                } else {
                    self.show_seconds(end - now, &mut effects);
                }
            }
            _ => {
                let deadline = self.idle_deadline.expect("a session has an idle deadline");
                if now >= deadline {
                    // Counting from the deadline, not from `now`, means a
                    // machine that slept through the countdown wipes at once.
                    let end = deadline + self.config.countdown;
                    if now >= end {
                        self.end(&mut effects);
                    } else {
                        self.previous = self.state;
                        self.state = State::Countdown;
                        self.idle_deadline = None;
                        self.countdown_end = Some(end);
                        self.show_seconds(end - now, &mut effects);
                    }
                }
            }
        }
        effects
    }

    /// Changes the idle time (an admin edit). A running session gets a fresh
    /// deadline so a shorter time cannot wipe it without a countdown.
    pub fn set_config(&mut self, config: SessionConfig, now: Instant) {
        self.config = config;
        if self.idle_deadline.is_some() {
            self.idle_deadline = Some(now + config.idle);
        }
        if self.state == State::Attract {
            self.lang = config.default_lang;
        }
    }

    pub fn snapshot(&self, now: Instant) -> Snapshot {
        let ms = |d: Duration| u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
        Snapshot {
            state: self.state,
            idle_deadline_in_ms: self
                .idle_deadline
                .map(|d| ms(d.saturating_duration_since(now))),
            countdown_seconds_left: self
                .countdown_end
                .map(|e| ceil_secs(e.saturating_duration_since(now))),
            lang: self.lang,
        }
    }

    fn show_seconds(&mut self, left: Duration, effects: &mut Vec<Effect>) {
        let secs = ceil_secs(left);
        if self.shown_seconds != Some(secs) {
            self.shown_seconds = Some(secs);
            effects.push(Effect::ShowCountdown { seconds_left: secs });
        }
    }

    fn end(&mut self, effects: &mut Vec<Effect>) {
        effects.push(Effect::Wipe);
        effects.push(Effect::ShowAttract);
        self.state = State::Attract;
        self.previous = State::Attract;
        self.lang = self.config.default_lang;
        self.idle_deadline = None;
        self.countdown_end = None;
        self.shown_seconds = None;
    }
}

fn ceil_secs(d: Duration) -> u32 {
    let ms = d.as_millis();
    u32::try_from(ms.div_ceil(1000)).unwrap_or(u32::MAX)
}
