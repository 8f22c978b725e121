//! Cold start and memory, Waypoint beside the floor, in one run.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde::Serialize;

pub struct Options {
    pub app: PathBuf,
    pub floor: PathBuf,
    pub launches: usize,
    pub idle_secs: u64,
    pub out: PathBuf,
}

/// O*NET's example answer string for the 60-item profiler (as tests/journey_first_run.rs).
const ANSWERS: &str = "553421321134342523523523254115342111351145453111231155343444";
const ENTER: char = '\u{E007}';
const WAIT: Duration = Duration::from_secs(60);

#[derive(Serialize, Default)]
pub struct AppFigures {
    /// Spawn to the `waypoint-ready` line, as the harness sees it, one per launch.
    pub start_ms: Vec<f64>,
    /// The same moment measured inside the process (from the top of `main`/`run`).
    pub start_internal_ms: Vec<u64>,
    /// When the app's window was created (inside the process): the rest is the page.
    pub window_ms: Vec<u64>,
    /// PSS of the process and all its descendants after `idle_secs` on the first screen.
    pub idle_pss_kib: Vec<u64>,
    /// Per process, the last idle sample.
    pub idle_breakdown: Vec<ProcMem>,
}

#[derive(Serialize)]
pub struct Journey {
    /// Under WebDriver, on the welcome screen after `idle_secs`, before answering.
    pub before_pss_kib: u64,
    /// After all 60 answers, submitting and `idle_secs` on the results.
    pub after_pss_kib: u64,
    pub before_breakdown: Vec<ProcMem>,
    pub after_breakdown: Vec<ProcMem>,
    pub answer_secs: f64,
    /// The welcome page's performance entries (navigation, paint, each IPC call as a
    /// resource): where the page's part of the start-up goes.
    pub page_entries: serde_json::Value,
}

#[derive(Serialize)]
pub struct Measured {
    pub launches: usize,
    pub idle_secs: u64,
    pub waypoint: AppFigures,
    pub floor: AppFigures,
    pub journey: Journey,
}

