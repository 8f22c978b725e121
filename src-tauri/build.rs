// Commands listed here get an `allow-<name>` permission; the capability file grants them to the
// main window, so a command missing from both lists cannot be called from the webview.
const COMMANDS: &[&str] = &[
    "app_info",
    "startup_notices",
    "get_questionnaire",
    "start_draft",
    "record_answer",
    "clear_answer",
    "resume_draft",
    "set_draft_lang",
    "discard_draft",
    "submit_answers",
    "submit_scores",
    "choose_zone",
    "job_zones",
    "areas",
    "careers",
    "career_report",
    "list_sessions",
    "list_sessions_page",
    "get_session",
    "delete_session",
    "compare_sessions",
    "export_sessions",
    "import_sessions",
    "forget_everything",
    "key_status",
    "set_key",
    "remove_key",
    "pack_status",
    "import_pack",
    "download_pack",
    "open_external",
    "save_report_pdf",
    "print_report",
    "kiosk_status",
    "kiosk_event",
    "kiosk_unlock",
    "kiosk_relock",
    "kiosk_set_pin",
    "kiosk_update",
    "quit_app",
    "ui_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
