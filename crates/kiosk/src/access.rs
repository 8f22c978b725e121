//! Which of the app's commands a kiosk visitor may run. The UI hides what a visitor should not
//! reach, but the webview can call any registered command, so the app checks this table before
//! every command runs (one wrapper around the invoke handler).

use crate::error::{KioskError, Result};

/// Who is at the keyboard, as far as commands are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Kiosk mode is off: the computer's own user, who may do everything.
    Off,
    /// Kiosk mode is on and locked: a visitor.
    Visitor,
    /// Kiosk mode is on and an admin entered the PIN.
    Admin,
}

/// Who may run a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, a visitor included. Commands that guard themselves (closing, kiosk settings)
    /// are here too, so they keep their own, more precise refusal.
    Everyone,
    /// Not a visitor: native file dialogs, links out of the kiosk, the O*NET key, other
    /// people's saved results, erasing everything.
    Staff,
}

/// Every command the app registers, with who may run it. `src-tauri/src/command_list.rs` is
/// the list of commands; a test there fails when one has no entry here.
pub const COMMAND_ACCESS: &[(&str, Access)] = &[
    ("app_info", Access::Everyone),
    ("startup_notices", Access::Everyone),
    ("get_questionnaire", Access::Everyone),
    ("start_draft", Access::Everyone),
    ("record_answer", Access::Everyone),
    ("clear_answer", Access::Everyone),
    ("resume_draft", Access::Everyone),
    ("set_draft_lang", Access::Everyone),
    ("discard_draft", Access::Everyone),
    ("submit_answers", Access::Everyone),
    ("submit_scores", Access::Everyone),
    ("choose_zone", Access::Everyone),
    ("job_zones", Access::Everyone),
    ("areas", Access::Everyone),
    ("careers", Access::Everyone),
    ("career_report", Access::Everyone),
    // Finding a career by name or interest area is part of a visitor's session.
    ("search_careers", Access::Everyone),
    ("browse_careers", Access::Everyone),
    ("list_sessions", Access::Staff),
    ("list_sessions_page", Access::Staff),
    ("get_session", Access::Staff),
    ("delete_session", Access::Staff),
    ("compare_sessions", Access::Staff),
    ("export_sessions", Access::Staff),
    ("import_sessions", Access::Staff),
    ("forget_everything", Access::Staff),
    ("key_status", Access::Everyone),
    ("set_key", Access::Staff),
    ("remove_key", Access::Staff),
    ("pack_status", Access::Everyone),
    ("import_pack", Access::Staff),
    ("download_pack", Access::Staff),
    // Fetching a day's O*NET data is the admin's job, not a visitor's.
    ("prepare_offline", Access::Staff),
    ("open_external", Access::Staff),
    ("save_report_pdf", Access::Staff),
    // Printing has its own switch (the admin's setting, and off where unsafe).
    ("print_report", Access::Everyone),
    ("kiosk_status", Access::Everyone),
    ("kiosk_event", Access::Everyone),
    ("kiosk_unlock", Access::Everyone),
    ("kiosk_relock", Access::Everyone),
    // These two answer `kiosk.locked` themselves, which also covers set-up before a PIN.
    ("kiosk_set_pin", Access::Everyone),
    ("kiosk_update", Access::Everyone),
    // Refused by `KioskPolicy::may_close` unless an admin unlocked.
    ("quit_app", Access::Everyone),
    ("ui_ready", Access::Everyone),
];

pub fn access(command: &str) -> Option<Access> {
    COMMAND_ACCESS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|&(_, a)| a)
}

/// May `command` run in `mode`? A command missing from the table is refused to a visitor
/// (fail closed); outside kiosk mode and for an admin everything runs.
pub fn check(command: &str, mode: Mode) -> Result<()> {
    match (mode, access(command)) {
        (Mode::Off | Mode::Admin, _) | (Mode::Visitor, Some(Access::Everyone)) => Ok(()),
        (Mode::Visitor, _) => {
            tracing::warn!(command, "command refused to a kiosk visitor");
            Err(KioskError::Forbidden(command.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list: what a visitor must never reach.
    const VISITOR_NEVER: &[&str] = &[
        "export_sessions",
        "import_sessions",
        "import_pack",
        "save_report_pdf",
        "open_external",
        "set_key",
        "remove_key",
        "forget_everything",
        "list_sessions",
        "list_sessions_page",
        "get_session",
        "delete_session",
        "compare_sessions",
        "prepare_offline",
    ];

    #[test]
    fn a_visitor_is_refused_every_staff_command_with_kiosk_forbidden() {
        for name in VISITOR_NEVER {
            let e = check(name, Mode::Visitor).unwrap_err();
            assert_eq!(e.code(), "kiosk.forbidden", "{name}");
            check(name, Mode::Off).unwrap();
            check(name, Mode::Admin).unwrap();
        }
    }

    #[test]
    fn a_visitor_may_take_the_profiler_and_reach_the_pin_pad() {
        for name in [
            "start_draft",
            "record_answer",
            "submit_answers",
            "careers",
            "career_report",
            "search_careers",
            "browse_careers",
            "kiosk_event",
            "kiosk_unlock",
        ] {
            check(name, Mode::Visitor).unwrap();
        }
    }

    #[test]
    fn an_unknown_command_is_refused_to_a_visitor_only() {
        assert_eq!(access("no_such_command"), None);
        assert_eq!(
            check("no_such_command", Mode::Visitor).unwrap_err().code(),
            "kiosk.forbidden"
        );
        check("no_such_command", Mode::Off).unwrap();
    }

    #[test]
    fn each_command_has_one_entry() {
        let mut names: Vec<_> = COMMAND_ACCESS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a command is listed twice");
    }
}
