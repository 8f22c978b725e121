//! The kiosk session as a pure state machine.
//!
//! The app feeds it events and a periodic `tick` (a few times a second is
//! plenty) with the current monotonic time, and carries out the effects it
//! returns. "End" and "Wipe" are not states the machine rests in: ending a
//! session is the effect sequence `Wipe, ShowAttract` and the machine is in
//! `Attract` again when the call returns.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::config::{check_idle_minutes, KioskSettings, IDLE_MINUTES_DEFAULT};
use crate::error::Result;
use waypoint_profiler::Lang;

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
    /// The admin unlock ended (left alone for the idle time): close the admin panel.
    Relock,
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
        check_idle_minutes("kiosk session", i64::from(idle_minutes))?;
        Ok(SessionConfig {
            idle: Duration::from_secs(u64::from(idle_minutes) * 60),
            countdown: Duration::from_secs(u64::from(COUNTDOWN_SECONDS)),
            default_lang,
        })
    }

    pub fn from_settings(s: &KioskSettings) -> Result<Self> {
        SessionConfig::new(s.idle_minutes, s.default_lang)
    }

    pub fn idle(&self) -> Duration {
        self.idle
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig::new(IDLE_MINUTES_DEFAULT, Lang::En)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};

    const IDLE_MS: u64 = 3 * 60 * 1000;

    fn started(clock: &FakeClock) -> Kiosk {
        let mut k = Kiosk::new(SessionConfig::default(), clock.now());
        let fx = k.on_event(Event::Start { lang: Lang::Es }, clock.now());
        assert_eq!(
            fx,
            vec![Effect::Navigate {
                to: State::Profiler
            }]
        );
        k
    }

    /// Moves the clock to `ms` after its current point and ticks.
    fn tick_after(k: &mut Kiosk, clock: &FakeClock, ms: u64) -> Vec<Effect> {
        clock.advance_ms(ms);
        k.tick(clock.now())
    }

    #[test]
    fn idle_timeout_starts_the_countdown_exactly_at_the_deadline() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        assert_eq!(tick_after(&mut k, &clock, IDLE_MS - 1), vec![]);
        assert_eq!(k.state(), State::Profiler);
        assert_eq!(
            tick_after(&mut k, &clock, 1),
            vec![Effect::ShowCountdown { seconds_left: 30 }]
        );
        assert_eq!(k.state(), State::Countdown);
    }

    #[test]
    fn default_and_configured_idle_times() {
        let clock = FakeClock::new();
        let cfg = SessionConfig::new(10, Lang::En).unwrap();
        assert_eq!(cfg.idle(), Duration::from_secs(600));
        let mut k = Kiosk::new(cfg, clock.now());
        k.on_event(Event::Start { lang: Lang::En }, clock.now());
        assert_eq!(tick_after(&mut k, &clock, IDLE_MS), vec![]);
        assert_eq!(
            tick_after(&mut k, &clock, 600_000 - IDLE_MS),
            vec![Effect::ShowCountdown { seconds_left: 30 }]
        );
    }

    #[test]
    fn countdown_ticks_once_per_second_change() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        tick_after(&mut k, &clock, IDLE_MS);
        // Several ticks within the same second say nothing new.
        assert_eq!(tick_after(&mut k, &clock, 250), vec![]);
        assert_eq!(tick_after(&mut k, &clock, 250), vec![]);
        assert_eq!(tick_after(&mut k, &clock, 250), vec![]);
        assert_eq!(
            tick_after(&mut k, &clock, 250),
            vec![Effect::ShowCountdown { seconds_left: 29 }]
        );
        // Rounded up, so 28.999 s still reads 29.
        assert_eq!(tick_after(&mut k, &clock, 1), vec![]);
        assert_eq!(
            tick_after(&mut k, &clock, 999),
            vec![Effect::ShowCountdown { seconds_left: 28 }]
        );
        // A slow timer skips numbers rather than replaying them.
        assert_eq!(
            tick_after(&mut k, &clock, 10_000),
            vec![Effect::ShowCountdown { seconds_left: 18 }]
        );
        let s = k.snapshot(clock.now());
        assert_eq!(s.state, State::Countdown);
        assert_eq!(s.countdown_seconds_left, Some(18));
        assert_eq!(s.idle_deadline_in_ms, None);
    }

    #[test]
    fn activity_during_countdown_returns_to_the_previous_screen() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        k.on_event(Event::Navigate { to: State::Careers }, clock.now());
        tick_after(&mut k, &clock, IDLE_MS + 5_000);
        assert_eq!(k.state(), State::Countdown);
        assert_eq!(k.activity(clock.now()), vec![Effect::HideCountdown]);
        assert_eq!(k.state(), State::Careers);
        // And the idle timer starts over from the activity.
        let s = k.snapshot(clock.now());
        assert_eq!(s.idle_deadline_in_ms, Some(IDLE_MS as u32));
        assert_eq!(s.countdown_seconds_left, None);
        assert_eq!(tick_after(&mut k, &clock, IDLE_MS - 1), vec![]);
        assert_eq!(
            tick_after(&mut k, &clock, 1),
            vec![Effect::ShowCountdown { seconds_left: 30 }]
        );
    }

    #[test]
    fn activity_before_the_deadline_pushes_it_back() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        clock.advance_ms(IDLE_MS - 10);
        assert_eq!(k.activity(clock.now()), vec![]);
        assert_eq!(tick_after(&mut k, &clock, 10), vec![]);
        assert_eq!(
            k.snapshot(clock.now()).idle_deadline_in_ms,
            Some(IDLE_MS as u32 - 10)
        );
    }

    #[test]
    fn countdown_expiry_wipes_once_then_shows_attract() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        tick_after(&mut k, &clock, IDLE_MS);
        assert_eq!(tick_after(&mut k, &clock, 29_999).len(), 1);
        assert_eq!(
            tick_after(&mut k, &clock, 1),
            vec![Effect::HideCountdown, Effect::Wipe, Effect::ShowAttract]
        );
        assert_eq!(k.state(), State::Attract);
        // Nothing more happens on the attract screen, however long it sits.
        assert_eq!(tick_after(&mut k, &clock, IDLE_MS * 10), vec![]);
        let s = k.snapshot(clock.now());
        assert_eq!(s.idle_deadline_in_ms, None);
        assert_eq!(s.countdown_seconds_left, None);
        assert_eq!(
            s.lang,
            Lang::En,
            "the next person gets the default language"
        );
    }

    #[test]
    fn a_late_event_cannot_rescue_an_expired_session() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        // The app was suspended: no ticks until well after the countdown.
        clock.advance_ms(IDLE_MS + 31_000);
        assert_eq!(
            k.activity(clock.now()),
            vec![Effect::Wipe, Effect::ShowAttract]
        );
        assert_eq!(k.state(), State::Attract);
    }

    #[test]
    fn a_late_tick_past_the_countdown_wipes_without_showing_it() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        assert_eq!(
            tick_after(&mut k, &clock, IDLE_MS + 30_000),
            vec![Effect::Wipe, Effect::ShowAttract]
        );
    }

    #[test]
    fn an_event_just_past_the_deadline_cancels_silently() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        clock.advance_ms(IDLE_MS + 100);
        // The app never showed a countdown, so there is none to hide.
        assert_eq!(k.activity(clock.now()), vec![]);
        assert_eq!(k.state(), State::Profiler);
    }

    #[test]
    fn done_wipes_at_once_from_any_session_screen_and_from_the_countdown() {
        for screen in [
            State::Profiler,
            State::Results,
            State::Careers,
            State::Report,
        ] {
            let clock = FakeClock::new();
            let mut k = started(&clock);
            k.on_event(Event::Navigate { to: screen }, clock.now());
            assert_eq!(k.state(), screen);
            assert_eq!(
                k.on_event(Event::Done, clock.now()),
                vec![Effect::Wipe, Effect::ShowAttract]
            );
            assert_eq!(k.state(), State::Attract);
        }
        let clock = FakeClock::new();
        let mut k = started(&clock);
        tick_after(&mut k, &clock, IDLE_MS);
        assert_eq!(
            k.on_event(Event::Done, clock.now()),
            vec![Effect::HideCountdown, Effect::Wipe, Effect::ShowAttract]
        );
    }

    #[test]
    fn attract_ignores_activity_until_start() {
        let clock = FakeClock::new();
        let mut k = Kiosk::new(SessionConfig::default(), clock.now());
        assert_eq!(k.activity(clock.now()), vec![]);
        assert_eq!(
            k.on_event(Event::Navigate { to: State::Results }, clock.now()),
            vec![]
        );
        assert_eq!(k.on_event(Event::Done, clock.now()), vec![]);
        assert_eq!(k.state(), State::Attract);
        // No timer runs on the attract screen.
        assert_eq!(k.snapshot(clock.now()).idle_deadline_in_ms, None);
        assert_eq!(tick_after(&mut k, &clock, IDLE_MS * 2), vec![]);
        assert_eq!(
            k.on_event(Event::Start { lang: Lang::Es }, clock.now()),
            vec![Effect::Navigate {
                to: State::Profiler
            }]
        );
        let s = k.snapshot(clock.now());
        assert_eq!(s.state, State::Profiler);
        assert_eq!(s.lang, Lang::Es);
        assert_eq!(s.idle_deadline_in_ms, Some(IDLE_MS as u32));
    }

    #[test]
    fn navigation_moves_between_later_screens_but_never_out_of_the_session() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        for to in [
            State::Results,
            State::Careers,
            State::Report,
            State::Careers,
            State::Profiler,
        ] {
            assert_eq!(
                k.on_event(Event::Navigate { to }, clock.now()),
                vec![Effect::Navigate { to }]
            );
            assert_eq!(k.state(), to);
        }
        assert_eq!(
            k.on_event(
                Event::Navigate {
                    to: State::Profiler
                },
                clock.now()
            ),
            vec![],
            "already there"
        );
        for to in [State::Attract, State::Countdown] {
            assert_eq!(k.on_event(Event::Navigate { to }, clock.now()), vec![]);
            assert_eq!(k.state(), State::Profiler);
        }
    }

    #[test]
    fn navigating_during_the_countdown_hides_it_then_moves() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        tick_after(&mut k, &clock, IDLE_MS);
        assert_eq!(
            k.on_event(Event::Navigate { to: State::Report }, clock.now()),
            vec![
                Effect::HideCountdown,
                Effect::Navigate { to: State::Report }
            ]
        );
        assert_eq!(k.state(), State::Report);
    }

    #[test]
    fn idle_minutes_out_of_range_are_rejected_with_a_clear_error() {
        for bad in [0, 31, 1000] {
            let e = SessionConfig::new(bad, Lang::En).unwrap_err();
            assert_eq!(e.code(), "kiosk.config_invalid");
            let msg = e.to_string();
            assert!(msg.contains("idle_minutes"), "{msg}");
            assert!(msg.contains("from 1 to 30"), "{msg}");
            assert!(msg.contains(&format!("got {bad}")), "{msg}");
        }
        assert!(SessionConfig::new(1, Lang::En).is_ok());
        assert!(SessionConfig::new(30, Lang::En).is_ok());
    }

    #[test]
    fn a_new_idle_time_gives_a_running_session_a_fresh_deadline() {
        let clock = FakeClock::new();
        let mut k = started(&clock);
        clock.advance_ms(IDLE_MS - 1000);
        k.set_config(SessionConfig::new(1, Lang::En).unwrap(), clock.now());
        assert_eq!(tick_after(&mut k, &clock, 59_999), vec![]);
        assert_eq!(
            tick_after(&mut k, &clock, 1),
            vec![Effect::ShowCountdown { seconds_left: 30 }]
        );
    }

    #[test]
    fn effects_and_snapshots_serialise_for_the_ui() {
        let v = serde_json::to_value(Effect::ShowCountdown { seconds_left: 7 }).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"kind": "show_countdown", "seconds_left": 7})
        );
        let v = serde_json::to_value(Effect::Navigate { to: State::Results }).unwrap();
        assert_eq!(v, serde_json::json!({"kind": "navigate", "to": "results"}));
        let e: Event = serde_json::from_str(r#"{"kind":"start","lang":"es"}"#).unwrap();
        assert_eq!(e, Event::Start { lang: Lang::Es });
        let clock = FakeClock::new();
        let k = Kiosk::new(SessionConfig::default(), clock.now());
        let v = serde_json::to_value(k.snapshot(clock.now())).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"state": "attract", "idle_deadline_in_ms": null,
                               "countdown_seconds_left": null, "lang": "en"})
        );
    }
}
