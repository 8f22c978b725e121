//! Issue #10, scenario 4: offline. A result is taken with O*NET (the test server) reachable,
//! its careers and one report are seen; then the server is stopped so its port refuses
//! connections. History shows the result exactly as it was seen, cached careers and the cached
//! report show their fetch time, a report never opened says it is not saved, and a new profile
//! gets a clear offline state without O*NET data and Waypoint's estimate once the data is
//! downloaded (Settings, with its progress bar). Run by `cargo xtask test`.

mod common;

use std::time::{Duration, Instant};

use common::*;
use waypoint_onet_testserver::{Fault, FaultRule};

const KEY: &str = "wpE2E-offline-5c1e9a3d";
const ANSWERS: &str = "432154321543215123451234512345";
const PANEL: &str = "[data-testid=careers-panel]";

/// Typed scores of the 60-item form as a new profile: Start → "I have scores" → Results.
async fn typed_profile(app: &App, values: [u32; 6]) -> String {
    app.click("[data-testid=nav-start]").await;
    app.click("[data-way=typed]").await;
    for (a, v) in AREAS.iter().zip(values) {
        app.type_into(&format!("#score-{a}"), &v.to_string()).await;
    }
    app.click("#typed-form button[type=submit]").await;
    app.wait_for("[data-testid=to-careers]").await;
    app.text_of("[data-testid=code]").await
}

/// Clicks a careers tab and waits until it is selected and loaded.
async fn open_tab(app: &App, tab: &str) -> Result<String, (String, String)> {
    app.click(&format!("[data-tab=\"{tab}\"]")).await;
    app.wait_for(&format!("[data-tab=\"{tab}\"][aria-selected=\"true\"]"))
        .await;
    careers_loaded(app).await
}

