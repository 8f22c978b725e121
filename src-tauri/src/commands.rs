//! The webview's whole API. Each command is a line or two over `waypoint_services`; the work
//! and its tests live there. Errors cross as `{code, message}` ([`AppError`]).

use std::sync::Arc;

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;
use waypoint_profiler::{Form, Scores, Tab};
use waypoint_services::dto::*;
use waypoint_services::Services;

use crate::app_info::{AppInfo, AppState};
use crate::events::PackProgressEvent;
use crate::AppError;
use waypoint_services::ErrorCode;

type Svc<'a> = State<'a, Arc<Services>>;
type Res<T> = Result<T, AppError>;

fn ok<T>(r: waypoint_services::Result<T>) -> Res<T> {
    r.map_err(AppError::from)
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    state.app_info()
}

/// Things the person must be told at start-up (a database set aside, a keychain problem).
#[tauri::command]
#[specta::specta]
pub fn startup_notices(state: State<'_, AppState>) -> Vec<AppError> {
    state.all_notices()
}

#[tauri::command]
#[specta::specta]
pub async fn get_questionnaire(svc: Svc<'_>, form: Form, lang: Lang) -> Res<Questionnaire> {
    ok(svc.questionnaire(form, lang).await)
}

#[tauri::command]
#[specta::specta]
pub fn start_draft(svc: Svc<'_>, form: Form, lang: Lang) -> Res<Draft> {
    ok(svc.start_draft(form, lang))
}

#[tauri::command]
#[specta::specta]
pub fn record_answer(svc: Svc<'_>, draft_id: String, index: u32, value: u8) -> Res<()> {
    ok(svc.record_answer(&draft_id, index, value))
}

#[tauri::command]
#[specta::specta]
pub fn clear_answer(svc: Svc<'_>, draft_id: String, index: u32) -> Res<()> {
    ok(svc.clear_answer(&draft_id, index))
}

#[tauri::command]
#[specta::specta]
pub fn resume_draft(svc: Svc<'_>) -> Res<Option<Draft>> {
    ok(svc.resume_draft())
}

#[tauri::command]
#[specta::specta]
pub fn set_draft_lang(svc: Svc<'_>, draft_id: String, lang: Lang) -> Res<()> {
    ok(svc.set_draft_lang(&draft_id, lang))
}

#[tauri::command]
#[specta::specta]
pub fn discard_draft(svc: Svc<'_>, draft_id: String) -> Res<()> {
    ok(svc.discard_draft(&draft_id))
}

/// Scores the answers; then page 1 of every careers tab is fetched in the background.
#[tauri::command]
#[specta::specta]
pub async fn submit_answers(svc: Svc<'_>, draft_id: String, label: Option<String>) -> Res<Outcome> {
    let out = ok(svc.submit_answers(&draft_id, label).await)?;
    prefetch(svc.inner().clone(), &out);
    Ok(out)
}

#[tauri::command]
#[specta::specta]
pub fn submit_scores(
    svc: Svc<'_>,
    form: Form,
    scores: Scores,
    lang: Lang,
    label: Option<String>,
) -> Res<Outcome> {
    let out = ok(svc.submit_scores(form, scores.as_array().map(u32::from), lang, label))?;
    prefetch(svc.inner().clone(), &out);
    Ok(out)
}

fn prefetch(svc: Arc<Services>, out: &Outcome) {
    if out.flat {
        return;
    }
    let (id, lang) = (out.session_id.clone(), out.lang);
    tauri::async_runtime::spawn(async move {
        svc.prefetch_careers(&id, lang).await;
    });
}

#[tauri::command]
#[specta::specta]
pub fn choose_zone(svc: Svc<'_>, session_id: String, zone: Option<u8>) -> Res<()> {
    ok(svc.choose_zone(&session_id, zone))
}

#[tauri::command]
#[specta::specta]
pub fn job_zones(svc: Svc<'_>, lang: Lang) -> Vec<JobZoneInfo> {
    svc.job_zones(lang)
}

#[tauri::command]
#[specta::specta]
pub fn areas() -> Vec<AreaInfo> {
    waypoint_services::results::areas()
}

#[tauri::command]
#[specta::specta]
pub async fn careers(
    svc: Svc<'_>,
    session_id: String,
    tab: Tab,
    page: u32,
    lang: Lang,
) -> Res<CareersPage> {
    ok(svc.careers(&session_id, tab, page, lang).await)
}

