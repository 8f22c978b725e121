//! Issue #16, "a day at the kiosk": visitors one after another in one running kiosk, each doing
//! what a visitor does (the Mini-IP by keyboard, the results, one Job Zone tab of careers from
//! the O*NET test server, one career report), then leaving by "I'm done" or, every other
//! visitor, by walking away until the idle countdown wipes. After each visitor the data folder
//! and WebKit's folders are byte-scanned for that visitor's answers, and the PSS of the app and
//! its WebKit processes is recorded.
//!
//! `cargo xtask test` runs it with 5 visitors (about 6 minutes: the idle visitors wait the
//! shortest idle time, 1 minute, plus the 30-second countdown). `cargo xtask bench` runs it with
//! `WAYPOINT_SOAK_VISITORS=100` and `WAYPOINT_SOAK_OUT=<file.json>` for `bench/RESULTS.md`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;

const KEY: &str = "wpE2E-kiosk-day-5b19f3a7";
const PIN: &str = "2468";
const PANEL: &str = "[data-testid=careers-panel]";

/// How many times the app's logs say a kiosk wipe finished.
fn wipes_logged(data: &Path) -> usize {
    let mut n = 0;
    for f in files_containing(&data.join("logs"), b"kiosk session wiped") {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned();
        n += text.matches("kiosk session wiped").count();
    }
    n
}

fn kiosk_config(dir: &Path) -> String {
    let conf = dir.join("kiosk.toml");
    let hash = waypoint_kiosk::hash_pin(PIN).unwrap();
    // The shortest idle time there is: one minute, then the 30-second countdown.
    std::fs::write(
        &conf,
        format!("enabled = true\nidle_minutes = 1\npin_hash = \"{hash}\"\n"),
    )
    .unwrap();
    conf.display().to_string()
}

async fn start_session(app: &App) {
    app.wait_for("[data-testid=attract]").await;
    app.click("[data-testid=kiosk-start]").await;
    app.wait_text_eq("main h1", "Find careers that fit your interests")
        .await;
    app.wait_for("h1[data-draft-checked=true]").await;
    assert_eq!(
        app.count("[data-testid=resume]").await,
        0,
        "the last visitor's draft was offered"
    );
}

