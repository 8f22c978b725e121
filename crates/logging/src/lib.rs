//! Logging for the app and the CLI.
//!
//! Every formatted line passes through [`RedactingWriter`] before it reaches a file, so a
//! string registered with [`register_secret`] (the O*NET API key) is never written, even
//! when some library prints it in a URL or an error by accident.

use std::io::{self, Write};
use std::path::Path;
use std::sync::{OnceLock, RwLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;
use tracing_subscriber::EnvFilter;

pub const REDACTED: &str = "[REDACTED]";
/// Log files kept before the oldest is deleted (one per day).
pub const KEEP_FILES: usize = 14;
/// Bound on all log files together: the oldest go first, at start-up and at each daily
/// rotation, and a day that alone reaches it stops writing until the next.
pub const MAX_TOTAL_BYTES: u64 = 50 * 1024 * 1024;

fn secrets() -> &'static RwLock<Vec<String>> {
    static SECRETS: OnceLock<RwLock<Vec<String>>> = OnceLock::new();
    SECRETS.get_or_init(|| RwLock::new(Vec::new()))
}

/// From now on, `secret` is replaced by [`REDACTED`] in every log line.
/// Very short strings are ignored: redacting "a" would wreck every line and protect nothing.
pub fn register_secret(secret: &str) {
    let secret = secret.trim();
    if secret.len() < 4 {
        return;
    }
    let mut list = secrets().write().unwrap_or_else(|p| p.into_inner());
    if !list.iter().any(|s| s == secret) {
        list.push(secret.to_string());
    }
}

/// Stops redacting `secret` (after the key is removed; harmless to keep, but the list stays small).
pub fn forget_secret(secret: &str) {
    let mut list = secrets().write().unwrap_or_else(|p| p.into_inner());
    list.retain(|s| s != secret.trim());
}

/// Replaces every registered secret in `text`.
pub fn redact(text: &str) -> String {
    let list = secrets().read().unwrap_or_else(|p| p.into_inner());
    let mut out = text.to_string();
    for s in list.iter() {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), REDACTED);
        }
    }
    out
}

/// Buffers one formatted event and writes it redacted when dropped, so a secret split
/// across several `write` calls is still caught.
pub struct RedactingWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = redact(&String::from_utf8_lossy(&self.buf));
        let _ = self.inner.write_all(text.as_bytes());
        let _ = self.inner.flush();
    }
}

/// Wraps any `MakeWriter` (a rolling file, stderr, a test buffer) with redaction.
pub struct Redacting<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;
    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.0.make_writer(),
            buf: Vec::new(),
        }
    }
}

/// Deletes the oldest `<prefix>.*.log` files in `dir` until the rest take at most
/// `max_total` bytes. The newest file is never deleted. Returns how many were removed.
pub fn prune(dir: &Path, prefix: &str, max_total: u64) -> io::Result<usize> {
    let head = format!("{prefix}.");
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let meta = e.metadata().ok()?;
            (meta.is_file() && name.starts_with(&head) && name.ends_with(".log"))
                .then_some((name, meta.len()))
        })
        .collect();
    // The date in the name sorts the files oldest first.
    files.sort();
    let mut total: u64 = files.iter().map(|(_, n)| n).sum();
    let mut removed = 0;
    for (name, len) in files.iter().take(files.len().saturating_sub(1)) {
        if total <= max_total {
            break;
        }
        std::fs::remove_file(dir.join(name))?;
        total -= len;
        removed += 1;
    }
    Ok(removed)
}

/// Days since the Unix epoch (UTC), the unit of the appender's rotation.
fn utc_day() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0)
}

/// The rolling file with the total size bound: prunes when the day turns (the appender has
/// just rotated), and drops lines once one day's file alone would pass the bound.
struct Capped<W: Write> {
    inner: W,
    dir: std::path::PathBuf,
    prefix: String,
    max_total: u64,
    day: u64,
    written_today: u64,
    warned: bool,
}

impl<W: Write> Capped<W> {
    fn write_on(&mut self, day: u64, data: &[u8]) -> io::Result<usize> {
        if day != self.day {
            self.day = day;
            self.written_today = 0;
            self.warned = false;
            // Write first so the new day's file exists and counts as the newest.
            let n = self.inner.write(data)?;
            self.written_today += n as u64;
            let _ = prune(&self.dir, &self.prefix, self.max_total);
            return Ok(n);
        }
        if self.written_today + data.len() as u64 > self.max_total {
            if !self.warned {
                self.warned = true;
                let note = b"log size limit reached; nothing more is logged today\n";
                let _ = self.inner.write_all(note);
            }
            // Reported as written: a full log must not fail the program.
            return Ok(data.len());
        }
        let n = self.inner.write(data)?;
        self.written_today += n as u64;
        Ok(n)
    }
}

impl<W: Write> Write for Capped<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_on(utc_day(), data)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Keeps the background log writer alive; drop it at exit to flush.
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Sends logs to `<log_dir>/<prefix>.YYYY-MM-DD.log`, rotated daily, at most [`KEEP_FILES`]
/// files and [`MAX_TOTAL_BYTES`] kept.
/// `RUST_LOG` overrides the default level (info for Waypoint, warn for libraries).
pub fn init(log_dir: &Path, prefix: &str) -> io::Result<LogGuard> {
    std::fs::create_dir_all(log_dir)?;
    prune(log_dir, prefix, MAX_TOTAL_BYTES)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(prefix)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(io::Error::other)?;
    let today = log_dir.join(format!("{prefix}.{}.log", date_of(utc_day())));
    let capped = Capped {
        inner: appender,
        dir: log_dir.to_path_buf(),
        prefix: prefix.to_owned(),
        max_total: MAX_TOTAL_BYTES,
        day: utc_day(),
        written_today: std::fs::metadata(today).map(|m| m.len()).unwrap_or(0),
        warned: false,
    };
    let (writer, guard) = tracing_appender::non_blocking(capped);
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,waypoint=info,waypoint_app=info"));
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Redacting(writer));
    // A second init (tests, the CLI after the app) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .try_init();
    Ok(LogGuard(guard))
}

