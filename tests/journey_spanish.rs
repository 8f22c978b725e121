//! Issue #10, scenario 8: the key journey in Spanish. The Mini-IP starts in English; half-way
//! the language is switched to Spanish and every answer stays; the items come from O*NET's
//! Spanish service (`mpp/`, the test server's); results equal O*NET's Spanish results, careers
//! and a report come in Spanish, and History shows the result. Elements are found by test id,
//! id or attribute: English text is read only to prove the language changed.
//! Run by `cargo xtask test`.

mod common;

use common::*;

const KEY: &str = "wpE2E-spanish-8d2b6f4e";
const ANSWERS: &str = "214352143521435534125341253412";

fn want(from: usize, to: usize) -> Vec<(usize, char)> {
    (from..=to)
        .map(|i| (i, ANSWERS.as_bytes()[i - 1] as char))
        .collect()
}

async fn item_text(app: &App, i: usize) -> String {
    app.text_of(&format!("[data-item=\"{i}\"] .item-words"))
        .await
}

/// The leading number of "N of 20" / "N de 20".
fn value(bar: &str) -> u64 {
    bar.split_whitespace().next().unwrap().parse().unwrap()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn the_key_journey_in_spanish_switching_language_mid_test_keeps_every_answer() {
    let _lock = e2e_lock();
    let started = std::time::Instant::now();
    clear_keychain();
    let server = OwnServer::start(KEY);
    let base = server.base_url().to_string();
    // The webview keeps the chosen language in its own storage under XDG_DATA_HOME: a folder
    // of its own keeps Spanish from carrying over to the next test.
    let web_data = tempfile::tempdir().unwrap();
    let app = App::launch(&[
        ("WAYPOINT_API_BASE", &base),
        ("XDG_DATA_HOME", web_data.path().to_str().unwrap()),
    ])
    .await;
    let s = "spanish";

    app.wait_for("[data-way=ip30]").await;
    save_key(&app, KEY).await;
    start_mini_ip(&app).await;
    let h1_en = app.text_of("main h1").await;
    answer_by_keyboard(&app, ANSWERS, 1, 15).await;
    wait_answered(&app, 15).await;
    let item16_en = item_text(&app, 16).await;
    shot(&app, s, "01-english-15-answered").await;

    // Switch mid-test.
    app.click(".lang-btn[lang=es]").await;
    app.wait_js(
        "the page in Spanish",
        "return document.documentElement.lang === 'es';",
        vec![],
    )
    .await;
    let h1_es = app
        .wait_text("main h1", "the Spanish title", |t| {
            !t.is_empty() && t != h1_en
        })
        .await;
    eprintln!("spanish: {h1_en:?} became {h1_es:?}");
    // The items are now O*NET's Spanish ones (the test server marks them "[es] …").
    let url = format!("{base}mpp/interestprofiler/questions_30?start=1&end=30");
    let es = http_get_json(&url, &[("X-API-Key", KEY)]);
    let item16_es = es["question"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["index"] == 16)
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(item16_es, item16_en);
    app.wait_text_eq("[data-item=\"16\"] .item-words", &item16_es)
        .await;
    assert_eq!(
        app.count("[data-item] [lang]").await + app.count("[data-item][lang]").await,
        0,
        "no item is marked as another language"
    );
    // Nothing lost: the progress and the checked answers on this page.
    wait_answered(&app, 15).await;
    assert_eq!(checked_answers(&app).await, want(13, 15));
    shot(&app, s, "02-switched-to-spanish").await;

    // The rest in Spanish.
    app.client
        .execute(
            "document.querySelector('[data-item=\"16\"] [role=radio][tabindex=\"0\"]').focus();",
            vec![],
        )
        .await
        .unwrap();
    answer_by_keyboard(&app, ANSWERS, 16, 30).await;
    wait_answered(&app, 30).await;
    assert_eq!(checked_answers(&app).await, want(25, 30));
    shot(&app, s, "03-all-answered").await;
    server.clear_requests();
    let code = submit_with_label(&app, "En español").await;

    // Results equal O*NET's Spanish results for all thirty answers.
    let shown = shown_scores(&app).await;
    let url = format!("{base}mpp/interestprofiler/results?answers={ANSWERS}");
    let onet = http_get_json(&url, &[("X-API-Key", KEY)]);
    let want_scores: Vec<u64> = AREAS
        .iter()
        .map(|a| {
            onet["result"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["code"].as_str().unwrap().eq_ignore_ascii_case(a))
                .unwrap()["score"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(
        shown.iter().map(|b| value(b)).collect::<Vec<_>>(),
        want_scores,
        "{shown:?}"
    );
    assert!(shown.iter().all(|b| b.contains(" de ")), "{shown:?}");
    assert_eq!(app.count("[data-testid=mismatch]").await, 0);
    assert!(
        !server
            .requests_to("mpp/interestprofiler/results")
            .is_empty(),
        "the check asked O*NET in Spanish"
    );
    shot(&app, s, "04-results").await;

    // Careers and a report, in Spanish.
    app.click("[data-testid=to-careers]").await;
    let range = careers_loaded(&app).await.expect("careers");
    let rows = career_rows(&app, "[data-testid=careers-panel]").await;
    assert_eq!(rows.len(), 20, "{range}");
    assert!(
        rows.iter().all(|(_, t)| t.starts_with("[es] ")),
        "Spanish titles: {rows:?}"
    );
    assert!(range.contains(" de "), "{range}");
    shot(&app, s, "05-careers").await;
    app.click("[data-testid=page-next]").await;
    let range2 = app
        .wait_text("[data-testid=range]", "page 2", |t| t.starts_with("21–"))
        .await;
    let page2 = career_rows(&app, "[data-testid=careers-panel]").await;
    assert!(!page2.is_empty() && page2.iter().all(|(_, t)| t.starts_with("[es] ")));
    assert!(page2.iter().all(|r| !rows.contains(r)), "{range2}");
    shot(&app, s, "06-careers-page2").await;
    let (code_soc, title) = page2[0].clone();
    app.click(&format!(
        "[data-testid=careers-panel] [data-code=\"{code_soc}\"] .career-title"
    ))
    .await;
    app.wait_text_eq("main h1", &title).await;
    app.wait_for("[data-section=overview]").await;
    let overview = app.text_of("#sec-overview").await;
    assert!(
        !server
            .requests_to(&format!("mpp/careers/{code_soc}"))
            .is_empty(),
        "the report came from O*NET's Spanish service"
    );
    assert_eq!(app.count("[data-section][lang]").await, 0, "{overview}");
    shot(&app, s, "07-report").await;

    // History, in Spanish, with the same scores.
    the_one_result_in_history(&app, &code, &shown).await;
    shot(&app, s, "09-history-session").await;
    app.close().await;
    clear_keychain();
    eprintln!("spanish: {:?}", started.elapsed());
}
