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

/// Keeps the background log writer alive; drop it at exit to flush.
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Sends logs to `<log_dir>/<prefix>.YYYY-MM-DD.log`, rotated daily, [`KEEP_FILES`] kept.
/// `RUST_LOG` overrides the default level (info for Waypoint, warn for libraries).
pub fn init(log_dir: &Path, prefix: &str) -> io::Result<LogGuard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(prefix)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(io::Error::other)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
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