/// `YYYY-MM-DD` of a day since the epoch, as the appender names its files.
fn date_of(days: u64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A panic's message and place, with every registered secret replaced.
pub fn panic_report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    redact(&format!("panicked{place}: {what}"))
}

/// Replaces the default panic printer, which would print a message holding the key as it is,
/// with one that writes the redacted report to the log and to stderr.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let report = panic_report(info);
        tracing::error!("{report}");
        eprintln!("{report}");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);
    impl Write for Captured {
        fn write(&mut self, d: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(d);
            Ok(d.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Captured {
            self.clone()
        }
    }

    #[test]
    fn a_registered_secret_never_reaches_the_writer() {
        let key = "k3y-0123456789-abcdef";
        register_secret(key);
        let out = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(Redacting(out.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(header = %format!("X-API-Key: {key}"), "calling {key} twice {key}");
        });
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(!text.contains(key), "{text}");
        assert_eq!(text.matches(REDACTED).count(), 3, "{text}");
        forget_secret(key);
        assert_eq!(redact(key), key);
    }

    #[test]
    fn split_writes_are_redacted_as_one_line() {
        register_secret("split-secret-value");
        let out = Captured::default();
        {
            let mut w = Redacting(out.clone()).make_writer();
            w.write_all(b"before split-sec").unwrap();
            w.write_all(b"ret-value after\n").unwrap();
        }
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text, format!("before {REDACTED} after\n"));
    }

    #[test]
    fn init_writes_a_rotating_file_in_the_log_folder() {
        let dir = tempfile::tempdir().unwrap();
        let guard = init(dir.path(), "waypoint-test").unwrap();
        tracing::warn!("hello from the test");
        drop(guard);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("waypoint-test.") && n.ends_with(".log")),
            "{names:?}"
        );
    }

    fn seed(dir: &Path, name: &str, bytes: usize) {
        std::fs::write(dir.join(name), vec![b'x'; bytes]).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn prune_deletes_the_oldest_files_beyond_the_total() {
        let dir = tempfile::tempdir().unwrap();
        for (day, n) in [("01", 400), ("02", 300), ("03", 200), ("04", 100)] {
            seed(dir.path(), &format!("app.2026-11-{day}.log"), n);
        }
        seed(dir.path(), "other.2026-11-01.log", 5000);
        assert_eq!(prune(dir.path(), "app", 450).unwrap(), 2);
        assert_eq!(
            names(dir.path()),
            [
                "app.2026-11-03.log",
                "app.2026-11-04.log",
                "other.2026-11-01.log"
            ]
        );
        // The newest file stays even alone over the bound.
        assert_eq!(prune(dir.path(), "app", 10).unwrap(), 1);
        assert_eq!(
            names(dir.path()),
            ["app.2026-11-04.log", "other.2026-11-01.log"]
        );
    }

    #[test]
    fn rotation_prunes_and_a_runaway_day_stops_at_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        seed(dir.path(), "app.2026-11-01.log", 600);
        seed(dir.path(), "app.2026-11-02.log", 300);
        let mut w = Capped {
            inner: Vec::new(),
            dir: dir.path().to_path_buf(),
            prefix: "app".into(),
            max_total: 1000,
            day: 10,
            written_today: 0,
            warned: false,
        };
        w.write_on(10, &[b'a'; 400]).unwrap();
        assert_eq!(names(dir.path()).len(), 2, "no pruning within a day");
        // The next day: the appender has started a new file; the oldest go.
        seed(dir.path(), "app.2026-11-03.log", 500);
        w.write_on(11, &[b'b'; 10]).unwrap();
        assert_eq!(
            names(dir.path()),
            ["app.2026-11-02.log", "app.2026-11-03.log"]
        );
        // A day that logs without end stops at the bound, with one note.
        for _ in 0..50 {
            assert_eq!(w.write_on(11, &[b'c'; 100]).unwrap(), 100);
        }
        let text = String::from_utf8_lossy(&w.inner);
        assert!(w.written_today <= 1000);
        assert_eq!(text.matches("log size limit reached").count(), 1);
        assert!(w.inner.len() < 400 + 1000 + 100, "{}", w.inner.len());
    }

    #[test]
    fn dates_match_the_appender_file_names() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(20_423), "2025-12-01");
        assert_eq!(date_of(11_016), "2000-02-29");
    }

    #[test]
    fn panic_reports_are_redacted() {
        let key = "panic-secret-9a8b7c";
        register_secret(key);
        let seen = Arc::new(Mutex::new(String::new()));
        let keep = Arc::clone(&seen);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            *keep.lock().unwrap() = panic_report(info)
        }));
        let r = std::panic::catch_unwind(|| panic!("request failed with key {key}"));
        std::panic::set_hook(previous);
        assert!(r.is_err());
        let report = seen.lock().unwrap().clone();
        assert!(
            report.contains("request failed with key [REDACTED]"),
            "{report}"
        );
        assert!(report.contains("lib.rs"), "the place is kept: {report}");
        assert!(!report.contains(key));
        forget_secret(key);
    }
}
