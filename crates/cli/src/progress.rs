//! Progress on stderr as "stage done/total": one line rewritten with `\r` on a terminal,
//! plain lines otherwise (one when a stage starts, one when it ends, so logs stay short).

use std::io::{IsTerminal, Write};
use waypoint_services::dto::{PackProgress, PackStage};

pub struct Progress {
    terminal: bool,
    last: Option<(PackStage, u32, u32)>,
    /// Width of the last line written on a terminal, to blank out leftovers.
    width: usize,
}

impl Progress {
    pub fn stderr() -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            last: None,
            width: 0,
        }
    }

    pub fn update(&mut self, p: PackProgress) {
        let now = (p.stage, p.done, p.total);
        if self.last.as_ref() == Some(&now) {
            return;
        }
        let new_stage = self.last.as_ref().is_none_or(|(s, _, _)| *s != p.stage);
        let last_done = self.last.as_ref().map(|(_, d, _)| *d);
        self.last = Some(now);
        let line = format!("{} {}/{}", p.stage.as_str(), p.done, p.total);
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let pad = self.width.saturating_sub(line.len());
            let _ = write!(err, "\r{line}{:pad$}", "");
            let _ = err.flush();
            self.width = line.len();
        } else if new_stage || (p.done == p.total && last_done != Some(p.done)) {
            let _ = writeln!(err, "{line}");
        }
    }

    /// Ends the terminal line so later output starts on a fresh one.
    pub fn finish(&mut self) {
        if self.terminal && self.width > 0 {
            eprintln!();
            self.width = 0;
        }
    }
}
