//! Finds the shared reference folder the fidelity tests read (never copied into the repo).
//!
//! Missing data is never a silent pass: the test prints `SKIPPED: <test>: <reason>` and
//! `cargo xtask test` (what CI runs) lists the skip by name in its final summary. With
//! `WAYPOINT_REQUIRE_SHARED=1` the test fails instead, naming the path. CI does not set it:
//! a machine without the reference folder must not block every landing, and the summary
//! already says what was not checked.

use std::path::PathBuf;

/// `rel` under `$WAYPOINT_SHARED_DIR`, or under `shared/` beside the repository.
pub fn shared_path(rel: &str, test: &str) -> Option<PathBuf> {
    let root = match std::env::var_os("WAYPOINT_SHARED_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let path = root.join(rel);
    if path.exists() {
        return Some(path);
    }
    let reason = format!(
        "{} not found (set WAYPOINT_SHARED_DIR to the shared reference folder)",
        path.display()
    );
    if std::env::var("WAYPOINT_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("{test}: {reason}; WAYPOINT_REQUIRE_SHARED=1 asks for the fidelity tests");
    }
    eprintln!("SKIPPED: {test}: {reason}");
    None
}
