//! What kiosk mode must refuse or switch off that differs by operating system, as pure
//! functions of the OS so every branch is tested on any machine. The app (src-tauri) only
//! carries out the answers.

use crate::access::Mode;

pub use waypoint_config::Os;

/// The application menu to install.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppMenu {
    /// The platform's standard menu (macOS: Waypoint, Edit, Window with Quit, Hide, Minimize).
    Standard,
    /// An empty menu: on macOS this removes the Cmd+Q, Cmd+H, Cmd+M and Cmd+W shortcuts.
    Empty,
    /// No application menu at all (Windows and Linux have none by default; a standard one
    /// would add a menu bar to the window).
    NoMenu,
}

/// macOS's menu carries Quit and Hide, which would leave the kiosk; elsewhere there is none.
pub fn app_menu(os: Os, kiosk_on: bool) -> AppMenu {
    match (os, kiosk_on) {
        (Os::Mac, true) => AppMenu::Empty,
        (Os::Mac, false) => AppMenu::Standard,
        _ => AppMenu::NoMenu,
    }
}

/// A request to leave the kiosk window, from the OS, a shortcut or the window manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowRequest {
    /// Quitting the app (Cmd+Q, the Dock's Quit, the last window closing).
    Exit,
    Close,
    Hide,
    Minimize,
}

/// A visitor may not leave the kiosk window in any way; kiosk off or an admin may.
pub fn window_request_allowed(request: WindowRequest, mode: Mode) -> bool {
    match mode {
        Mode::Off | Mode::Admin => true,
        Mode::Visitor => {
            let _ = request;
            false
        }
    }
}

/// Whether a kiosk may print on this OS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printing {
    Allowed,
    /// Off, with the reason the admin panel shows.
    Off(&'static str),
}

/// Printing in a kiosk, by OS. Windows prints a PDF through its default viewer, a window
/// outside the kiosk that a visitor can use to browse files, and the viewer may still be
/// reading the file when the wipe deletes it; there is no silent print path yet.
pub fn kiosk_printing(os: Os) -> Printing {
    match os {
        Os::Windows => Printing::Off(
            "Printing is off in kiosk mode on Windows: it opens the PDF viewer, a window outside the kiosk.",
        ),
        Os::Mac | Os::Linux => Printing::Allowed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_mac_kiosk_gets_an_empty_menu() {
        assert_eq!(app_menu(Os::Mac, true), AppMenu::Empty);
        assert_eq!(app_menu(Os::Mac, false), AppMenu::Standard);
        for os in [Os::Windows, Os::Linux] {
            assert_eq!(app_menu(os, true), AppMenu::NoMenu);
            assert_eq!(app_menu(os, false), AppMenu::NoMenu);
        }
    }

    #[test]
    fn a_visitor_cannot_quit_hide_minimize_or_close() {
        use WindowRequest::*;
        for r in [Exit, Close, Hide, Minimize] {
            assert!(!window_request_allowed(r, Mode::Visitor), "{r:?}");
            assert!(window_request_allowed(r, Mode::Admin), "{r:?}");
            assert!(window_request_allowed(r, Mode::Off), "{r:?}");
        }
    }

    #[test]
    fn a_windows_kiosk_does_not_print_and_says_why() {
        match kiosk_printing(Os::Windows) {
            Printing::Off(reason) => assert!(reason.contains("PDF viewer"), "{reason}"),
            Printing::Allowed => panic!("Windows kiosk printing must be off"),
        }
        assert_eq!(kiosk_printing(Os::Linux), Printing::Allowed);
        assert_eq!(kiosk_printing(Os::Mac), Printing::Allowed);
    }
}
