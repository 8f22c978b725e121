//! Issue #19: a career center prepares once, then works offline in Spanish. With a key, Settings
//! → "Preparar para usar sin conexión"; then the O*NET service goes away and a whole Spanish
//! Mini-IP is taken: O*NET's Spanish items and answer scale (the test server marks its Spanish
//! "[es] …"), O*NET's Spanish Job Zones, and offline careers from the prepared occupation data.
//! Run by `cargo xtask test`.

mod common;

use common::*;

const KEY: &str = "wpE2E-prepare-es-5c1e9a07";
const ANSWERS: &str = "453215432154321432154321543212";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn prepared_once_then_a_spanish_mini_ip_offline() {
    let _lock = e2e_lock();
    let started = std::time::Instant::now();
    clear_keychain();
    let mut server = OwnServer::start(KEY);
    // The chosen language lives in the webview's storage: a folder of its own for this test.
    let web_data = tempfile::tempdir().unwrap();
    let app = App::launch(&[
        ("WAYPOINT_API_BASE", server.base_url()),
        ("XDG_DATA_HOME", web_data.path().to_str().unwrap()),
    ])
    .await;
    let s = "spanish-offline";

    app.wait_for("[data-way=ip30]").await;
    save_key(&app, KEY).await;
    app.click(".lang-btn[lang=es]").await;
    app.wait_js(
        "the page in Spanish",
        "return document.documentElement.lang === 'es';",
        vec![],
    )
    .await;
    app.click("[data-testid=prepare-button]").await;
    let result = app
        .wait_text("[data-testid=prepare-result]", "the summary", |t| {
            !t.is_empty()
        })
        .await;
    eprintln!("spanish-offline: prepared: {result:?}");
    let summary = app.text_of("[data-testid=prepare-summary]").await;
    assert!(
        !summary.contains("no se guardó"),
        "every part was saved: {summary}"
    );
    shot(&app, s, "01-prepared").await;

    // O*NET goes away.
    server.stop();

    // The Mini-IP in Spanish, from what was prepared.
    start_mini_ip(&app).await;
    let item1 = app.text_of("[data-item=\"1\"] .item-words").await;
    assert!(
        item1.starts_with("[es] "),
        "O*NET's Spanish item: {item1:?}"
    );
    let options = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-item=\"1\"] [role=radio]')].map(b => b.textContent.trim());",
            vec![],
        )
        .await
        .unwrap();
    let options: Vec<String> = options
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(options.len(), 5, "{options:?}");
    assert!(
        options.iter().all(|o| o.contains("[es] ")),
        "O*NET's Spanish answer scale: {options:?}"
    );
    assert_eq!(
        app.count("[data-item] [lang=en]").await,
        0,
        "no item is English"
    );
    shot(&app, s, "02-spanish-items-offline").await;
    answer_by_keyboard(&app, ANSWERS, 1, 30).await;
    wait_answered(&app, 30).await;
    submit_with_label(&app, "Sin conexión").await;
    let shown = shown_scores(&app).await;
    assert!(shown.iter().all(|b| b.contains(" de ")), "{shown:?}");
    shot(&app, s, "03-results").await;

    // O*NET's Spanish Job Zones, saved by the preparation (no "Waypoint's translation" note).
    app.click("[data-testid=to-zones]").await;
    app.wait_for("[data-zone-more=\"1\"]").await;
    let zone1 = app
        .client
        .execute(
            "return document.querySelector('[data-zone-more=\"1\"]').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let zone1 = zone1.as_str().unwrap();
    assert!(zone1.contains("[es] "), "O*NET's Spanish zone: {zone1:?}");
    assert_eq!(app.count("[data-testid=title-note]").await, 0);
    shot(&app, s, "04-zones").await;

    // Offline careers from the prepared occupation data, in the Spanish screen.
    app.click("[data-zone=\"2\"]").await;
    app.click("[data-testid=show-careers]").await;
    careers_loaded(&app).await.expect("the offline estimate");
    app.wait_for("[data-testid=estimate]").await;
    let rows = career_rows(&app, "[data-testid=careers-panel]").await;
    assert!(!rows.is_empty(), "matches offline");
    assert_eq!(
        app.client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .unwrap(),
        "es"
    );
    shot(&app, s, "05-careers-offline").await;
    app.close().await;
    clear_keychain();
    eprintln!("spanish-offline: {:?}", started.elapsed());
}
