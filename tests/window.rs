//! The real app window, driven over WebDriver. Run by `cargo xtask test` (Xvfb, tauri-driver).

mod common;

use common::App;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn the_welcome_screen_opens_and_shows_app_info_over_ipc() {
    let app = App::launch(&[]).await;
    let heading = app.text_of("main h1").await;
    assert_eq!(heading, "Find careers that fit your interests");
    let version = app.text_of("[data-testid=app-version]").await;
    assert!(
        version.contains(env!("CARGO_PKG_VERSION")),
        "version shown: {version}"
    );
    // The data folder shown came from Rust, so WAYPOINT_DATA_DIR reached the app.
    let data = app.text_of("[data-testid=data-dir]").await;
    let expected = app.data_dir.path().display().to_string();
    assert!(data.contains(&expected), "{data} should name {expected}");
    for way in ["ip60", "ip30", "typed"] {
        let sel = format!("[data-way={way}]");
        assert!(!app.text_of(&sel).await.is_empty());
    }
    let shot = app.screenshot("welcome").await;
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 10_000,
        "screenshot is suspiciously small"
    );
    app.close().await;
}
