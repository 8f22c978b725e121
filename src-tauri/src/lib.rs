//! The Waypoint desktop app: a thin Tauri layer over the plain crates in `crates/`.
//!
//! Commands live in [`commands`]; each is a line or two over a service that tests
//! can call without a window. The TypeScript bindings in `ui/src/lib/bindings.ts`
//! are generated from [`specta_builder`] (see `tests/bindings.rs`).

pub mod app_info;
pub mod commands;
pub mod error;

use tauri::Manager;

pub use error::AppError;

/// Where the generated TypeScript bindings live, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// Every command the webview may call, with its types, for both the invoke handler and the bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![commands::app_info])
}

/// The bindings file's text, exactly as committed.
pub fn render_bindings() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("waypoint-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("bindings.ts");
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Regenerate with `cargo xtask bindings`; tests/bindings.rs fails when this file is stale.\n"),
            &file,
        )
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

pub fn run() {
    let paths = match waypoint_config::Paths::resolve() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Waypoint cannot start: {e}");
            std::process::exit(1);
        }
    };
    let _log_guard = match waypoint_logging::init(&paths.log_dir, "waypoint") {
        Ok(g) => Some(g),
        Err(e) => {
            eprintln!(
                "Waypoint could not open its log folder {}: {e}",
                paths.log_dir.display()
            );
            None
        }
    };
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Waypoint starting");

    let builder = specta_builder();
    let state = app_info::AppState::new(paths);
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running Waypoint");
}
