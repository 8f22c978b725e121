//! Time sources. The session machine uses the monotonic clock so a change of
//! the system time cannot end or extend a session; the PIN lock-out uses wall
//! time because it must survive a restart.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

pub trait Clock: Send + Sync {
    /// Monotonic time, for the idle timer and countdown.
    fn now(&self) -> Instant;
    /// Wall time, for the persisted PIN lock-out.
    fn wall(&self) -> SystemTime;
}

/// A clock that only moves when told to, so tests never sleep.
#[derive(Debug)]
pub struct FakeClock {
    start: Instant,
    wall_start: SystemTime,
    elapsed: Mutex<Duration>,
}

impl FakeClock {
    pub fn new() -> Self {
        FakeClock {
            start: Instant::now(),
            // A fixed wall time keeps persisted lock states reproducible.
            wall_start: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
            elapsed: Mutex::new(Duration::ZERO),
        }
    }

    pub fn advance(&self, by: Duration) {
        *self.elapsed.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }

    pub fn advance_ms(&self, ms: u64) {
        self.advance(Duration::from_millis(ms));
    }

    fn elapsed(&self) -> Duration {
        *self.elapsed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }
    fn wall(&self) -> SystemTime {
        self.wall_start + self.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_both_times_together_and_only_when_told() {
        let c = FakeClock::new();
        let (t0, w0) = (c.now(), c.wall());
        assert_eq!(c.now(), t0);
        c.advance_ms(1500);
        assert_eq!(c.now() - t0, Duration::from_millis(1500));
        assert_eq!(
            c.wall().duration_since(w0).unwrap(),
            Duration::from_millis(1500)
        );
    }
}
