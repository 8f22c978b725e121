//! Waypoint's one-page results report as a PDF, made in Rust (the macOS webview's
//! `window.print()` is unreliable), and printing a file through the OS print system.
//!
//! - [`render`] / [`write_to`]: a [`ReportInput`] becomes exactly one A4 or Letter page,
//!   with embedded DejaVu Sans so the text (Spanish accents included) extracts as Unicode.
//! - [`print`]: CUPS `lp` on Linux, `lpr` on macOS, the shell's print verb on Windows.
//!
//! See the crate README for the page layout and how the CUPS test runs.

mod draw;
mod error;
mod input;
mod page;
mod print;
mod system_paper;
mod text;

use std::path::Path;

pub use error::ReportError;
pub use input::{CareerRow, CareerSource, CareersBlock, Paper, ReportDate, ReportInput};
pub use print::{may_delete_after_print, print, PrintJob};
pub use system_paper::system_paper;
/// Language of everything the project writes on the page. Career titles stay as given.
pub use waypoint_profiler::Lang;

/// Most career rows ever printed; fewer when the page has less room.
pub const MAX_CAREER_ROWS: usize = 10;

/// The report as PDF bytes. Fails with `report.invalid` when the input would print
/// something untrue (see [`ReportInput::validate`]). Deterministic: the same input
/// gives the same bytes.
pub fn render(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    input.validate()?;
    page::render(input)
}

/// Renders and writes the report to `path`, replacing any file there.
pub fn write_to(path: impl AsRef<Path>, input: &ReportInput) -> Result<(), ReportError> {
    let path = path.as_ref();
    let bytes = render(input)?;
    std::fs::write(path, bytes).map_err(|source| ReportError::Io {
        action: "write the report to",
        path: path.to_path_buf(),
        source,
    })
}

/// The QR code's dark modules (row-major) and its side length in modules, exactly as
/// drawn on the page. For tests and for showing the same code on screen.
pub fn qr_modules(answers: &str) -> Result<(usize, Vec<bool>), ReportError> {
    page::qr_modules(answers)
}
