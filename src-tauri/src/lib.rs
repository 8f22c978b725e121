//! The Waypoint desktop app: a thin Tauri layer over the plain crates in `crates/`.
//!
//! Commands live in [`commands`]; each is a line or two over `waypoint_services`, which tests
//! call without a window. The TypeScript bindings in `ui/src/lib/bindings.ts` are generated
//! from [`specta_builder`] (see `tests/bindings.rs`).

pub mod app_info;
pub mod commands;
pub mod error;
pub mod events;
pub mod fatal;
pub mod kiosk;
pub mod links;
pub mod rendering;
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
            events::PrepareProgressEvent,
            events::StoreNotice,
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

/// What the window-state plugin saves at exit and restores at start: size, position and
/// maximized only. Never decorations, full screen or visibility, which kiosk mode changes: a
/// normal launch after a kiosk session must come back with its frame, not borderless.
fn remembered_window_state() -> tauri_plugin_window_state::StateFlags {
    use tauri_plugin_window_state::StateFlags;
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

pub fn run() {
    STARTED.get_or_init(Instant::now);
    let paths = match waypoint_config::Paths::resolve() {
        Ok(p) => p,
        Err(e) => fatal::exit_with(&e.to_string()),
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
    let on_exit = started.services.clone();
    let kiosk = Arc::new(kiosk::KioskRuntime::load(
        services.clone(),
        &started.state.paths.data_dir,
        &mut started.state.notices,
    ));
    let builder = specta_builder();
    // With "Waypoint starting" and "UI ready", the start-up timeline in the log (issue #12).
    // The keychain is read later, after the first paint (`ui_ready`).
    tracing::info!("store and kiosk opened; starting the window");
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch focuses the window that is already open.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(remembered_window_state())
                .build(),
        )
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
            if let Some(w) = app.get_webview_window("main") {
                rendering::apply(&w);
                if kiosk.enabled() {
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
        .unwrap_or_else(|e| fatal::exit_with(&format!("the window could not be created: {e}")))
        .run(move |app, event| {
            // Cmd+Q, the Dock's Quit and the like reach the app only as this request.
            if let tauri::RunEvent::ExitRequested { api, .. } = &event {
                let kiosk = app.state::<Arc<kiosk::KioskRuntime>>();
                if !kiosk.allows(waypoint_kiosk::WindowRequest::Exit) {
                    tracing::info!("quit refused: kiosk mode is locked");
                    api.prevent_exit();
                }
            }
            // The process exits without dropping the store: record the clean close here, so
            // the next start skips the integrity check (issue #22).
            if let tauri::RunEvent::Exit = event {
                if let Err(e) = on_exit.store().close_cleanly() {
                    tracing::warn!(code = %e.code(), "could not record a clean close: {e}");
                }
            }
        });
}

/// The webview only ever shows Waypoint's own pages: links elsewhere open in the system
/// browser through `open_external`, or not at all in kiosk mode.
fn navigation_guard<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let own = navigation_allowed(url, cfg!(debug_assertions));
            if !own {
                tracing::warn!(%url, "navigation blocked");
            }
            own
        })
        .build()
}

/// Port of the dev server (`devUrl` in tauri.conf.json), reachable only from debug builds.
const DEV_SERVER_PORT: u16 = 5173;

/// Whether the webview may show `url`: the app's own origin (`tauri://localhost`, or
/// `http(s)://tauri.localhost` where the platform serves the app over http) and IPC; in a
/// debug build also the dev server. Any other local port could be another program's page,
/// which would then be able to call the app's commands.
fn navigation_allowed(url: &tauri::Url, debug_build: bool) -> bool {
    let host = url.host_str();
    let port = url.port();
    match url.scheme() {
        "tauri" | "ipc" => host == Some("localhost") && port.is_none(),
        "http" | "https" if host == Some("tauri.localhost") => port.is_none(),
        "http" => debug_build && host == Some("localhost") && port == Some(DEV_SERVER_PORT),
        _ => false,
    }
}

/// The services every command shares (what `app.manage` holds).
pub type SharedServices = Arc<waypoint_services::Services>;

#[cfg(test)]
mod windows_manifest_tests {
    include!("windows_manifest.rs");

    #[test]
    fn test_binaries_get_common_controls_v6_with_msvc_only() {
        let [embed, dependency] = windows_manifest_link_args("windows", "msvc").unwrap();
        assert_eq!(embed, "/MANIFEST:EMBED");
        assert!(dependency.starts_with("/MANIFESTDEPENDENCY:type='win32'"));
        for part in [
            "name='Microsoft.Windows.Common-Controls'",
            "version='6.0.0.0'",
            "publicKeyToken='6595b64144ccf1df'",
        ] {
            assert!(dependency.contains(part), "{part}: {dependency}");
        }
        assert_eq!(windows_manifest_link_args("windows", "gnu"), None);
        assert_eq!(windows_manifest_link_args("linux", "gnu"), None);
        assert_eq!(windows_manifest_link_args("macos", ""), None);
    }
}

#[cfg(test)]
mod window_state_tests {
    use super::remembered_window_state;
    use tauri_plugin_window_state::StateFlags;

    #[test]
    fn kiosk_window_looks_are_never_carried_into_a_normal_launch() {
        let kept = remembered_window_state();
        for kiosk_only in [
            StateFlags::DECORATIONS,
            StateFlags::FULLSCREEN,
            StateFlags::VISIBLE,
        ] {
            assert!(
                !kept.intersects(kiosk_only),
                "{kiosk_only:?} would be saved"
            );
        }
        assert!(kept.contains(StateFlags::SIZE | StateFlags::POSITION));
    }
}

#[cfg(test)]
mod navigation_tests {
    use super::navigation_allowed;

    fn allowed(url: &str, debug: bool) -> bool {
        navigation_allowed(&url.parse().unwrap(), debug)
    }

    #[test]
    fn release_builds_allow_only_the_apps_own_origin() {
        for own in [
            "tauri://localhost/",
            "tauri://localhost/index.html#/history",
            "http://tauri.localhost/",
            "https://tauri.localhost/results",
            "ipc://localhost/submit_answers",
        ] {
            assert!(allowed(own, false), "{own}");
            assert!(allowed(own, true), "{own}");
        }
        for other in [
            "http://localhost:5173/",
            "http://localhost/",
            "http://localhost:8080/",
            "http://127.0.0.1:5173/",
            "http://tauri.localhost:8080/",
            "tauri://localhost:1234/",
            "tauri://evil.example/",
            "https://example.com/",
            "asset://localhost/etc/passwd",
            "file:///etc/passwd",
            "about:blank",
            "javascript:alert(1)",
            "data:text/html,<h1>x</h1>",
        ] {
            assert!(!allowed(other, false), "{other}");
        }
    }

    #[test]
    fn debug_builds_also_allow_the_dev_server_and_no_other_port() {
        assert!(allowed("http://localhost:5173/", true));
        assert!(allowed("http://localhost:5173/src/main.ts", true));
        for other in [
            "http://localhost:5174/",
            "http://localhost/",
            "https://localhost:5173/",
            "http://127.0.0.1:8080/",
            "file:///etc/passwd",
        ] {
            assert!(!allowed(other, true), "{other}");
        }
    }
}
