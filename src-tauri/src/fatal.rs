//! Errors that stop Waypoint before its window opens, and `--version`. A release build on
//! Windows has no console (`windows_subsystem = "windows"`), so a line on stderr alone is
//! never seen there: a native message box says it too, unless nobody is there to close it.

use waypoint_config::Os;

/// Set to `0` to never show the message box (scripts, kiosk images), `1` to always show it.
pub const DIALOG_ENV: &str = "WAYPOINT_ERROR_DIALOG";

/// Whether a fatal start-up error is also shown in a message box. `var` reads the
/// environment. No box on CI (it would wait for a click that never comes), nor on a Linux
/// session without a display; [`DIALOG_ENV`] overrides both ways.
pub fn shows_dialog(os: Os, var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| var(k).is_some_and(|v| !v.trim().is_empty());
    match var(DIALOG_ENV).as_deref().map(str::trim) {
        Some("0") => return false,
        Some("1") => return true,
        _ => {}
    }
    if set("CI") {
        return false;
    }
    match os {
        Os::Linux => set("DISPLAY") || set("WAYLAND_DISPLAY"),
        Os::Mac | Os::Windows => true,
    }
}

/// What `--version`/`-V` prints, when asked for.
pub fn version_request(args: impl IntoIterator<Item = String>) -> Option<String> {
    args.into_iter()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
        .then(|| format!("Waypoint {}", env!("CARGO_PKG_VERSION")))
}

/// Prints `line` on stdout; on Windows into the console Waypoint was started from, if any.
pub fn print_to_console(line: &str) {
    attach_parent_console();
    println!("{line}");
}

/// Reports an error that stops Waypoint, then exits with status 1.
pub fn exit_with(message: &str) -> ! {
    attach_parent_console();
    eprintln!("Waypoint cannot start: {message}");
    tracing::error!("cannot start: {message}");
    if shows_dialog(Os::current(), |k| std::env::var(k).ok()) {
        show_dialog(message);
    }
    std::process::exit(1);
}

fn show_dialog(message: &str) {
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Waypoint cannot start")
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// A GUI-subsystem program has no console of its own; attaching to the parent's (cmd,
/// PowerShell) lets `--version` and the error line reach it. Started from Explorer there is
/// no parent console and this does nothing. Standard handles already redirected (`> file`)
/// are kept as they are.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{
        AttachConsole, GetStdHandle, ATTACH_PARENT_PROCESS, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls without pointers; a failure leaves the process as it was.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn decide(os: Os, pairs: &[(&str, &str)]) -> bool {
        let env: HashMap<&str, &str> = pairs.iter().copied().collect();
        shows_dialog(os, |k| env.get(k).map(|v| v.to_string()))
    }

    #[test]
    fn desktop_sessions_get_a_dialog() {
        assert!(decide(Os::Windows, &[]));
        assert!(decide(Os::Mac, &[]));
        assert!(decide(Os::Linux, &[("DISPLAY", ":0")]));
        assert!(decide(Os::Linux, &[("WAYLAND_DISPLAY", "wayland-0")]));
    }

    #[test]
    fn nobody_to_click_ok_means_no_dialog() {
        assert!(!decide(Os::Linux, &[]), "headless Linux");
        assert!(!decide(Os::Linux, &[("DISPLAY", " ")]));
        assert!(!decide(Os::Windows, &[("CI", "true")]));
        assert!(!decide(Os::Mac, &[("CI", "1")]));
        assert!(!decide(Os::Linux, &[("CI", "true"), ("DISPLAY", ":99")]));
    }

    #[test]
    fn the_override_wins_both_ways() {
        assert!(!decide(Os::Windows, &[(DIALOG_ENV, "0")]));
        assert!(decide(Os::Linux, &[(DIALOG_ENV, "1")]));
        assert!(decide(Os::Windows, &[(DIALOG_ENV, "1"), ("CI", "true")]));
        // Anything else is no override.
        assert!(decide(Os::Windows, &[(DIALOG_ENV, "yes")]));
        assert!(!decide(Os::Linux, &[(DIALOG_ENV, "")]));
    }

    #[test]
    fn version_only_when_asked() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let want = format!("Waypoint {}", env!("CARGO_PKG_VERSION"));
        assert_eq!(
            version_request(args(&["waypoint", "--version"])),
            Some(want.clone())
        );
        assert_eq!(
            version_request(args(&["waypoint", "--kiosk", "-V"])),
            Some(want)
        );
        assert_eq!(version_request(args(&["waypoint"])), None);
        assert_eq!(version_request(args(&["waypoint", "--kiosk"])), None);
        // The program's own name is not an argument.
        assert_eq!(version_request(args(&["--version"])), None);
    }
}