/// Careers whose titles or "also called" titles match `keyword`, a page at a time.
#[tauri::command]
#[specta::specta]
pub async fn search_careers(
    svc: Svc<'_>,
    keyword: String,
    page: u32,
    lang: Lang,
) -> Res<waypoint_services::search::SearchPage> {
    ok(svc.search_careers(&keyword, page, lang).await)
}

/// The careers of one interest area, on one Job Zone tab, a page at a time.
#[tauri::command]
#[specta::specta]
pub async fn browse_careers(
    svc: Svc<'_>,
    area: waypoint_profiler::Area,
    tab: Tab,
    page: u32,
    lang: Lang,
) -> Res<waypoint_services::search::SearchPage> {
    ok(svc.browse_careers(area, tab, page, lang).await)
}

#[tauri::command]
#[specta::specta]
pub async fn career_report(svc: Svc<'_>, code: String, lang: Lang) -> Res<CareerReport> {
    ok(svc.career_report(&code, lang).await)
}

#[tauri::command]
#[specta::specta]
pub fn list_sessions(svc: Svc<'_>) -> Res<Vec<SessionSummary>> {
    ok(svc.list_sessions())
}

/// The history one page at a time, searched by label; see `Services::list_sessions_page`.
#[tauri::command]
#[specta::specta]
pub fn list_sessions_page(svc: Svc<'_>, query: SessionQuery) -> Res<SessionPage> {
    ok(svc.list_sessions_page(&query))
}

#[tauri::command]
#[specta::specta]
pub fn get_session(svc: Svc<'_>, id: String) -> Res<SessionDetail> {
    ok(svc.get_session(&id))
}

#[tauri::command]
#[specta::specta]
pub fn delete_session(svc: Svc<'_>, id: String) -> Res<()> {
    ok(svc.delete_session(&id))
}

