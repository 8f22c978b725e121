//! The kiosk as shipped on Linux, drawing in software (src-tauri/src/rendering.rs), driven by
//! real X keyboard input instead of WebDriver: WebKitWebDriver 2.50 stops answering after the
//! page reload that follows every wipe in that mode, so the WebDriver kiosk tests ask for GPU
//! compositing (tests/common/mod.rs). This test shows the app itself carries on: a visitor
//! starts, ends with "I'm done", the page reloads, and the next visitor can start.
//!
//! Run by `cargo xtask test` (Xvfb, D-Bus; xdotool is one of its system packages).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

fn log_count(data: &Path, line: &str) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(data.join("logs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let text =
            String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default()).into_owned();
        n += text.matches(line).count();
    }
    n
}

fn wait_log(app: &mut Child, data: &Path, line: &str, times: usize) {
    let t = Instant::now();
    while log_count(data, line) < times {
        assert!(
            app.try_wait().unwrap().is_none(),
            "the app exited while waiting for \"{line}\""
        );
        assert!(
            t.elapsed() < WAIT,
            "\"{line}\" logged {} times, not {times}, after {WAIT:?}",
            log_count(data, line)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool is installed");
    assert!(out.status.success(), "xdotool {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Real key presses (XTEST, as a keyboard sends them) into the window that has the focus.
fn keys(keys: &[&str]) {
    for k in keys {
        xdotool(&["key", "--clearmodifiers", k]);
        // One key per frame or so: the UI moves focus between presses.
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
#[ignore = "needs Xvfb and xdotool: run through `cargo xtask test`"]
fn a_software_drawn_kiosk_takes_the_next_visitor_after_a_wipe() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let conf = dir.path().join("kiosk.toml");
    std::fs::write(&conf, "enabled = true\nidle_minutes = 1\n").unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let mut app = Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .env("WAYPOINT_DATA_DIR", &data)
        .env("WAYPOINT_KIOSK_CONFIG", &conf)
        .env("WAYPOINT_API_BASE", &base)
        .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
        .env("XDG_CACHE_HOME", dir.path().join("xdg-cache"))
        .env_remove("WAYPOINT_GPU_COMPOSITING")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_log(&mut app, &data, "UI ready", 1);
        wait_log(&mut app, &data, "webview compositing chosen gpu=false", 1);
        let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", "^Waypoint$"])
            .lines()
            .next()
            .expect("a window titled Waypoint")
            .to_string();
        xdotool(&["windowfocus", "--sync", &window]);
        for visitor in 1..=2 {
            // The attract screen focuses its heading; then the two language buttons, then
            // "Touch to start".
            keys(&["Tab", "Tab", "Tab", "Return"]);
            wait_log(&mut app, &data, "kiosk session started", visitor);
            // Welcome's heading has the focus; back through the header: Español, English,
            // the career search, "I'm done". Its question focuses "Yes, erase".
            keys(&["shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "Return"]);
            std::thread::sleep(Duration::from_millis(500));
            keys(&["Return"]);
            wait_log(&mut app, &data, "kiosk session wiped", visitor);
            // The reload has to finish before the attract screen takes keys again.
            std::thread::sleep(Duration::from_secs(2));
        }
    }));
    let _ = app.kill();
    let _ = app.wait();
    if let Err(e) = outcome {
        let log: String = std::fs::read_dir(data.join("logs"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default()).into_owned()
            })
            .collect();
        eprintln!("the app's log:\n{log}");
        std::panic::resume_unwind(e);
    }
}
