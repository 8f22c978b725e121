// The one list of the webview's commands, `include!`d by `build.rs` (each gets an
// `allow-<name>` permission) and by `lib.rs` (the invoke handler and the TypeScript bindings).
// `tests/commands.rs` checks it against `#[tauri::command]`s and `capabilities/main.json`.
// `$then` is a macro that receives the names.
macro_rules! with_commands {
    ($then:ident) => {
        $then![
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
            search_careers,
            browse_careers,
            list_sessions,
            list_sessions_page,
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
            prepare_offline,
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
        ]
    };
}
