//! Finds the shared reference folder the fidelity tests read (never copied into the repo).
//!
//! Missing data is never a silent pass: with `CI=true` the test fails naming the path;
//! elsewhere it prints `SKIPPED: <test>: <reason>` and `cargo xtask test` lists the skip
//! in its final summary.

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
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {reason}; CI must run the fidelity tests");
    }
    eprintln!("SKIPPED: {test}: {reason}");
    None
}
