//! The Waypoint desktop app: a thin Tauri layer over the plain crates in `crates/`.
//!
//! Commands live in [`commands`]; each is a line or two over `waypoint_services`, which tests
//! call without a window. The TypeScript bindings in `ui/src/lib/bindings.ts` are generated
//! from [`specta_builder`] (see `tests/bindings.rs`).

pub mod app_info;
pub mod commands;
pub mod error;
pub mod events;
pub mod kiosk;
pub mod links;
pub mod startup;

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use tauri::Manager;
use tauri_specta::Event;

pub use error::AppError;

/// When [`run`] began, for the start-up figure that `ui_ready` logs.
pub static STARTED: OnceLock<Instant> = OnceLock::new();

/// Where the generated TypeScript bindings live, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

include!("command_list.rs");

/// Every command name, in the order registered; `tests/commands.rs` compares it with the
/// capability file.
pub const COMMANDS: &[&str] = {
    macro_rules! names {
        ($($name:ident),* $(,)?) => {
            &[$(stringify!($name)),*]
        };
    }
    with_commands!(names)
};

/// Every command and event the webview may use, for both the invoke handler and the bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::*;
    macro_rules! collect_commands {
        ($($name:ident),* $(,)?) => {
            tauri_specta::collect_commands![$($name),*]
        };
    }
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(with_commands!(collect_commands))
        .events(tauri_specta::collect_events![
            events::OnlineStatus,
            events::PackProgressEvent,
            kiosk::KioskEffect
        ])
}

/// The bindings file's text, exactly as committed.
pub fn render_bindings() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("waypoint-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("bindings.ts");
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header(
                "// Regenerate with `cargo xtask bindings`; tests/bindings.rs fails when this file is stale.\n",
            ),
            &file,
        )
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

pub fn run() {
    STARTED.get_or_init(Instant::now);
    let paths = match waypoint_config::Paths::resolve() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Waypoint cannot start: {e}");
            std::process::exit(1);
        }
    };
    // Before the log opens a file in the new folder, which Windows would then refuse to move.
    let moved = waypoint_config::Paths::legacy_data_dir_of_this_user()
        .map(|from| waypoint_config::move_data_folder(&from, &paths.data_dir));
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
    waypoint_logging::install_panic_hook();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Waypoint starting");

    let mut started = startup::start(paths);
    if let Some(notice) = moved.and_then(startup::data_moved_notice) {
        started.state.notices.insert(0, notice);
    }
    let services = started.services.clone();
    let kiosk = Arc::new(kiosk::KioskRuntime::load(
        services.clone(),
        &started.state.paths.data_dir,
        &mut started.state.notices,
    ));
    let builder = specta_builder();
    // With "Waypoint starting" and "UI ready", the start-up timeline in the log (issue #12).
    tracing::info!("store, keychain and kiosk opened; starting the window");
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch focuses the window that is already open.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation_guard())
        .invoke_handler(kiosk::guard_commands(builder.invoke_handler()))
        .on_window_event({
            let kiosk = kiosk.clone();
            move |window, event| {
                match event {
                    tauri::WindowEvent::CloseRequested { api, .. }
                        if kiosk.may_close().is_err() =>
                    {
                        tracing::info!("close refused: kiosk mode is locked");
                        api.prevent_close();
                    }
                    // A minimize that got through (a window manager's shortcut) is undone.
                    tauri::WindowEvent::Resized(_)
                        if !kiosk.allows(waypoint_kiosk::WindowRequest::Minimize)
                            && window.is_minimized().unwrap_or(false) =>
                    {
                        tracing::info!("minimize refused: kiosk mode is locked");
                        let _ = window.unminimize();
                    }
                    _ => {}
                }
            }
        })
        .setup(move |app| {
            let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
            tracing::info!("window created {ms} ms after start; the page loads next");
            if std::env::var_os("WAYPOINT_BENCH_READY").is_some_and(|v| v == "1") {
                println!("waypoint-window {ms}");
            }
            builder.mount_events(app);
            let handle = app.handle().clone();
            services.on_online_change(move |online| {
                let _ = events::OnlineStatus { online }.emit(&handle);
            });
            if kiosk.enabled() {
                if let Some(w) = app.get_webview_window("main") {
                    kiosk::lock_down(&w, true);
                }
            }
            let menu = waypoint_kiosk::app_menu(waypoint_kiosk::Os::current(), kiosk.enabled());
            kiosk::install_menu(app.handle(), menu)?;
            kiosk.start_timer(app.handle().clone());
            app.manage(kiosk);
            app.manage(services);
            app.manage(started.state);
            Ok(())
        })
        .build(tauri::generate_context!("tauri.conf.json"))
        .expect("error while building Waypoint")
        .run(move |app, event| {
            // Cmd+Q, the Dock's Quit and the like reach the app only as this request.
            if let tauri::RunEvent::ExitRequested { api, .. } = &event {
                let kiosk = app.state::<Arc<kiosk::KioskRuntime>>();
                if !kiosk.allows(waypoint_kiosk::WindowRequest::Exit) {
                    tracing::info!("quit refused: kiosk mode is locked");
                    api.prevent_exit();
                }
            }
        });
}

/// The webview only ever shows Waypoint's own pages: links elsewhere open in the system
/// browser through `open_external`, or not at all in kiosk mode.
fn navigation_guard<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let own = matches!(url.scheme(), "tauri" | "asset")
                || matches!(url.host_str(), Some("tauri.localhost") | Some("localhost"));
            if !own {
                tracing::warn!(%url, "navigation blocked");
            }
            own
        })
        .build()
}

/// The services every command shares (what `app.manage` holds).
pub type SharedServices = Arc<waypoint_services::Services>;
