//! `cargo xtask bench` (issue #12): Waypoint's speed and footprint beside a bare Tauri window
//! (`bench/floor/`), built and measured in one run; the table goes to `bench/RESULTS.md`.
//!
//! This file only builds and runs things. The measuring and the table live in
//! `bench/harness/` (`waypoint-bench`), which may use libraries; the xtask stays plain std.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{headless_session, newest, root, setup, sh, step, target, Result};

pub fn bench() -> Result {
    setup(true)?;
    let r = root();
    let out = target().join("bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    // Figures older than this run are never reported as today's (see `report --since`).
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs()
        .saturating_sub(1)
        .to_string();
    let harness = target().join("debug/waypoint-bench");
    let harness = harness.to_str().ok_or("non-UTF-8 target path")?;
    let out_s = out.display().to_string();

    step("build the benchmark harness (bench/harness)", || {
        sh(&r, "cargo", &["build", "-p", "waypoint-bench"])
    })?;
    step("describe the machine", || {
        sh(&r, harness, &["machine", &format!("{out_s}/machine.json")])
    })?;
    step(
        "Waypoint release build and .deb: tauri build --bundles deb",
        || {
            // The shipped build: UI embedded (custom-protocol), root [profile.release].
            sh(
                &r,
                "ui/node_modules/.bin/tauri",
                &["build", "--bundles", "deb", "--ci"],
            )
        },
    )?;
    step("the floor app, release (bench/floor)", || {
        sh(
            &r,
            "cargo",
            &[
                "build",
                "--release",
                "-p",
                "waypoint-floor",
                "--features",
                "custom-protocol",
            ],
        )
    })?;
    let app = target().join("release/waypoint").display().to_string();
    let floor = target()
        .join("release/waypoint-floor")
        .display()
        .to_string();
    step(
        "cold start and memory, Waypoint and the floor (Xvfb + D-Bus + keyring)",
        || {
            let cmd = [
                harness,
                "measure",
                "--app",
                &app,
                "--floor",
                &floor,
                "--launches",
                "20",
                "--idle-secs",
                "10",
                "--out",
                &format!("{out_s}/app.json"),
            ];
            headless(&r, &cmd)
        },
    )?;
    // Items 4 and 6 are separate commands; a missing or failing one is reported as
    // "not available" in the table rather than stopping the other figures.
    optional(
        "careers ready against the O*NET test server",
        &r.join("crates/services/benches/careers_ready.rs"),
        || {
            sh(
                &r,
                "cargo",
                &[
                    "bench",
                    "-p",
                    "waypoint-services",
                    "--bench",
                    "careers_ready",
                ],
            )
        },
    );
    // Both Chromium figures run on the mock-IPC bundle; it is built once for the two.
    let e2e_bundle = sh(&r, super::npm(), &["--prefix", "ui", "run", "build:e2e"]);
    optional(
        "answering in Chromium (performance marks)",
        &r.join("ui/tests/bench/answering.mjs"),
        || {
            e2e_bundle.clone()?;
            sh(&r, "node", &["ui/tests/bench/answering.mjs"])
        },
    );
    // Issue #22: the same journey in Chromium as an app window, the "use the website" figure.
    optional(
        "the journey in a Chromium app window (--app)",
        &r.join("ui/tests/bench/chromium_app.mjs"),
        || {
            e2e_bundle.clone()?;
            headless(&r, &["node", "ui/tests/bench/chromium_app.mjs"])
        },
    );
    // Issue #16: a day at the kiosk, 100 visitors through the real window (about 85 minutes:
    // every other visitor waits out the idle minute and its countdown), and the same day as a
    // visitor drives it, by real X key presses without WebDriver (about 25 minutes). Figures are
    // printed and written to JSON; bench/RESULTS.md gets them by hand, in the notes.
    for (test, visitors, out, file) in [
        (
            "kiosk_day",
            "WAYPOINT_SOAK_VISITORS=100",
            "WAYPOINT_SOAK_OUT",
            "kiosk-day.json",
        ),
        (
            "kiosk_software",
            "WAYPOINT_SOFTWARE_DAY_VISITORS=100",
            "WAYPOINT_SOFTWARE_DAY_OUT",
            "kiosk-software-day.json",
        ),
    ] {
        optional(
            &format!("a day at the kiosk: 100 visitors (tests/{test}.rs)"),
            &r.join(format!("tests/{test}.rs")),
            || {
                let out = format!("{out}={out_s}/{file}");
                headless(
                    &r,
                    &[
                        "env",
                        visitors,
                        &out,
                        "cargo",
                        "test",
                        "--features",
                        "custom-protocol",
                        "--test",
                        test,
                        "--",
                        "--ignored",
                        "--nocapture",
                    ],
                )
            },
        );
    }
    // Issue #22: open time by history size (0 to 50,000 saved results); printed, and the
    // stores kept in target/open-time for the next run. bench/RESULTS.md gets it by hand.
    optional(
        "open time by history size (crates/store/examples/open_time.rs)",
        &r.join("crates/store/examples/open_time.rs"),
        || {
            let dir = target().join("open-time").display().to_string();
            sh(
                &r,
                "cargo",
                &[
                    "run",
                    "-p",
                    "waypoint-store",
                    "--release",
                    "--example",
                    "open_time",
                    "--",
                    &dir,
                ],
            )
        },
    );
    step("offline matching and scoring (criterion)", || {
        sh(
            &r,
            "cargo",
            &["bench", "-p", "waypoint-profiler", "--bench", "profiler"],
        )
    })?;
    let deb = newest(&target().join("release/bundle/deb"), "deb")?;
    step("the table: bench/RESULTS.md", || {
        sh(
            &r,
            harness,
            &[
                "report",
                "--dir",
                &out_s,
                "--criterion",
                &target().join("criterion").display().to_string(),
                "--app-bin",
                &app,
                "--floor-bin",
                &floor,
                "--deb",
                &deb.display().to_string(),
                "--since",
                &since,
                "--out",
                &r.join("bench/RESULTS.md").display().to_string(),
            ],
        )
    })
}

/// Runs `cmd` under Xvfb with a private D-Bus session and an unlocked keyring.
fn headless(r: &Path, cmd: &[&str]) -> Result {
    let wrapped = headless_session(cmd);
    let args: Vec<&str> = wrapped.iter().map(String::as_str).collect();
    sh(r, "xvfb-run", &args)
}

/// Runs a step whose command another part of the project provides, if it is there yet.
fn optional(name: &str, needs: &Path, f: impl FnOnce() -> Result) {
    if !needs.exists() {
        eprintln!(
            "\n==> {name}: not available ({} does not exist yet)",
            needs.display()
        );
        return;
    }
    if let Err(e) = step(name, f) {
        eprintln!("{name}: {e}; its row will read \"not available\"");
    }
}