/// Section ids of the report on show, once loaded.
async fn report_sections(app: &App) -> Vec<String> {
    app.wait_for("[data-section]").await;
    let v = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-section]')].map(s => s.dataset.section);",
            vec![],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn offline_history_cached_careers_and_reports_then_estimate_only_with_offline_data() {
    let _lock = e2e_lock();
    let started = Instant::now();
    clear_keychain();
    let mut server = OwnServer::start(KEY);
    let base = server.base_url().to_string();
    let codes: Vec<String> = server
        .occupations()
        .iter()
        .map(|o| o.code.clone())
        .collect();
    let app = App::launch(&[("WAYPOINT_API_BASE", &base)]).await;
    let s = "offline";

    // Online: a result, its careers on two tabs, one report.
    app.wait_for("[data-way=ip30]").await;
    save_key(&app, KEY).await;
    start_mini_ip(&app).await;
    answer_by_keyboard(&app, ANSWERS, 1, 30).await;
    wait_answered(&app, 30).await;
    // Careers are fetched (and cached) from the submit on.
    let t0 = now_ms();
    let code = submit_with_label(&app, "Before going offline").await;
    let scores = shown_scores(&app).await;
    shot(&app, s, "01-online-results").await;

    app.click("[data-testid=to-careers]").await;
    let range_all = careers_loaded(&app).await.expect("careers online");
    assert_eq!(
        app.count("[data-testid=cached]").await,
        0,
        "fresh, not cached"
    );
    let all_online = career_rows(&app, PANEL).await;
    assert_eq!(all_online.len(), 20, "{range_all}");
    let range_3 = open_tab(&app, "3").await.expect("zone 3 online");
    let zone3_online = career_rows(&app, PANEL).await;
    assert!(zone3_online.len() >= 2, "{range_3}");
    shot(&app, s, "02-online-zone3").await;
    let seen = &zone3_online[0];
    app.click(&format!("{PANEL} [data-code=\"{}\"] .career-title", seen.0))
        .await;
    let sections_online = report_sections(&app).await;
    assert_eq!(app.count("[data-testid=report-cached]").await, 0);
    shot(&app, s, "03-online-report").await;
    app.click("[data-testid=report-back]").await;
    careers_loaded(&app).await.expect("zone 3 again");

    // The network goes away.
    server.stop();

    // Cached careers: the same rows, with the time they were fetched.
    let t = Instant::now();
    let range = open_tab(&app, "all").await.expect("cached careers");
    let fallback = t.elapsed();
    assert_eq!(range, range_all);
    let cached = app
        .wait_text("[data-testid=cached]", "the saved time", |t| !t.is_empty())
        .await;
    assert!(
        shows_time_since(&app, &cached, "en", t0).await,
        "no fetch time in {cached:?}"
    );
    assert_eq!(career_rows(&app, PANEL).await, all_online);
    app.wait_for("[data-testid=offline]").await;
    shot(&app, s, "04-offline-cached-all").await;
    assert_eq!(open_tab(&app, "3").await.as_ref(), Ok(&range_3));
    assert_eq!(career_rows(&app, PANEL).await, zone3_online);
    app.wait_for("[data-testid=cached]").await;

    // The report seen online: from the cache, with its time.
    app.click(&format!("{PANEL} [data-code=\"{}\"] .career-title", seen.0))
        .await;
    assert_eq!(report_sections(&app).await, sections_online);
    let cached = app
        .wait_text("[data-testid=report-cached]", "the saved time", |t| {
            !t.is_empty()
        })
        .await;
    assert!(
        shows_time_since(&app, &cached, "en", t0).await,
        "no fetch time in {cached:?}"
    );
    shot(&app, s, "05-offline-cached-report").await;

    // A report never opened: said plainly, nothing else on the page.
    app.click("[data-testid=report-back]").await;
    careers_loaded(&app).await.expect("zone 3 cached");
    let other = &zone3_online[1];
    app.click(&format!(
        "{PANEL} [data-code=\"{}\"] .career-title",
        other.0
    ))
    .await;
    let alert = app
        .wait_text(
            "[role=alert][data-code=\"report.unavailable_offline\"]",
            "not saved",
            |t| !t.is_empty(),
        )
        .await;
    assert_eq!(app.count("[data-section]").await, 0);
    eprintln!("offline: unopened report: {alert:?}");
    shot(&app, s, "06-offline-report-not-saved").await;

    // History: exactly what was seen online.
    the_one_result_in_history(&app, &code, &scores).await;
    app.click("[data-tab=\"all\"]").await;
    app.wait_for("[data-tab=\"all\"][aria-selected=\"true\"]")
        .await;
    assert_eq!(career_rows(&app, "#snap-panel").await, all_online);
    shot(&app, s, "07-offline-history").await;
    app.click("[data-tab=\"3\"]").await;
    app.wait_for("[data-tab=\"3\"][aria-selected=\"true\"]")
        .await;
    assert_eq!(career_rows(&app, "#snap-panel").await, zone3_online);

    // A new profile without O*NET data on this computer: a clear offline state, no list.
    let t = Instant::now();
    typed_profile(&app, [27, 13, 23, 25, 14, 14]).await;
    app.click("[data-testid=to-careers]").await;
    let (code_no_pack, text) = careers_loaded(&app).await.expect_err("no careers offline");
    let no_pack = t.elapsed();
    assert_eq!(code_no_pack, "network.offline", "{text}");
    assert!(
        !text.contains("127.0.0.1") && !text.contains("HTTP"),
        "{text}"
    );
    assert_eq!(career_rows(&app, PANEL).await, vec![]);
    app.wait_for("[data-testid=retry]").await;
    shot(&app, s, "08-new-profile-no-data").await;

    // Back online for a moment: download O*NET's data in Settings. The tables come slowly
    // so the progress bar is on screen long enough to be seen.
    server.restart();
    server.set_faults(vec![FaultRule::new(
        "database/rows/*",
        Fault::Latency { ms: 1500 },
    )]);
    app.click("[data-testid=nav-settings]").await;
    app.wait_text("[data-testid=pack-status]", "no data yet", |t| {
        !t.is_empty()
    })
    .await;
    // Settings has no test ids of its own; this is the scenario's one English label.
    app.click("[data-testid=pack-download]").await;
    app.wait_for("[data-testid=pack-progress] [role=progressbar]")
        .await;
    shot(&app, s, "09-download-progress").await;
    let status = app
        .wait_text("[data-testid=pack-status]", "the data installed", |t| {
            t.starts_with(&format!("{} occupations", codes.len()))
        })
        .await;
    eprintln!("offline: pack: {status}");
    assert!(!server
        .requests_to("database/rows/occupation_data")
        .is_empty());
    server.stop();

    // Offline again: a new profile gets Waypoint's estimate from that data.
    typed_profile(&app, [12, 30, 8, 20, 26, 9]).await;
    app.click("[data-testid=to-careers]").await;
    let range = careers_loaded(&app).await.expect("the offline estimate");
    app.wait_for("[data-testid=estimate]").await;
    let rows = career_rows(&app, PANEL).await;
    assert_eq!(rows.len(), 20, "{range}");
    assert!(
        rows.iter().all(|(c, _)| codes.contains(c)),
        "estimate rows come from the downloaded data: {rows:?}"
    );
    shot(&app, s, "10-new-profile-estimate").await;

    app.close().await;
    clear_keychain();
    eprintln!(
        "offline: cached careers {:?} after the server stopped, no-data state {:?}",
        fallback, no_pack
    );
    // Connection refused is not retried: the fallback must not wait out a back-off.
    assert!(fallback < Duration::from_secs(3), "{fallback:?}");
    eprintln!("offline: {:?}", started.elapsed());
}
