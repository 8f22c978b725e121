//! Issue #10, scenario 2: adding the O*NET key. A wrong key is reported as rejected; the right
//! one goes to the OS keychain (the Secret Service of the test session) and nowhere in the data
//! folder. Then the Mini-IP by keyboard, results equal to O*NET's (the test server's), the Job
//! Zone 3 tab, page 2, a career report, and the result in History. Run by `cargo xtask test`.

mod common;

use common::*;
use waypoint_onet_testserver::TestServer;

/// Distinctive, so a search of the data folder cannot match anything else.
const KEY: &str = "wpE2E-key-7f3a9c1d5b2e";
const WRONG: &str = "wpE2E-wrong-0c4d8e6a1f";
const ANSWERS: &str = "543215432154321123451234513524";

fn stored_key() -> (bool, String) {
    secret_tool(&[
        "lookup",
        "service",
        "org.waypoint.profiler",
        "username",
        "onet-api-key",
    ])
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn adding_the_key_then_mini_ip_results_careers_report_and_history() {
    let _lock = e2e_lock();
    let started = std::time::Instant::now();
    clear_keychain();
    let server = TestServer::start(KEY).await.unwrap();
    let base = server.base_url().to_string();
    let app = App::launch(&[("WAYPOINT_API_BASE", &base)]).await;
    // Kept after close: the folder goes away with the last handle.
    let dir = std::sync::Arc::clone(&app.data_dir);
    let data = dir.path().to_path_buf();
    let s = "key";

    app.wait_text_eq("main h1", "Find careers that fit your interests")
        .await;
    app.click_button("Settings").await;
    app.wait_text_eq("main h1", "Settings").await;
    app.wait_text("[data-testid=key-status]", "a key status", |t| {
        !t.is_empty()
    })
    .await;
    shot(&app, s, "01-settings").await;

    // A wrong key: rejected, in words, and not stored.
    app.type_and_enter("#api-key", WRONG).await;
    app.wait_text_eq(
        "[data-testid=key-msg]",
        "O*NET did not accept this key. Check it was copied completely, then try again.",
    )
    .await;
    shot(&app, s, "02-key-rejected").await;
    let (_, looked_up) = stored_key();
    assert!(!looked_up.contains(WRONG), "a rejected key was stored");

    // The right key: checked, stored, shown only by its last four characters.
    app.type_and_enter("#api-key", KEY).await;
    let last4 = &KEY[KEY.len() - 4..];
    app.wait_text_eq(
        "[data-testid=key-msg]",
        &format!("The key works and is saved (…{last4})."),
    )
    .await;
    let status = app
        .wait_text("[data-testid=key-status]", "the last four", |t| {
            t.contains(last4)
        })
        .await;
    assert!(!status.contains(KEY), "{status}");
    shot(&app, s, "03-key-saved").await;
    let (found, looked_up) = stored_key();
    assert!(found, "secret-tool lookup failed: {looked_up}");
    assert_eq!(looked_up.trim(), KEY);
    let (_, attrs) = secret_tool(&["search", "--all", "service", "org.waypoint.profiler"]);
    eprintln!("keychain entry:\n{attrs}");

    // The Mini-IP by keyboard.
    app.click_button("Start").await;
    app.wait_text_eq("main h1", "Find careers that fit your interests")
        .await;
    app.click("[data-way=ip30]").await;
    app.wait_text_eq("main h1", "Mini Interest Profiler").await;
    app.wait_focus("[data-item=\"1\"] [role=\"radio\"]").await;
    shot(&app, s, "04-mini-ip").await;
    answer_by_keyboard(&app, ANSWERS, 1, 30).await;
    wait_progress(&app, 30, 30).await;
    shot(&app, s, "05-answered").await;
    app.type_and_enter("#q-label", "With key").await;

    // Results equal O*NET's (the test server's) for the same answers.
    app.wait_text_eq("main h1", "Your interest profile").await;
    let shown = shown_scores(&app).await;
    // Off the runtime's thread: the test server runs on it.
    let url = format!("{base}mnm/interestprofiler/results?answers={ANSWERS}");
    let onet = tokio::task::spawn_blocking(move || http_get_json(&url, &[("X-API-Key", KEY)]))
        .await
        .unwrap();
    let want: Vec<String> = AREAS
        .iter()
        .map(|a| {
            let r = onet["result"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["code"].as_str().unwrap().eq_ignore_ascii_case(a))
                .unwrap_or_else(|| panic!("{a} in {onet}"));
            format!("{} of 20", r["score"])
        })
        .collect();
    assert_eq!(
        shown, want,
        "results shown vs the test server's for {ANSWERS}"
    );
    assert_eq!(app.count("[data-testid=mismatch]").await, 0);
    let code = app.text_of("[data-testid=code]").await;
    shot(&app, s, "06-results").await;

    // Job Zone 3, page 2, a report.
    app.click_button("Next: how much preparation?").await;
    app.click("[data-zone=\"3\"]").await;
    app.click_button("Show careers").await;
    app.wait_for("[data-tab=\"3\"][aria-selected=\"true\"]")
        .await;
    let range = app
        .wait_text("[data-testid=range]", "the first page", |t| {
            t.starts_with("1–")
        })
        .await;
    let total: usize = range.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(
        total > 20,
        "zone 3 needs a second page for this test: {range}"
    );
    let tab = app.text_of("[data-tab=\"3\"]").await;
    assert_eq!(tab, format!("Zone 3 · Medium preparation ({total})"));
    shot(&app, s, "07-zone3-page1").await;
    app.click_button("Next page").await;
    app.wait_text_eq(
        "[data-testid=range]",
        &format!("21–{} of {total}", total.min(40)),
    )
    .await;
    app.wait_for(".career-title").await;
    shot(&app, s, "08-zone3-page2").await;
    let first = app.wait_for(".career-title").await;
    let title = first.text().await.unwrap();
    first.click().await.unwrap();
    app.wait_text_eq("main h1", &title).await;
    app.wait_for("[data-section]").await;
    shot(&app, s, "09-report").await;
    // A related career opens inside Waypoint, and Back returns to the career it came from.
    let related = app.wait_for("[data-testid=related] .career-title").await;
    let related_title = related.text().await.unwrap();
    assert_ne!(related_title, title, "a related career is another career");
    related.click().await.unwrap();
    app.wait_text_eq("main h1", &related_title).await;
    app.wait_for("[data-section]").await;
    shot(&app, s, "09b-related").await;
    app.click("[data-testid=report-back]").await;
    app.wait_text_eq("main h1", &title).await;

    // History has the result.
    app.click_button("History").await;
    app.wait_text_eq("main h1", "History").await;
    app.wait_text("[data-session] .code-sm", "the code", |t| t == code)
        .await;
    assert_eq!(app.count("[data-session]").await, 1);
    shot(&app, s, "10-history").await;

    // The key is in none of Waypoint's files: database, journal, logs.
    let leaks = files_containing(&data, KEY.as_bytes());
    assert!(leaks.is_empty(), "the key is written in {leaks:?}");
    app.close().await;
    let leaks = files_containing(&data, KEY.as_bytes());
    assert!(
        leaks.is_empty(),
        "after closing, the key is written in {leaks:?} (files: {:?})",
        list_files(&data)
    );
    assert!(
        list_files(&data).iter().any(|f| f.starts_with("logs")),
        "logs are in the data folder: {:?}",
        list_files(&data)
    );
    clear_keychain();
    eprintln!("key: {:?}", started.elapsed());
}
