//! The floor for `cargo xtask bench`: one window, one static page, nothing else. The page
//! signals "ready" the way Waypoint's welcome screen does, so both start-up figures end at
//! the same kind of moment.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn ui_ready() {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    if std::env::var_os("WAYPOINT_BENCH_READY").is_some_and(|v| v == "1") {
        println!("waypoint-ready {ms}");
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .setup(|_| {
            // As Waypoint's log line "window created": the window exists, the page loads next.
            if std::env::var_os("WAYPOINT_BENCH_READY").is_some_and(|v| v == "1") {
                let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
                println!("waypoint-window {ms}");
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("error while running the floor app");
}
