//! Issue #10, scenario 1: first run without an O*NET key. The bundled questionnaire, all 60
//! answers by keyboard, the scores Waypoint's own profiler computes, and a careers screen
//! that explains how to get careers (a key or O*NET data). Run by `cargo xtask test`.

mod common;

use common::*;
use waypoint_onet_testserver::TestServer;

/// O*NET's example answer string for the 60-item profiler.
const ANSWERS: &str = "553421321134342523523523254115342111351145453111231155343444";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn first_run_without_a_key_bundled_questionnaire_by_keyboard_to_results_and_careers_help() {
    let _lock = e2e_lock();
    let started = std::time::Instant::now();
    clear_keychain();
    // A test server stands in for O*NET so nothing can reach the internet; without a key
    // Waypoint should not need it for the questionnaire at all.
    let server = TestServer::start("journey-first-run-key").await.unwrap();
    let app = App::launch(&[("WAYPOINT_API_BASE", server.base_url())]).await;
    let s = "first-run";

    app.wait_text_eq("main h1", "Find careers that fit your interests")
        .await;
    assert_eq!(
        app.count("[data-testid=resume]").await,
        0,
        "a fresh data folder has no draft"
    );
    shot(&app, s, "01-welcome").await;

    // Choose the 60-item profiler by keyboard.
    app.wait_for("[data-way=ip60]").await;
    app.client
        .execute("document.querySelector('[data-way=ip60]').focus();", vec![])
        .await
        .unwrap();
    app.press(ENTER).await;
    app.wait_text_eq("main h1", "Interest Profiler").await;
    app.wait_focus("[data-item=\"1\"] [role=\"radio\"]").await;
    assert_eq!(app.count("[data-testid=q-notice]").await, 0);
    wait_progress(&app, 0, 60).await;
    shot(&app, s, "02-questionnaire").await;

    answer_by_keyboard(&app, ANSWERS, 1, 30).await;
    wait_progress(&app, 30, 60).await;
    shot(&app, s, "03-half-way").await;
    answer_by_keyboard(&app, ANSWERS, 31, 60).await;
    wait_progress(&app, 60, 60).await;
    shot(&app, s, "04-all-answered").await;

    // Label and submit from the keyboard.
    app.type_and_enter("#q-label", "First run").await;

    let expected = waypoint_profiler::Answers::parse(ANSWERS)
        .unwrap()
        .scores()
        .as_array();
    let want: Vec<String> = expected.iter().map(|v| format!("{v} of 40")).collect();
    app.wait_text_eq("main h1", "Your interest profile").await;
    let shown = shown_scores(&app).await;
    assert_eq!(
        shown, want,
        "scores shown vs waypoint_profiler's for {ANSWERS}"
    );
    shot(&app, s, "05-results").await;

    // Careers without a key or data: a clear explanation and a way to Settings.
    app.click_button("Show all careers").await;
    let text = app
        .wait_text("[data-testid=unavailable]", "the unavailable notice", |t| {
            !t.is_empty()
        })
        .await;
    assert!(text.contains("O*NET Web Services key"), "{text}");
    assert!(text.contains("O*NET's data on this computer"), "{text}");
    shot(&app, s, "06-careers-unavailable").await;
    app.click_button("Open Settings").await;
    app.wait_text_eq("main h1", "Settings").await;
    shot(&app, s, "07-settings").await;

    // Without a key, nothing was asked of O*NET.
    let asked: Vec<String> = server.requests().iter().map(|r| r.api_path()).collect();
    eprintln!("first-run: requests to the test server: {asked:?}");
    app.close().await;
    eprintln!("first-run: {:?}", started.elapsed());
}
