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

/// Every command and event the webview may use, for both the invoke handler and the bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::*;
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            app_info,
            startup_notices,
            get_questionnaire,
            start_draft,
            record_answer,
            clear_answer,
            resume_draft,
            set_draft_lang,
            discard_draft,
            submit_answers,
            submit_scores,
            choose_zone,
            job_zones,
            areas,
            careers,
            career_report,
            list_sessions,
            get_session,
            delete_session,
            compare_sessions,
            export_sessions,
            import_sessions,
            forget_everything,
            key_status,
            set_key,
            remove_key,
            pack_status,
            import_pack,
            download_pack,
            open_external,
            save_report_pdf,
            print_report,
            kiosk_status,
            kiosk_event,
            kiosk_unlock,
            kiosk_relock,
            kiosk_set_pin,
            kiosk_update,
            quit_app,
            ui_ready,
        ])
        .events(tauri_specta::collect_events![
            events::OnlineStatus,
            events::PackProgressEvent,
            kiosk::KioskEffect
        ])
        .constant("AREAS", waypoint_profiler::Area::ALL)
        .constant("TABS", waypoint_profiler::Tab::ALL)
        .constant("MAX_SCORE", {
            // Keyed by the forms' wire names: {"ip60": 40, "ip30": 20}.
            use waypoint_profiler::Form;
            let name = |f: Form| {
                serde_json::to_value(f)
                    .expect("a form serialises")
                    .to_string()
            };
            [Form::Ip60, Form::Ip30]
                .map(|f| (name(f).trim_matches('"').to_owned(), f.scale_max()))
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>()
        })
        .constant("PIN_MIN_DIGITS", waypoint_kiosk::PIN_MIN_DIGITS)
        .constant("PIN_MAX_DIGITS", waypoint_kiosk::PIN_MAX_DIGITS)
        .constant(
            "CENTER_NAME_MAX_CHARS",
            waypoint_kiosk::CENTER_NAME_MAX_CHARS,
        )
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

    let mut started = startup::start(paths);
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
        .invoke_handler(builder.invoke_handler())
        .on_window_event({
            let kiosk = kiosk.clone();
            move |_window, event| {
                if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                    if !kiosk.may_close() {
                        tracing::info!("close refused: kiosk mode is locked");
                        api.prevent_close();
                    }
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
            kiosk.start_timer(app.handle().clone());
            app.manage(kiosk);
            app.manage(services);
            app.manage(started.state);
            Ok(())
        })
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running Waypoint");
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
