//! The kiosk as shipped on Linux, drawing in software (src-tauri/src/rendering.rs), driven the
//! way a visitor drives it: real X key presses (XTEST), no WebDriver at all, so nothing of the
//! test harness runs inside the page. Visitor after visitor: Touch to start, the Mini-IP answered by keyboard, submit, "I'm done", Yes; the page
//! reloads and the next visitor starts. After each wipe the data folder and WebKit's folders
//! hold none of that visitor's answers; the PSS of the app and its WebKit processes is noted.
//!
//! Run by `cargo xtask test` with 2 visitors (Xvfb, D-Bus; xdotool is one of its system
//! packages). `WAYPOINT_SOFTWARE_DAY_VISITORS=100 WAYPOINT_SOFTWARE_DAY_OUT=<file.json>` makes it
//! a day at the kiosk as shipped, for `bench/RESULTS.md`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{answers_of, clear_keychain, e2e_lock, files_containing, pss_tree};

const KEY: &str = "wpE2E-kiosk-software-8c41d2e6";

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
fn a_software_drawn_kiosk_takes_visitor_after_visitor() {
    let visitors: usize = std::env::var("WAYPOINT_SOFTWARE_DAY_VISITORS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let out: Option<PathBuf> = std::env::var_os("WAYPOINT_SOFTWARE_DAY_OUT").map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (xdg_data, xdg_cache) = (dir.path().join("xdg-data"), dir.path().join("xdg-cache"));
    let conf = dir.path().join("kiosk.toml");
    std::fs::write(&conf, "enabled = true\nidle_minutes = 1\n").unwrap();
    // Online, as kiosk_day: the results come from the O*NET test server and are cached under
    // a key holding the answers, which gives the byte scan something to find before the wipe.
    let _lock = e2e_lock();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(waypoint_onet_testserver::TestServer::start(KEY))
        .unwrap();
    clear_keychain();
    waypoint_secrets::KeyStore::default()
        .save(&secrecy::SecretString::from(KEY.to_string()))
        .expect("the test keychain takes the key");
    let base = server.base_url().to_string();
    let started = Instant::now();
    let mut app = Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .env("WAYPOINT_DATA_DIR", &data)
        .env("WAYPOINT_KIOSK_CONFIG", &conf)
        .env("WAYPOINT_API_BASE", &base)
        .env("XDG_DATA_HOME", &xdg_data)
        .env("XDG_CACHE_HOME", &xdg_cache)
        .env_remove("WAYPOINT_GPU_COMPOSITING")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let mut rows = vec![];
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_log(&mut app, &data, "UI ready", 1);
        wait_log(&mut app, &data, "webview compositing chosen gpu=false", 1);
        let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", "^Waypoint$"])
            .lines()
            .next()
            .expect("a window titled Waypoint")
            .to_string();
        xdotool(&["windowfocus", "--sync", &window]);
        let scanned = [data.as_path(), xdg_data.as_path(), xdg_cache.as_path()];
        for v in 1..=visitors {
            let answers = answers_of(v as u32);
            // The attract screen focuses its heading; then the two language buttons, then
            // "Touch to start".
            keys(&["Tab", "Tab", "Tab", "Return"]);
            wait_log(&mut app, &data, "kiosk session started", v);
            // Welcome's heading, then the Interest Profiler and the Mini-IP.
            std::thread::sleep(Duration::from_millis(500));
            keys(&["Tab", "Tab", "Return"]);
            // The profiler focuses its first item once the items have loaded; a kiosk shows
            // one item at a time and a digit answers and moves on.
            std::thread::sleep(Duration::from_millis(2500));
            let digits: Vec<String> = answers.chars().map(String::from).collect();
            keys(&digits.iter().map(String::as_str).collect::<Vec<_>>());
            // The last answer hands the focus to Submit; the results' heading then has it.
            keys(&["Return"]);
            let t = Instant::now();
            let mut seen = vec![];
            while seen.is_empty() && t.elapsed() < WAIT {
                std::thread::sleep(Duration::from_millis(200));
                seen = scanned
                    .iter()
                    .flat_map(|d| files_containing(d, answers.as_bytes()))
                    .collect();
            }
            assert!(
                !seen.is_empty(),
                "visitor {v}: no file holds the answers after submitting: the keys went nowhere"
            );
            std::thread::sleep(Duration::from_millis(500));
            // Back through the header: Español, English, the career search, "I'm done". Its
            // question focuses "Yes, erase".
            keys(&["shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "Return"]);
            std::thread::sleep(Duration::from_millis(500));
            keys(&["Return"]);
            wait_log(&mut app, &data, "kiosk session wiped", v);
            // The reload has to finish before the attract screen takes keys again.
            std::thread::sleep(Duration::from_secs(2));
            let traces: Vec<String> = scanned
                .iter()
                .flat_map(|d| files_containing(d, answers.as_bytes()))
                .map(|p| p.display().to_string())
                .collect();
            assert!(traces.is_empty(), "visitor {v}: answers left in {traces:?}");
            let (pss, anon, _) = pss_tree(app.id());
            eprintln!(
                "software kiosk: visitor {v}, PSS {} MiB (anon {} MiB), answers in {} files before the wipe, none after",
                pss / 1024,
                anon / 1024,
                seen.len()
            );
            rows.push(serde_json::json!({ "visitor": v, "pss_kib": pss, "anon_kib": anon }));
        }
    }));
    let _ = app.kill();
    let _ = app.wait();
    clear_keychain();
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
    let pss_at = |n: usize| {
        rows.get(n - 1)
            .map(|r| r["pss_kib"].as_u64().unwrap_or(0) / 1024)
    };
    eprintln!(
        "software kiosk: {visitors} visitors in {:.1} min; PSS MiB at 1/10/50/100: {:?}",
        started.elapsed().as_secs_f64() / 60.0,
        [1, 10, 50, 100].map(pss_at)
    );
    if let Some(out) = out {
        let summary = serde_json::json!({
            "visitors": visitors,
            "wall_secs": started.elapsed().as_secs_f64(),
            "rows": rows,
        });
        std::fs::write(out, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
    }
}
