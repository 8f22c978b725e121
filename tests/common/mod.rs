//! Drives the real Waypoint window: tauri-driver + WebKitWebDriver + fantoccini, under the
//! Xvfb display and D-Bus session that `cargo xtask test` provides.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// One fixed port per run; the WebDriver tests run one app at a time.
const DRIVER_PORT: u16 = 4444;

pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_waypoint"))
}

pub fn shots_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The running app and the driver behind it. Dropping it closes both cleanly.
pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: tempfile::TempDir,
}

impl App {
    /// Starts the app with a fresh `WAYPOINT_DATA_DIR` and extra environment variables.
    pub async fn launch(envs: &[(&str, &str)]) -> App {
        let data_dir = tempfile::tempdir().unwrap();
        let driver = Command::new("tauri-driver")
            .args(["--port", &DRIVER_PORT.to_string()])
            .env("WAYPOINT_DATA_DIR", data_dir.path())
            .envs(envs.iter().copied())
            // Inherited pipes would keep the test runner waiting on the driver's children.
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is not installed: run `cargo install tauri-driver --locked`");
        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "browserName": "wry",
                "tauri:options": { "application": app_binary() }
            }))
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::rustls()
                .expect("rustls")
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("could not connect to tauri-driver: {e}"),
            }
        };
        App {
            client,
            driver,
            data_dir,
        }
    }

    /// Waits until `css` matches an element whose text is non-empty, and returns that text.
    pub async fn text_of(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if !t.trim().is_empty() {
                        return t;
                    }
                }
            }
            assert!(Instant::now() < deadline, "nothing with text matched {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let path = shots_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too.
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
    }
}