/// Polls `css` until visible, for up to `limit`.
async fn wait_long(app: &App, css: &str, limit: Duration) {
    let t = Instant::now();
    loop {
        if let Ok(el) = app.client.find(fantoccini::Locator::Css(css)).await {
            if el.is_displayed().await.unwrap_or(false) {
                return;
            }
        }
        assert!(t.elapsed() < limit, "{css} not visible after {limit:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// One visitor, from the attract screen back to it. Returns how the answers looked on disk
/// before the wipe (files holding them), to show the scan can see a visitor at all.
async fn visit(app: &App, v: u32, answers: &str, by_idle: bool) -> usize {
    start_session(app).await;
    app.click("[data-way=ip30]").await;
    for i in 1..=30 {
        app.wait_focus(&format!("[data-item=\"{i}\"] [role=\"radio\"]"))
            .await;
        app.press(answers.as_bytes()[i - 1] as char).await;
        wait_progress(app, i, 30).await;
    }
    app.click("#q-submit").await;
    app.wait_text_eq("main h1", "Your interest profile").await;
    app.click_button("Show all careers").await;
    let tab = 1 + v % 5;
    app.click(&format!("[data-tab=\"{tab}\"]")).await;
    app.wait_for(&format!("[data-tab=\"{tab}\"][aria-selected=\"true\"]"))
        .await;
    let range = careers_loaded(app)
        .await
        .unwrap_or_else(|e| panic!("visitor {v}: careers of zone {tab}: {e:?}"));
    let rows = career_rows(app, PANEL).await;
    assert!(!rows.is_empty(), "visitor {v}: zone {tab} empty ({range})");
    app.click(&format!(
        "{PANEL} [data-code=\"{}\"] .career-title",
        rows[0].0
    ))
    .await;
    app.wait_for("[data-section]").await;
    let seen = files_containing(app.data_dir.path(), answers.as_bytes()).len();
    if by_idle {
        // Walks away: the minute, then the countdown, then the wipe.
        wait_long(app, "[role=alertdialog]", Duration::from_secs(80)).await;
        wait_long(app, "[data-testid=attract]", Duration::from_secs(45)).await;
    } else {
        app.click("[data-testid=kiosk-done]").await;
        app.click("[data-testid=done-yes]").await;
        app.wait_for("[data-testid=attract]").await;
    }
    seen
}

#[derive(Debug, serde::Serialize)]
struct Visitor {
    visitor: u32,
    left_by: &'static str,
    secs: f64,
    pss_kib: u64,
    anon_kib: u64,
    /// Files still holding this visitor's answers after the wipe.
    traces: Vec<String>,
    /// Files that held them before the wipe (the scan can see a visitor).
    seen_before_wipe: usize,
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn a_day_at_the_kiosk_leaves_no_visitor_behind() {
    let visitors: u32 = std::env::var("WAYPOINT_SOAK_VISITORS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let out: Option<PathBuf> = std::env::var_os("WAYPOINT_SOAK_OUT").map(PathBuf::from);
    let _lock = e2e_lock();
    let started = Instant::now();
    clear_keychain();
    let server = waypoint_onet_testserver::TestServer::start(KEY)
        .await
        .unwrap();
    waypoint_secrets::KeyStore::default()
        .save(&secrecy::SecretString::from(KEY.to_string()))
        .expect("the test keychain takes the key");
    let conf_dir = tempfile::tempdir().unwrap();
    let conf_s = kiosk_config(conf_dir.path());
    let xdg = tempfile::tempdir().unwrap();
    let (xdg_data, xdg_cache) = (xdg.path().join("data"), xdg.path().join("cache"));
    let (xdg_data_s, xdg_cache_s) = (
        xdg_data.display().to_string(),
        xdg_cache.display().to_string(),
    );
    let data_dir = Arc::new(tempfile::tempdir().unwrap());
    let app = App::launch_in(
        data_dir.clone(),
        &[
            ("WAYPOINT_KIOSK_CONFIG", conf_s.as_str()),
            ("WAYPOINT_API_BASE", server.base_url()),
            ("XDG_DATA_HOME", xdg_data_s.as_str()),
            ("XDG_CACHE_HOME", xdg_cache_s.as_str()),
        ],
    )
    .await;
    let data = data_dir.path().to_path_buf();
    let pid = app.app_pid().expect("the app is running");
    let scanned = [data.as_path(), xdg_data.as_path(), xdg_cache.as_path()];

    let mut log = Vec::new();
    let mut crashes = 0u32;
    for v in 1..=visitors {
        let t = Instant::now();
        let answers = answers_of(v);
        let by_idle = v % 2 == 0;
        let wipes = wipes_logged(&data);
        let seen = visit(&app, v, &answers, by_idle).await;
        let w = Instant::now();
        while wipes_logged(&data) <= wipes {
            assert!(w.elapsed() < WAIT, "visitor {v}: no wipe in the log");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        if app.app_pid() != Some(pid) {
            eprintln!("kiosk-day: visitor {v}: the app process {pid} is gone");
            crashes += 1;
            break;
        }
        let traces: Vec<String> = scanned
            .iter()
            .flat_map(|d| files_containing(d, answers.as_bytes()))
            .map(|p| p.display().to_string())
            .collect();
        // Let the reload settle so every visitor is measured at the same point.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (pss_kib, anon_kib, procs) = pss_tree(pid);
        let row = Visitor {
            visitor: v,
            left_by: if by_idle { "idle" } else { "done" },
            secs: t.elapsed().as_secs_f64(),
            pss_kib,
            anon_kib,
            traces,
            seen_before_wipe: seen,
        };
        eprintln!(
            "kiosk-day: visitor {v} ({}), {:.0} s, PSS {} MiB (anon {} MiB; {}), answers in {} files before the wipe, traces after: {:?}",
            row.left_by,
            row.secs,
            pss_kib / 1024,
            anon_kib / 1024,
            procs
                .iter()
                .map(|p| format!("{} {} MiB", p.1, p.2 / 1024))
                .collect::<Vec<_>>()
                .join(", "),
            seen,
            row.traces
        );
        log.push(row);
        if v == 1 {
            shot(&app, "kiosk-day", "01-attract-after-visitor-1").await;
        }
    }
    let wall = started.elapsed();
    let traces: usize = log.iter().map(|r| r.traces.len()).sum();
    let pss_at = |n: u32| log.iter().find(|r| r.visitor == n).map(|r| r.pss_kib);
    eprintln!(
        "kiosk-day: {visitors} visitors in {:.1} min; traces {traces}; crashes {crashes}; PSS MiB at 1/10/50/100: {:?}",
        wall.as_secs_f64() / 60.0,
        [1, 10, 50, 100].map(|n| pss_at(n).map(|k| k / 1024))
    );
    if let Some(out) = &out {
        let summary = serde_json::json!({
            "visitors": visitors,
            "wall_secs": wall.as_secs_f64(),
            "traces": traces,
            "crashes": crashes,
            "pss_kib": log.iter().map(|r| r.pss_kib).collect::<Vec<_>>(),
            "rows": log,
        });
        std::fs::write(out, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
    }
    app.close().await;
    clear_keychain();
    for r in &log {
        assert!(
            r.seen_before_wipe > 0,
            "visitor {}: the scan never saw the answers, so it proves nothing",
            r.visitor
        );
        assert!(
            r.traces.is_empty(),
            "visitor {}: answers left in {:?}",
            r.visitor,
            r.traces
        );
    }
    assert_eq!(crashes, 0);
}
