//! `waypoint --version` answers in the console and opens nothing: no window, no data folder.
//! Run without a display, so a window attempt would fail the test instead of hanging it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn version_prints_and_exits_without_starting_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for flag in ["--version", "-V"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_waypoint"))
            .arg(flag)
            .env("WAYPOINT_DATA_DIR", &data)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("`waypoint {flag}` did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{flag}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim_end(),
            format!("Waypoint {}", env!("CARGO_PKG_VERSION")),
            "{flag}"
        );
        assert!(out.stderr.is_empty(), "{flag}: {out:?}");
        assert!(!data.exists(), "{flag} opened the data folder");
    }
}
