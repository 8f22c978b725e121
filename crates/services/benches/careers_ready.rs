//! "Careers ready": from pressing Submit to the result plus page 1 of every careers tab
//! (all, Job Zones 1–5) fetched and filed, against the O*NET test server on loopback with
//! 100 ms added to every request, and a real SQLite store in a temporary folder.
//!
//! The work is what the app does on Submit: `submit_answers`, then `prefetch_careers`
//! (src-tauri/src/commands.rs). In round-trip units the floor is 1 (every request in flight
//! at once); one request after another is 7 (`results` + six careers pages).
//!
//! Prints a table and writes `<target dir>/bench/careers_ready.json` for `cargo xtask bench`.
//! `CAREERS_READY_RUNS` changes the number of measured runs (default 15).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::Form;
use waypoint_secrets::KeyStore;
use waypoint_services::careers::TABS;
use waypoint_services::dto::{ApiCheck, Lang, Source};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

const LATENCY_MS: u64 = 100;

fn main() {
    // `cargo bench` passes `--bench`; a filter that does not name this bench skips it.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    if !filter.is_empty() && !"careers_ready".contains(&filter) {
        return;
    }
    let runs: usize = std::env::var("CAREERS_READY_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    // The app runs its commands on Tauri's multi-threaded tokio runtime.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(bench(runs.max(1)));
}

struct Env {
    services: Services,
    _dir: tempfile::TempDir,
}

fn env(base: &str) -> Env {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = Store::open(dir.path()).expect("store");
    let mut settings = OnetSettings::new(base);
    // No retries: a failed request must show up as a failed run, not as a slow one.
    settings.retry = RetryPolicy::none();
    // A keychain entry no person uses; the key is passed in below.
    let keys = KeyStore::new("org.waypoint.profiler.bench", "careers-ready");
    let services = Services::new(store, keys, settings);
    services.use_key(SecretString::from("test-key".to_string()));
    Env {
        services,
        _dir: dir,
    }
}

/// A different, non-flat answer string per run, so no run reuses another's cache rows.
fn answers(run: usize) -> String {
    let mut x = 0x9e37_79b9_7f4a_7c15u64 ^ (run as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d);
    (0..60)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'1' + (x % 5) as u8)
        })
        .collect()
}

async fn answered_draft(s: &Services, run: usize) -> String {
    let d = s.start_draft(Form::Ip60, Lang::En).expect("draft");
    for (i, c) in answers(run).chars().enumerate() {
        s.record_answer(&d.id, i as u32 + 1, c.to_digit(10).unwrap() as u8)
            .expect("answer");
    }
    d.id
}

/// What the app does on Submit; returns the time to the result shown and to every tab
/// filed.
async fn concurrent(s: &Services, draft: &str) -> (Duration, Duration) {
    let t = Instant::now();
    let out = s.submit_answers(draft, None).await.expect("submit");
    let shown = t.elapsed();
    let tabs = s.prefetch_careers(&out.session_id, out.lang).await;
    let took = t.elapsed();
    check(s, &out.session_id, out.api_check, &tabs);
    (shown, took)
}

/// The same work with every request waiting for the one before.
async fn sequential(s: &Services, draft: &str) -> Duration {
    let t = Instant::now();
    let out = s.submit_answers(draft, None).await.expect("submit");
    // Drop the pages submit asked for early, so each tab below waits for its own request.
    s.forget_unsaved();
    let mut tabs = Vec::new();
    for tab in TABS {
        tabs.push(s.careers(&out.session_id, tab, 1, out.lang).await);
    }
    let took = t.elapsed();
    check(s, &out.session_id, out.api_check, &tabs);
    took
}