pub fn run(o: &Options) -> Result<()> {
    let _lock = WindowLock::take()?;
    // Nothing listens there: Waypoint stays offline, as on a machine without a network.
    let closed = format!("http://127.0.0.1:{}/", free_port()?);
    // Settings and caches go to a scratch folder shared by every launch of both apps, so
    // neither touches the user's and both see the same warm caches after their first launch.
    let home = tempfile::tempdir()?;
    let base_env = vec![
        ("WAYPOINT_API_BASE".to_string(), closed),
        (
            "XDG_CONFIG_HOME".into(),
            path_str(&home.path().join("config")),
        ),
        (
            "XDG_CACHE_HOME".into(),
            path_str(&home.path().join("cache")),
        ),
    ];
    let apps = [("waypoint", &o.app), ("floor", &o.floor)];
    let mut figures = [AppFigures::default(), AppFigures::default()];

    // Alternate the two (and which goes first) so background noise hits both alike.
    for round in 0..o.launches {
        for k in 0..2 {
            let i = (round + k) % 2;
            let (name, bin) = apps[i];
            let (ext, int, win, _) = launch_until_ready(bin, &base_env, None)?;
            eprintln!(
                "  {name} launch {}: ready after {ext:.0} ms (inside: window {win} ms, ready {int} ms)",
                round + 1
            );
            figures[i].start_ms.push(ext);
            figures[i].start_internal_ms.push(int);
            figures[i].window_ms.push(win);
        }
    }
    // Memory: three idle samples each, alternating.
    for round in 0..3 {
        for k in 0..2 {
            let i = (round + k) % 2;
            let (name, bin) = apps[i];
            let (_, _, _, mut app) = launch_until_ready(bin, &base_env, Some(o.idle_secs))?;
            let (total, breakdown) = pss_tree(app.pid);
            app.stop();
            eprintln!("  {name} idle {}: {} KiB PSS", round + 1, total);
            figures[i].idle_pss_kib.push(total);
            figures[i].idle_breakdown = breakdown;
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let journey = rt.block_on(journey(&o.app, &base_env, o.idle_secs))?;
    let [waypoint, floor] = figures;
    let measured = Measured {
        launches: o.launches,
        idle_secs: o.idle_secs,
        waypoint,
        floor,
        journey,
    };
    if let Some(dir) = o.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&o.out, serde_json::to_string_pretty(&measured)?)?;
    eprintln!("wrote {}", o.out.display());
    Ok(())
}

/// The journey alone, offline, with extra environment: prints the figures.
pub fn journey_only(app: &Path, extra: Vec<(String, String)>, idle_secs: u64) -> Result<()> {
    let home = tempfile::tempdir()?;
    let mut env = vec![
        (
            "WAYPOINT_API_BASE".to_string(),
            format!("http://127.0.0.1:{}/", free_port()?),
        ),
        (
            "XDG_CONFIG_HOME".into(),
            path_str(&home.path().join("config")),
        ),
        (
            "XDG_CACHE_HOME".into(),
            path_str(&home.path().join("cache")),
        ),
    ];
    env.extend(extra);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let j = rt.block_on(journey(app, &env, idle_secs))?;
    let show = |rows: &[ProcMem]| {
        rows.iter()
            .map(|r| {
                format!(
                    "{} {} (anon {}, file {}, shmem {})",
                    r.name,
                    r.pss / 1024,
                    r.anon / 1024,
                    r.file / 1024,
                    r.shmem / 1024
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    println!("page {}", j.page_entries);
    println!(
        "before {} MiB [{}]\nafter {} MiB [{}]",
        j.before_pss_kib / 1024,
        show(&j.before_breakdown),
        j.after_pss_kib / 1024,
        show(&j.after_breakdown)
    );
    Ok(())
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// One app started in its own process group, so it and its WebKit processes stop together.
struct Running {
    child: Child,
    pid: u32,
    _data: tempfile::TempDir,
}

impl Running {
    fn stop(&mut self) {
        let group = format!("-{}", self.pid);
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while group_alive(self.pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if group_alive(self.pid) {
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        }
        let _ = self.child.wait();
        // The next launch must not find this one still registered (single-instance plugin).
        let deadline = Instant::now() + Duration::from_secs(10);
        while group_alive(self.pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if group_alive(self.pid) {
            self.stop();
        }
    }
}

/// Puts the app in a process group of its own, which [`Running::stop`] signals as a whole.
#[cfg(unix)]
fn own_process_group(cmd: &mut Command) {
    cmd.process_group(0);
}

/// The harness measures on Linux (it reads `/proc`); elsewhere it only has to build, so
/// `cargo build --workspace` and `cargo test --workspace` work on Windows.
#[cfg(not(unix))]
fn own_process_group(_cmd: &mut Command) {}

/// Starts `bin` with a fresh data folder and waits for its `waypoint-ready <ms>` line.
/// Returns (ms from spawn to the line, ms the app itself measured, ms at which it created its
/// window, the running app), after
/// also waiting `idle` seconds when asked; without `idle` the app is stopped at once.
fn launch_until_ready(
    bin: &Path,
    env: &[(String, String)],
    idle: Option<u64>,
) -> Result<(f64, u64, u64, Running)> {
    let data = tempfile::tempdir()?;
    let t0 = Instant::now();
    let mut cmd = Command::new(bin);
    cmd.envs(env.iter().map(|(k, v)| (k, v)))
        .env("WAYPOINT_DATA_DIR", data.path())
        .env("WAYPOINT_BENCH_READY", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    own_process_group(&mut cmd);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let pid = child.id();
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    let window_ms = Arc::new(AtomicU64::new(0));
    // Keeps draining stdout after the mark, so the app never blocks on a full pipe.
    let window = window_ms.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
            if let Some(ms) = line.strip_prefix("waypoint-window ") {
                window.store(ms.trim().parse::<u64>().unwrap_or(0), Ordering::Relaxed);
            }
            if let Some(ms) = line.strip_prefix("waypoint-ready ") {
                let _ = tx.send((t0.elapsed(), ms.trim().parse::<u64>().unwrap_or(0)));
            }
        }
    });
    let mut running = Running {
        child,
        pid,
        _data: data,
    };
    let (elapsed, inside) = match rx.recv_timeout(WAIT) {
        Ok(v) => v,
        Err(_) => {
            running.stop();
            bail!("{} printed no ready line within {WAIT:?}", bin.display());
        }
    };
    match idle {
        Some(secs) => std::thread::sleep(Duration::from_secs(secs)),
        None => running.stop(),
    }
    let window = window_ms.load(Ordering::Relaxed);
    Ok((elapsed.as_secs_f64() * 1000.0, inside, window, running))
}

/// (pid, parent pid, process group, state) of every process.
fn processes() -> Vec<(u32, u32, u32, char)> {
    let mut out = vec![];
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // The command name may hold spaces and parentheses: fields start after the last ')'.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let f: Vec<&str> = rest.split_whitespace().collect();
        if f.len() < 4 {
            continue;
        }
        let state = f[0].chars().next().unwrap_or('?');
        let (ppid, pgrp) = (f[1].parse().unwrap_or(0), f[2].parse().unwrap_or(0));
        out.push((pid, ppid, pgrp, state));
    }
    out
}

fn group_alive(pgid: u32) -> bool {
    processes()
        .iter()
        .any(|&(_, _, g, state)| g == pgid && state != 'Z')
}

/// One process's share of memory, KiB, from `/proc/<pid>/smaps_rollup`.
#[derive(Serialize, Clone)]
pub struct ProcMem {
    pub name: String,
    pub pss: u64,
    /// Heap, JS and other anonymous memory.
    pub anon: u64,
    /// Mapped files: the binary and its libraries, fonts.
    pub file: u64,
    /// Shared memory (WebKit's buffers between its processes).
    pub shmem: u64,
}

/// PSS of `root` and every descendant, total (KiB) and per process.
pub fn pss_tree(root: u32) -> (u64, Vec<ProcMem>) {
    let procs = processes();
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(pid, ppid, _, _) in &procs {
        children.entry(ppid).or_default().push(pid);
    }
    let mut stack = vec![root];
    let mut rows = vec![];
    while let Some(pid) = stack.pop() {
        stack.extend(children.get(&pid).into_iter().flatten());
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let field = |name: &str| {
            rollup
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        // The executable's name: `comm` is cut at 15 characters (WebKitWebProces).
        let name = std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| pid.to_string());
        rows.push(ProcMem {
            name,
            pss: field("Pss:"),
            anon: field("Pss_Anon:"),
            file: field("Pss_File:"),
            shmem: field("Pss_Shmem:"),
        });
    }
    (rows.iter().map(|r| r.pss).sum(), rows)
}

/// The Waypoint process started for data folder `dir` (WebKitWebDriver starts it, not us).
fn app_pid_for(exe: &Path, dir: &Path) -> Option<u32> {
    let want = format!("WAYPOINT_DATA_DIR={}", dir.display());
    let exe = exe.canonicalize().ok()?;
    for (pid, ..) in processes() {
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            != Some(exe.as_path())
        {
            continue;
        }
        let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if env.split(|b| *b == 0).any(|kv| kv == want.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

/// The full 60-item journey by keyboard, driven like the real-window tests (tauri-driver,
/// WebKitWebDriver, fantoccini): memory before answering and after the results are shown.
async fn journey(app: &Path, env: &[(String, String)], idle_secs: u64) -> Result<Journey> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let data = tempfile::tempdir()?;
    let (port, native) = (free_port()?, free_port()?);
    let mut driver = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("WAYPOINT_DATA_DIR", data.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("tauri-driver is not installed: cargo install tauri-driver --locked")?;
    let result = drive(app, data.path(), port, idle_secs).await;
    // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver and the app too.
    let _ = Command::new("kill")
        .args(["-TERM", &driver.id().to_string()])
        .status();
    let _ = driver.wait();
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(pid) = app_pid_for(app, data.path()) {
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    result
}

async fn drive(app: &Path, data: &Path, port: u16, idle_secs: u64) -> Result<Journey> {
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(
        serde_json::json!({ "browserName": "wry", "tauri:options": { "application": app } }),
    )?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::rustls()?
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() > deadline => bail!("could not reach tauri-driver: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    let pid = app_pid_for(app, data).context("the app WebKitWebDriver started was not found")?;
    wait_js(
        &client,
        "the welcome screen",
        "return !!document.querySelector('[data-way=ip60]');",
        vec![],
    )
    .await?;
    // The welcome screen marks itself ready after its first paint (Welcome.svelte).
    wait_js(
        &client,
        "the ready mark",
        "return performance.getEntriesByName('waypoint-ready').length > 0;",
        vec![],
    )
    .await?;
    let page_entries = client
        .execute(
            "const n = performance.getEntriesByType('navigation')[0]; \
             const nav = n ? { type: 'navigation', responseEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive), \
             domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) } : null; \
             return [nav].concat(performance.getEntries().filter(e => e.entryType !== 'navigation') \
             .map(e => ({ type: e.entryType, name: e.name, start: Math.round(e.startTime), ms: Math.round(e.duration) })));",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_secs(idle_secs)).await;
    let (before, before_breakdown) = pss_tree(pid);
    eprintln!("  waypoint under WebDriver, welcome idle: {before} KiB PSS");

    let t = Instant::now();
    client
        .execute("document.querySelector('[data-way=ip60]').focus();", vec![])
        .await?;
    press(&client, ENTER).await?;
    for i in 1..=ANSWERS.len() {
        let radio = format!("[data-item=\"{i}\"] [role=\"radio\"]");
        wait_js(
            &client,
            &format!("focus on item {i}"),
            "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
            vec![radio.into()],
        )
        .await?;
        let digit = ANSWERS.as_bytes()[i - 1] as char;
        press(&client, digit).await?;
        wait_js(
            &client,
            &format!("item {i} checked"),
            "const b = document.querySelector(`[data-item=\"${arguments[0]}\"] [aria-checked=\"true\"]`); return !!b && b.dataset.value === arguments[1];",
            vec![i.into(), digit.to_string().into()],
        )
        .await?;
        if i < ANSWERS.len() {
            // A digit moves focus to the next item, or to Next at the end of a page.
            let next = format!("[data-item=\"{}\"] [role=\"radio\"]", i + 1);
            wait_js(
                &client,
                "focus on the next item or on Next",
                "const a = document.activeElement; return !!a && (a.matches(arguments[0]) || a.matches('[data-testid=\"q-next\"]'));",
                vec![next.into()],
            )
            .await?;
            let on_next = client
                .execute(
                    "return document.activeElement.matches('[data-testid=\"q-next\"]');",
                    vec![],
                )
                .await?;
            if on_next.as_bool() == Some(true) {
                press(&client, ENTER).await?;
            }
        }
    }
    let label = client.find(Locator::Css("#q-label")).await?;
    label.send_keys("Benchmark").await?;
    label.send_keys(&ENTER.to_string()).await?;
    wait_js(
        &client,
        "the results",
        "return !!document.querySelector('[data-testid=code]');",
        vec![],
    )
    .await?;
    let answer_secs = t.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(idle_secs)).await;
    let (after, breakdown) = pss_tree(pid);
    eprintln!(
        "  waypoint after the 60-item journey: {after} KiB PSS ({answer_secs:.1} s to results)"
    );
    let _ = client.close().await;
    Ok(Journey {
        before_pss_kib: before,
        before_breakdown,
        after_pss_kib: after,
        after_breakdown: breakdown,
        answer_secs,
        page_entries,
    })
}

async fn press(client: &Client, key: char) -> Result<()> {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(keys).await?;
    Ok(())
}

async fn wait_js(
    client: &Client,
    what: &str,
    js: &str,
    args: Vec<serde_json::Value>,
) -> Result<()> {
    let deadline = Instant::now() + WAIT;
    loop {
        let last = client.execute(js, args.clone()).await;
        if matches!(last, Ok(serde_json::Value::Bool(true))) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("timed out waiting for {what} (last: {last:?})");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The one-real-window-at-a-time lock the real-window tests hold (tests/common/mod.rs):
/// a file holding the holder's pid, created exclusively, taken over when its holder is gone.
struct WindowLock(PathBuf);

impl WindowLock {
    fn take() -> Result<WindowLock> {
        let path = std::env::temp_dir().join("waypoint-e2e-window.lock");
        let deadline = Instant::now() + Duration::from_secs(30 * 60);
        let mut said = false;
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    write!(f, "{}", std::process::id())?;
                    return Ok(WindowLock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if let Ok(pid) = holder.trim().parse::<u32>() {
                        if !Path::new(&format!("/proc/{pid}")).exists() {
                            let _ = std::fs::remove_file(&path);
                            continue;
                        }
                    }
                    if !said {
                        eprintln!("  waiting for {} (held by pid {holder})", path.display());
                        said = true;
                    }
                    if Instant::now() > deadline {
                        bail!("waited 30 min for {}", path.display());
                    }
                    std::thread::sleep(Duration::from_millis(250));
                }
                Err(e) => return Err(e).context(format!("creating {}", path.display())),
            }
        }
    }
}

impl Drop for WindowLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