#[tauri::command]
#[specta::specta]
pub fn compare_sessions(svc: Svc<'_>, a: String, b: String) -> Res<Comparison> {
    ok(svc.compare_sessions(&a, &b))
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Saved {
    pub path: String,
}

/// Asks where to save with the native dialog, then writes the export there.
#[tauri::command]
#[specta::specta]
pub async fn export_sessions(
    app: AppHandle,
    svc: Svc<'_>,
    format: ExportFormat,
    ids: Option<Vec<String>>,
) -> Res<Saved> {
    let (text, ext) = match format {
        ExportFormat::Json => (ok(svc.export_json(ids.as_deref()))?, "json"),
        ExportFormat::Csv => (ok(svc.export_csv(ids.as_deref()))?, "csv"),
    };
    let path = file_dialog(&app)
        .set_file_name(format!("waypoint-results.{ext}"))
        .add_filter(ext.to_uppercase(), &[ext])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .ok_or_else(|| AppError::new(ErrorCode::ExportCancelled, "Nothing was saved."))?;
    std::fs::write(&path, text).map_err(|e| {
        AppError::new(
            ErrorCode::ExportIo,
            format!("Could not write {}: {e}", path.display()),
        )
    })?;
    Ok(Saved {
        path: path.display().to_string(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn import_sessions(app: AppHandle, svc: Svc<'_>) -> Res<ImportReport> {
    let path = pick_file(&app, "JSON", &["json"])?;
    let io = |e: std::io::Error| {
        AppError::new(
            ErrorCode::ImportIo,
            format!("Could not read {}: {e}", path.display()),
        )
    };
    // Read one byte past the cap at most, so a huge file never fills memory.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(&path).map_err(io)?,
            waypoint_store::IMPORT_MAX_BYTES as u64 + 1,
        ),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() > waypoint_store::IMPORT_MAX_BYTES {
        return Err(AppError::new(
            ErrorCode::StoreImportInvalid,
            format!(
                "The file is larger than {} MiB; a Waypoint export is much smaller.",
                waypoint_store::IMPORT_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the file is not UTF-8 text",
        ))
    })?;
    ok(svc.import_json(&text))
}

/// A file dialog owned by the main window: modal, so it can never open behind a full-screen
/// window (kiosk mode) where nobody would see it.
fn file_dialog(app: &AppHandle) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file();
    match app.get_webview_window("main") {
        Some(w) => dialog.set_parent(&w),
        None => dialog,
    }
}

fn pick_file(app: &AppHandle, name: &str, ext: &[&str]) -> Res<std::path::PathBuf> {
    file_dialog(app)
        .add_filter(name, ext)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .ok_or_else(|| AppError::new(ErrorCode::ImportCancelled, "No file was chosen."))
}

#[tauri::command]
#[specta::specta]
pub fn forget_everything(svc: Svc<'_>) -> Res<()> {
    ok(svc.forget_everything())
}

/// Off the UI thread: reading the keychain may wait for a macOS prompt or a slow Secret Service.
#[tauri::command]
#[specta::specta]
pub async fn key_status(app: AppHandle) -> KeyStatus {
    // An owned handle, not `State<'_>`: an async command that borrows must return a Result,
    // and this one never fails.
    let svc = app.state::<Arc<Services>>().inner().clone();
    tauri::async_runtime::spawn_blocking(move || svc.key_status())
        .await
        .unwrap_or_else(|e| KeyStatus {
            present: false,
            last_four: None,
            keychain_error: Some(AppError::new(ErrorCode::KeychainFailed, e.to_string())),
        })
}

#[tauri::command]
#[specta::specta]
pub async fn set_key(svc: Svc<'_>, key: String, store_if_offline: bool) -> Res<KeyCheck> {
    ok(svc.set_key(&key, store_if_offline).await)
}

#[tauri::command]
#[specta::specta]
pub fn remove_key(svc: Svc<'_>) -> Res<()> {
    ok(svc.remove_key())
}

#[tauri::command]
#[specta::specta]
pub fn pack_status(svc: Svc<'_>) -> Res<PackStatus> {
    ok(svc.pack_status())
}

/// Imports an O*NET database release chosen with the native dialog (.zip).
#[tauri::command]
#[specta::specta]
pub async fn import_pack(app: AppHandle, svc: Svc<'_>) -> Res<PackStatus> {
    let path = pick_file(&app, "O*NET database release", &["zip"])?;
    let svc = svc.inner().clone();
    tauri::async_runtime::spawn_blocking(move || {
        ok(svc.import_pack(&path, &mut |p| {
            let _ = PackProgressEvent(p).emit(&app);
        }))
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::PackFailed, e.to_string()))?
}

#[tauri::command]
#[specta::specta]
pub async fn download_pack(app: AppHandle, svc: Svc<'_>) -> Res<PackStatus> {
    ok(svc
        .download_pack(&mut |p| {
            let _ = PackProgressEvent(p).emit(&app);
        })
        .await)
}

/// Fetches and caches everything a day offline needs, part by part (admin-only in a kiosk).
#[tauri::command]
#[specta::specta]
pub async fn prepare_offline(
    app: AppHandle,
    svc: Svc<'_>,
) -> Res<waypoint_services::prepare::PrepareSummary> {
    ok(svc
        .prepare_offline(&mut |p| {
            let _ = crate::events::PrepareProgressEvent(p).emit(&app);
        })
        .await)
}

/// Opens a My Next Move / O*NET page in the system browser. Only those sites: the webview
/// cannot be used to open arbitrary addresses.
#[tauri::command]
#[specta::specta]
pub fn open_external(app: AppHandle, url: String) -> Res<()> {
    crate::links::check_external(&url)?;
    tauri_plugin_opener::OpenerExt::opener(&app)
        .open_url(url, None::<&str>)
        .map_err(|e| AppError::new(ErrorCode::OpenFailed, e.to_string()))
}

// ---- The one-page results report (made in Rust: window.print() is unreliable on macOS) ----

/// Saves the report through the native save dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_report_pdf(
    app: AppHandle,
    svc: Svc<'_>,
    session_id: String,
    lang: Lang,
) -> Res<Saved> {
    let path = file_dialog(&app)
        .set_file_name("waypoint-results.pdf")
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .ok_or_else(|| AppError::new(ErrorCode::ExportCancelled, "Nothing was saved."))?;
    ok(svc.save_report_pdf(&session_id, lang, None, &path))?;
    Ok(Saved {
        path: path.display().to_string(),
    })
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Printed {
    /// The print system's job id, when it reports one.
    pub job: Option<String>,
}

/// Prints to the default printer. In kiosk mode the file is deleted once spooled. Async and
/// on a blocking thread: the print command (PowerShell on Windows) must not freeze the window.
#[tauri::command]
#[specta::specta]
pub async fn print_report(
    svc: Svc<'_>,
    kiosk: Kiosk<'_>,
    session_id: String,
    lang: Lang,
) -> Res<Printed> {
    if !kiosk.printing_allowed() {
        return Err(AppError::new(
            ErrorCode::PrintDisabled,
            "Printing is turned off on this computer. Ask a staff member for help.",
        ));
    }
    let svc = svc.inner().clone();
    let delete_after = kiosk.enabled();
    let job = tauri::async_runtime::spawn_blocking(move || {
        ok(svc.print_report(&session_id, lang, None, None, delete_after))
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::PrintFailed, e.to_string()))??;
    Ok(Printed { job: job.id })
}

// ---- Kiosk mode (rules in crates/kiosk, window and wipe in crate::kiosk) ----

type Kiosk<'a> = State<'a, Arc<crate::kiosk::KioskRuntime>>;

#[tauri::command]
#[specta::specta]
pub fn kiosk_status(kiosk: Kiosk<'_>) -> waypoint_kiosk::KioskStatus {
    kiosk.status()
}

/// Activity, "Touch to start", moving between screens, "I'm done".
#[tauri::command]
#[specta::specta]
pub fn kiosk_event(app: AppHandle, kiosk: Kiosk<'_>, event: waypoint_kiosk::Event) {
    kiosk.event(&app, event)
}

#[tauri::command]
#[specta::specta]
pub fn kiosk_unlock(kiosk: Kiosk<'_>, pin: String) -> Res<waypoint_kiosk::KioskStatus> {
    kiosk.unlock(&pin)?;
    Ok(kiosk.status())
}

#[tauri::command]
#[specta::specta]
pub fn kiosk_relock(kiosk: Kiosk<'_>) {
    kiosk.relock()
}

#[tauri::command]
#[specta::specta]
pub fn kiosk_set_pin(kiosk: Kiosk<'_>, pin: String) -> Res<()> {
    kiosk.set_pin(&pin)
}

#[tauri::command]
#[specta::specta]
pub fn kiosk_update(
    app: AppHandle,
    kiosk: Kiosk<'_>,
    settings: waypoint_kiosk::KioskSettings,
) -> Res<waypoint_kiosk::KioskStatus> {
    kiosk.update(&app, settings)
}

/// Quits the app: always allowed outside kiosk mode, only after the PIN inside it.
#[tauri::command]
#[specta::specta]
pub fn quit_app(app: AppHandle, kiosk: Kiosk<'_>) -> Res<()> {
    kiosk.may_close()?;
    app.exit(0);
    Ok(())
}

/// The welcome screen calls this once it is painted and usable: the start-up mark for
/// `cargo xtask bench`, and the moment for the integrity check the store skipped at open
/// (issue #22) and for reading the key from the keychain, whose prompt (macOS) must never
/// hold up the first paint. Logged the first time only (the welcome screen mounts again later).
#[tauri::command]
#[specta::specta]
pub fn ui_ready(app: AppHandle, svc: Svc<'_>) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let app_for_key = app.clone();
        let services = svc.inner().clone();
        // Its own thread: the check reads the whole file (seconds for a large history) on its
        // own connection, so commands keep working meanwhile.
        let spawned = std::thread::Builder::new()
            .name("integrity-check".into())
            .spawn(move || {
                if let Some(notice) = crate::startup::check_later(&services) {
                    late_notice(&app, notice);
                }
            });
        if let Err(e) = spawned {
            tracing::warn!("could not start the integrity check: {e}");
        }
        let services = svc.inner().clone();
        let spawned = std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                if let Some(notice) = services.load_key() {
                    late_notice(&app_for_key, notice);
                }
            });
        if let Err(e) = spawned {
            tracing::warn!("could not read the keychain in the background: {e}");
        }
        let ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis());
        tracing::info!("UI ready {ms} ms after start");
        if std::env::var_os("WAYPOINT_BENCH_READY").is_some_and(|v| v == "1") {
            // The benchmark reads this line from stdout.
            println!("waypoint-ready {ms}");
        }
    });
}

/// A notice found after the window was up: kept for `startup_notices` and sent as an event.
fn late_notice(app: &AppHandle, notice: AppError) {
    if let Some(state) = app.try_state::<AppState>() {
        state
            .late_notices
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(notice.clone());
    }
    let _ = crate::events::StoreNotice(notice).emit(app);
}