/// A run only counts when it did the real work: O*NET checked the scores and every tab
/// came from O*NET and is in the result's snapshot.
fn check(
    s: &Services,
    session: &str,
    api: ApiCheck,
    tabs: &[waypoint_services::Result<waypoint_services::dto::CareersPage>],
) {
    assert_eq!(api, ApiCheck::Matched, "the results check did not run");
    assert_eq!(tabs.len(), TABS.len());
    for t in tabs {
        let t = t.as_ref().expect("careers tab");
        assert_eq!(t.source, Source::Api, "tab {} not from O*NET", t.tab);
        assert!(!t.rows.is_empty(), "tab {} is empty", t.tab);
    }
    let saved = s.get_session(session).expect("saved result");
    assert_eq!(saved.snapshot.len(), TABS.len(), "snapshot misses tabs");
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn bench(runs: usize) {
    let server = TestServer::start("test-key").await.expect("test server");
    server.set_faults(vec![FaultRule::new("*", Fault::Latency { ms: LATENCY_MS })]);
    let e = env(server.base_url());
    let s = &e.services;

    // One warm-up of each kind: first connections, prepared statements, page cache.
    let d = answered_draft(s, 0).await;
    concurrent(s, &d).await;
    let d = answered_draft(s, 1).await;
    sequential(s, &d).await;

    let mut conc = Vec::with_capacity(runs);
    let mut shown = Vec::with_capacity(runs);
    let mut seq = Vec::with_capacity(runs);
    let mut commit = Vec::with_capacity(runs);
    for run in 0..runs {
        let t = Instant::now();
        let d = answered_draft(s, 2 + 2 * run).await;
        // 61 commits: the draft and its 60 answers.
        commit.push(ms(t.elapsed()) / 61.0);
        let (r, all) = concurrent(s, &d).await;
        shown.push(ms(r));
        conc.push(ms(all));
        let d = answered_draft(s, 3 + 2 * run).await;
        seq.push(ms(sequential(s, &d).await));
    }
    let min_ms = conc.iter().copied().fold(f64::INFINITY, f64::min);
    let median_ms = median(&mut conc);
    let sequential_ms = median(&mut seq);
    let shown_ms = median(&mut shown);
    let commit_ms = median(&mut commit);
    let round_trips = median_ms / LATENCY_MS as f64;

    println!("careers ready: submit → result + all six careers tabs filed ({runs} runs, {LATENCY_MS} ms added per request)");
    println!("  {:<26} {:>9} {:>12}", "", "median ms", "round trips");
    println!(
        "  {:<26} {:>9.1} {:>12.2}   (min {:.1} ms)",
        "as the app does it", median_ms, round_trips, min_ms
    );
    println!(
        "  {:<26} {:>9.1} {:>12.2}",
        "  of which result shown",
        shown_ms,
        shown_ms / LATENCY_MS as f64
    );
    println!(
        "  {:<26} {:>9.1} {:>12.2}",
        "one request after another",
        sequential_ms,
        sequential_ms / LATENCY_MS as f64
    );
    println!("  one answer saved (one SQLite commit, synchronous=FULL): {commit_ms:.2} ms");
    println!("  goal: ≤ 1.2 round trips; floor 1.0");

    let json = serde_json::json!({
        "latency_ms": LATENCY_MS,
        "runs": runs,
        "median_ms": round1(median_ms),
        "min_ms": round1(min_ms),
        "round_trips": (round_trips * 100.0).round() / 100.0,
        "sequential_ms": round1(sequential_ms),
        "result_shown_ms": round1(shown_ms),
        "commit_ms": (commit_ms * 100.0).round() / 100.0,
    });
    let path = target_dir().join("bench").join("careers_ready.json");
    std::fs::create_dir_all(path.parent().unwrap()).expect("create target/bench");
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap() + "\n")
        .expect("write careers_ready.json");
    println!("  wrote {}", path.display());
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The workspace's target folder, three levels above this binary
/// (`<target>/<profile>/deps/careers_ready-…`), which also honours `CARGO_TARGET_DIR`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("bench binary path");
    exe.ancestors()
        .nth(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}
