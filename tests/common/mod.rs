//! Drives the real Waypoint window: tauri-driver + WebKitWebDriver + fantoccini, under the
//! Xvfb display and D-Bus session that `cargo xtask test` provides.
//!
//! Only one app and driver may run at a time (the driver port is fixed), while nextest runs
//! each test in its own process and `cargo test` runs tests on several threads. So every
//! [`App`] holds [`E2eLock`]: an in-process mutex plus a lock file shared by all processes.
//! A test that launches the app more than once (restart, crash) takes the lock itself with
//! [`e2e_lock`] so no other test slips in between launches.

#![allow(dead_code)]

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// Two different ports nobody listens on now. Each launch picks its own pair instead of the
/// usual fixed 4444/4445, so a driver left running elsewhere cannot capture our session. Both
/// listeners are held until both ports are known: binding, reading and releasing one at a time
/// once handed the same port twice, and the driver and WebKitWebDriver fought over it.
fn two_free_ports() -> (u16, u16) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let (a, b) = (bind(), bind());
    let port = |l: &std::net::TcpListener| l.local_addr().expect("a bound address").port();
    (port(&a), port(&b))
}

/// How long a launch waits for tauri-driver to open a session: the driver, WebKitWebDriver and
/// a cold WebKit start on a loaded 2-core machine (12 s has been seen; 20 s once was not enough).
pub const LAUNCH_WAIT: Duration = Duration::from_secs(90);

/// How long a wait polls before it fails.
pub const WAIT: Duration = Duration::from_secs(20);

pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_waypoint"))
}

pub fn shots_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&d).unwrap();
    d
}

// ---------------------------------------------------------------------------------------------
// One real window at a time.

static IN_PROCESS: Mutex<()> = Mutex::new(());
thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

fn lock_path() -> PathBuf {
    std::env::temp_dir().join("waypoint-e2e-window.lock")
}

/// Held while a real window may run. Re-entrant on the same thread (tokio tests run their
/// body on the test's own thread), so a test holding it can launch the app several times.
pub struct E2eLock {
    outer: Option<(MutexGuard<'static, ()>, PathBuf)>,
}

pub fn e2e_lock() -> E2eLock {
    let depth = DEPTH.with(|d| {
        let v = d.get();
        d.set(v + 1);
        v
    });
    if depth > 0 {
        return E2eLock { outer: None };
    }
    let guard = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let path = lock_path();
    let deadline = Instant::now() + Duration::from_secs(30 * 60);
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let _ = write!(f, "{}", std::process::id());
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // A holder that died without cleaning up leaves its pid behind.
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                if let Ok(pid) = holder.trim().parse::<u32>() {
                    if !Path::new(&format!("/proc/{pid}")).exists() {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                }
                assert!(
                    Instant::now() < deadline,
                    "waited too long for {} (held by {holder:?})",
                    path.display()
                );
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(e) => panic!("cannot create {}: {e}", path.display()),
        }
    }
    E2eLock {
        outer: Some((guard, path)),
    }
}

impl Drop for E2eLock {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        if let Some((_guard, path)) = self.outer.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// The running app and the driver behind it. Dropping it closes both cleanly.
pub struct App {
    pub client: Client,
    driver: Driver,
    /// Shared so a test can relaunch the app on the same data folder after closing it.
    pub data_dir: Arc<tempfile::TempDir>,
    closed: bool,
    // Declared last: released after the driver is gone.
    _lock: E2eLock,
}

impl App {
    /// Starts the app with a fresh `WAYPOINT_DATA_DIR` and extra environment variables.
    pub async fn launch(envs: &[(&str, &str)]) -> App {
        App::launch_in(Arc::new(tempfile::tempdir().unwrap()), envs).await
    }

    /// Starts the app on an existing data folder (a restart, or files prepared beforehand).
    /// A launch that fails (a port taken between choosing and binding it, a driver that dies)
    /// is retried once on new ports; the failed driver's whole process group is stopped first.
    pub async fn launch_in(data_dir: Arc<tempfile::TempDir>, envs: &[(&str, &str)]) -> App {
        let lock = e2e_lock();
        // Two crypto back-ends are in the dependency graph; rustls needs to be told which.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let first = match start_session(&data_dir, envs).await {
            Ok(started) => Ok(started),
            Err(why) => {
                eprintln!("launch failed, retrying once on new ports: {why}");
                start_session(&data_dir, envs).await
            }
        };
        let (client, driver) = first.unwrap_or_else(|why| panic!("{why}"));
        App {
            client,
            driver,
            data_dir,
            closed: false,
            _lock: lock,
        }
    }

    /// Waits until `css` matches an element whose text is non-empty, and returns that text.
    pub async fn text_of(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if !t.trim().is_empty() {
                        return t;
                    }
                }
            }
            assert!(Instant::now() < deadline, "nothing with text matched {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The window as the X server shows it (ImageMagick's `import`), not WebDriver's
    /// screenshot: WebKitWebDriver 2.50 waits for the page's next repaint to take one, which a
    /// still page drawn in software (Waypoint's default on Linux) may never do.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let path = shots_dir().join(format!("{name}.png"));
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "^Waypoint$"])
            .output()
            .expect("xdotool is installed");
        let window = String::from_utf8_lossy(&found.stdout)
            .lines()
            .next()
            .map(str::to_string)
            .expect("a visible window titled Waypoint");
        // Let the last change reach the screen.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let status = Command::new("import")
            .args(["-window", &window])
            .arg(&path)
            .status()
            .expect("ImageMagick's import is installed");
        assert!(status.success(), "import -window {window} failed");
        path
    }

    /// Runs `js` (a function body that returns a value) until it returns `true`.
    pub async fn wait_js(&self, what: &str, js: &str, args: Vec<serde_json::Value>) {
        let deadline = Instant::now() + WAIT;
        let mut last: serde_json::Value;
        loop {
            match self.client.execute(js, args.clone()).await {
                Ok(serde_json::Value::Bool(true)) => return,
                Ok(v) => last = v,
                Err(e) => last = serde_json::Value::String(e.to_string()),
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} (last: {last})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `css` matches a visible element.
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return el;
                }
            }
            assert!(Instant::now() < deadline, "nothing visible matched {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` (trimmed, spaces collapsed) satisfies `ok`; returns it.
    pub async fn wait_text(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    last = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if ok(&last) {
                        return last;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "{css}: timed out waiting for {what}; last text {last:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_text_eq(&self, css: &str, expected: &str) -> String {
        self.wait_text(css, expected, |t| t == expected).await
    }

    /// Waits until the focused element matches `css`.
    pub async fn wait_focus(&self, css: &str) {
        self.wait_js(
            &format!("focus on {css}"),
            "return document.activeElement ? document.activeElement.matches(arguments[0]) : false;",
            vec![css.into()],
        )
        .await;
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.expect("click");
    }

    /// Clicks the first visible button (or link) whose text is exactly `text`.
    pub async fn click_button(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(els) = self.client.find_all(Locator::Css("button, a")).await {
                for el in els {
                    let t = el.text().await.unwrap_or_default();
                    if t.split_whitespace().collect::<Vec<_>>().join(" ") == text
                        && el.is_displayed().await.unwrap_or(false)
                        && el.is_enabled().await.unwrap_or(false)
                    {
                        el.click().await.expect("click");
                        return;
                    }
                }
            }
            assert!(Instant::now() < deadline, "no button {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses one key on whatever has focus, as a keyboard would.
    pub async fn press(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("key press");
    }

    /// Types `text` into the element matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("send keys");
    }

    /// Types `text` into the field at `css` and presses Enter, as a person submits a form.
    pub async fn type_and_enter(&self, css: &str, text: &str) {
        self.type_into(css, text).await;
        self.wait_for(css)
            .await
            .send_keys(&ENTER.to_string())
            .await
            .expect("Enter");
    }

    /// Number of elements matching `css` (no waiting).
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// The pid of the app process started for this data folder.
    pub fn app_pid(&self) -> Option<u32> {
        app_pid_for(self.data_dir.path())
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        // The app itself must be gone before the next one starts on the same folder.
        self.driver.stop(self.data_dir.path());
    }
}

impl Drop for App {
    /// A test that panics still stops its driver, so the next test gets the port.
    fn drop(&mut self) {
        self.stop_driver();
    }
}

/// tauri-driver in a process group of its own, so WebKitWebDriver and the app it starts can be
/// stopped together whatever state a failed launch left them in.
struct Driver(Child);

impl Driver {
    fn spawn(port: u16, native: u16, data_dir: &Path, envs: &[(&str, &str)]) -> Driver {
        use std::os::unix::process::CommandExt;
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("WAYPOINT_DATA_DIR", data_dir)
            .envs(envs.iter().copied())
            .process_group(0)
            // Inherited pipes would keep the test runner waiting on the driver's children.
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is not installed: run `cargo install tauri-driver --locked`");
        Driver(child)
    }

    /// SIGTERM to tauri-driver (it then ends its WebKitWebDriver session cleanly), the app on
    /// `data_dir` given up to 10 s to go, then SIGKILL to whatever of the group is left.
    fn stop(&mut self, data_dir: &Path) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.0.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        stop_app_for(data_dir);
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// One try at a WebDriver session: a driver on two fresh ports and a connection to it. On
/// failure the driver's group is already stopped, and the error says what was waited for.
async fn start_session(
    data_dir: &Arc<tempfile::TempDir>,
    envs: &[(&str, &str)],
) -> Result<(Client, Driver), String> {
    let (port, native) = two_free_ports();
    let mut driver = Driver::spawn(port, native, data_dir.path(), envs);
    let caps: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() }
        }))
        .unwrap();
    let started = Instant::now();
    loop {
        let e = match ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return Ok((c, driver)),
            Err(e) => e,
        };
        let exited = driver.0.try_wait().ok().flatten();
        if exited.is_some() || started.elapsed() > LAUNCH_WAIT {
            driver.stop(data_dir.path());
            let what = match exited {
                Some(status) => format!("tauri-driver exited ({status})"),
                None => format!("no session after {:?}", started.elapsed()),
            };
            return Err(format!(
                "could not start the app through tauri-driver (--port {port} --native-port \
                 {native}, app {}): {what}; last WebDriver error: {e}",
                app_binary().display()
            ));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits up to 10 s for the app on `dir` to go, then kills it.
fn stop_app_for(dir: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(pid) = app_pid_for(dir) {
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Finds the running `waypoint` process whose `WAYPOINT_DATA_DIR` is `dir`.
pub fn app_pid_for(dir: &Path) -> Option<u32> {
    let want = format!("WAYPOINT_DATA_DIR={}", dir.display());
    let exe = app_binary();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(path) = std::fs::read_link(entry.path().join("exe")) else {
            continue;
        };
        if path != exe {
            continue;
        }
        // A zombie has no environment left: it is gone for our purposes.
        let Ok(env) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if env.split(|b| *b == 0).any(|kv| kv == want.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Journeys shared by the tests/journey_*.rs scenarios.

pub const ENTER: char = '\u{E007}';
pub const AREAS: [&str; 6] = [
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
];

/// Removes any O*NET key a previous test left in the session's keychain.
pub fn clear_keychain() {
    let _ = Command::new("secret-tool")
        .args(["clear", "service", "org.waypoint.profiler"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Screenshot `target/e2e/<scenario>-<step>.png`.
pub async fn shot(app: &App, scenario: &str, step: &str) -> PathBuf {
    app.screenshot(&format!("{scenario}-{step}")).await
}

/// Answers items `from..=to` with the digits of `pattern` (item n gets `pattern[n-1]`), by
/// keyboard only: a digit answers and moves on; Enter on Next turns the page. Focus must be
/// on item `from` when called.
pub async fn answer_by_keyboard(app: &App, pattern: &str, from: usize, to: usize) {
    let total = pattern.len();
    for i in from..=to {
        app.wait_focus(&format!("[data-item=\"{i}\"] [role=\"radio\"]"))
            .await;
        app.press(pattern.as_bytes()[i - 1] as char).await;
        // The answer shows as checked before we move on.
        app.wait_js(
            &format!("item {i} checked"),
            "const b = document.querySelector(`[data-item=\"${arguments[0]}\"] [aria-checked=\"true\"]`); return b ? b.dataset.value === arguments[1] : false;",
            vec![i.into(), pattern[i - 1..i].into()],
        )
        .await;
        if i < total {
            let next = format!("[data-item=\"{}\"] [role=\"radio\"]", i + 1);
            app.wait_js(
                "focus on the next item or on Next",
                "const a = document.activeElement; return !!a && (a.matches(arguments[0]) || a.matches('[data-testid=\"q-next\"]'));",
                vec![next.clone().into()],
            )
            .await;
            let on_next: bool = app
                .client
                .execute(
                    "return document.activeElement.matches('[data-testid=\"q-next\"]');",
                    vec![],
                )
                .await
                .unwrap()
                .as_bool()
                .unwrap();
            if on_next && i < to {
                app.press(ENTER).await;
            }
        }
    }
}

/// The progress line, e.g. "10 of 60 answered".
pub async fn wait_progress(app: &App, done: usize, total: usize) {
    app.wait_text_eq("#q-progress-text", &format!("{done} of {total} answered"))
        .await;
}

/// The six bar values shown on the results, in R I A S E C order.
pub async fn shown_scores(app: &App) -> Vec<String> {
    app.wait_for("[data-testid=code]").await;
    let mut out = Vec::new();
    for a in AREAS {
        out.push(
            app.wait_text(&format!("[data-area=\"{a}\"] .bar-value"), "a value", |t| {
                !t.is_empty()
            })
            .await,
        );
    }
    out
}

/// A plain HTTP/1.0 GET (no chunked bodies) to the loopback test server; returns the JSON body.
pub fn http_get_json(url: &str, headers: &[(&str, &str)]) -> serde_json::Value {
    use std::io::Read;
    let rest = url.strip_prefix("http://").expect("http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut s = std::net::TcpStream::connect(host).expect("connect to the test server");
    let mut req = format!("GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf);
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(
        head.starts_with("HTTP/1.") && head.contains(" 200 "),
        "{head}"
    );
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Every file under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    hits.push(p);
                }
            }
        }
    }
    hits
}

/// All files under `dir`, relative, for messages.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

pub fn secret_tool(args: &[&str]) -> (bool, String) {
    let out = Command::new("secret-tool")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("secret-tool is installed");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

// ---------------------------------------------------------------------------------------------
// Helpers for the offline, faults and Spanish journeys: they find things by `data-testid`,
// ids and attributes, so they work in either language.

/// The O*NET test server on a runtime of its own, so [`OwnServer::stop`] closes every
/// connection, kept-alive ones too (dropping a `TestServer` alone only stops new ones), and
/// the app sees "connection refused" as it would with the network gone.
pub struct OwnServer {
    rt: Option<tokio::runtime::Runtime>,
    server: Option<waypoint_onet_testserver::TestServer>,
    key: String,
    port: u16,
    base: String,
}

impl OwnServer {
    pub fn start(key: &str) -> OwnServer {
        let mut s = OwnServer {
            rt: None,
            server: None,
            key: key.to_string(),
            port: 0,
            base: String::new(),
        };
        s.restart();
        s
    }

    /// Starts again on the same port (the app's `WAYPOINT_API_BASE` does not change).
    pub fn restart(&mut self) {
        assert!(self.server.is_none(), "already running");
        let (key, port) = (self.key.clone(), self.port);
        // Built and entered on a plain thread: a runtime cannot start inside the test's.
        let (rt, server) = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            let deadline = Instant::now() + Duration::from_secs(10);
            let server = loop {
                let cfg = waypoint_onet_testserver::ServerConfig {
                    key: key.clone(),
                    port,
                    ..Default::default()
                };
                match rt.block_on(waypoint_onet_testserver::TestServer::start_with(cfg)) {
                    Ok(s) => break s,
                    // The old listener may take a moment to close after a stop.
                    Err(e) if Instant::now() < deadline => {
                        let _ = e;
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    Err(e) => panic!("test server on port {port}: {e}"),
                }
            };
            (rt, server)
        })
        .join()
        .unwrap();
        self.port = server.addr().port();
        self.base = server.base_url().to_string();
        self.server = Some(server);
        self.rt = Some(rt);
    }

    /// Stops the server and closes its connections; the port then refuses connections.
    pub fn stop(&mut self) {
        drop(self.server.take());
        if let Some(rt) = self.rt.take() {
            std::thread::spawn(move || rt.shutdown_timeout(Duration::from_secs(5)))
                .join()
                .unwrap();
        }
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err(),
            "port {} still accepts connections",
            self.port
        );
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }
}

impl std::ops::Deref for OwnServer {
    type Target = waypoint_onet_testserver::TestServer;
    fn deref(&self) -> &Self::Target {
        self.server.as_ref().expect("the test server is stopped")
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        drop(self.server.take());
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

/// Settings → type the key → Enter; waits until the key status shows its last four
/// characters (the words around them are in the UI's language).
pub async fn save_key(app: &App, key: &str) {
    app.click("[data-testid=nav-settings]").await;
    app.type_and_enter("#api-key", key).await;
    let last4 = &key[key.len() - 4..];
    app.wait_text("[data-testid=key-status]", "the saved key", |t| {
        t.contains(last4)
    })
    .await;
}

/// Start → the Mini-IP; focus on item 1.
pub async fn start_mini_ip(app: &App) {
    app.click("[data-testid=nav-start]").await;
    app.click("[data-way=ip30]").await;
    app.wait_focus("[data-item=\"1\"] [role=\"radio\"]").await;
}

/// Waits for the progress bar to report `done` answers (any language).
pub async fn wait_answered(app: &App, done: usize) {
    app.wait_for(&format!(
        "[data-testid=progress] [role=progressbar][aria-valuenow=\"{done}\"]"
    ))
    .await;
}

/// Types a label and submits with Enter; waits for the result's code.
pub async fn submit_with_label(app: &App, label: &str) -> String {
    app.type_and_enter("#q-label", label).await;
    app.wait_for("[data-testid=to-careers]").await;
    app.text_of("[data-testid=code]").await
}

/// The answers shown as checked on the current page, item → value.
pub async fn checked_answers(app: &App) -> Vec<(usize, char)> {
    let v = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-item]')].flatMap(el => { const b = el.querySelector('[aria-checked=\"true\"]'); return b ? [[Number(el.dataset.item), b.dataset.value]] : []; });",
            vec![],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_u64().unwrap() as usize,
                p[1].as_str().unwrap().chars().next().unwrap(),
            )
        })
        .collect()
}

/// History lists exactly one result, with high-point code `code`; opening it shows `scores`
/// (R I A S E C) — what the person saw when it was made.
pub async fn the_one_result_in_history(app: &App, code: &str, scores: &[String]) {
    app.click("[data-testid=nav-history]").await;
    app.wait_text("[data-session] .code-sm", "the result", |t| t == code)
        .await;
    assert_eq!(app.count("[data-session]").await, 1);
    app.click("[data-testid=history-open]").await;
    for (a, want) in AREAS.iter().zip(scores) {
        app.wait_text_eq(
            &format!("#session-chart-title ~ ul [data-area=\"{a}\"] .bar-value"),
            want,
        )
        .await;
    }
}

/// The careers listed as matches inside `scope`, as (O*NET-SOC code, title) in the order shown.
pub async fn career_rows(app: &App, scope: &str) -> Vec<(String, String)> {
    let v = app
        .client
        .execute(
            // The list shown as matches: the estimate's "Other careers in this zone" are not.
            "return [...document.querySelectorAll(arguments[0] + ' .career[data-code]')].filter(li => !li.closest('[data-testid=others]')).map(li => [li.dataset.code, li.querySelector('.career-title').textContent.trim()]);",
            vec![scope.into()],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Waits until the careers panel has finished loading and shows a list (`Ok(range text)`) or
/// an error (`Err((code, text))`).
pub async fn careers_loaded(app: &App) -> Result<String, (String, String)> {
    app.wait_js(
        "a career list or an error",
        "const p = document.querySelector('[data-testid=careers-panel]'); return !!p && p.getAttribute('aria-busy') !== 'true' && !!p.querySelector('[data-testid=range], [role=alert], [data-testid=unavailable]');",
        vec![],
    )
    .await;
    let alert = "[data-testid=careers-panel] [role=alert]";
    if app.count(alert).await > 0 {
        let el = app.wait_for(alert).await;
        let code = el.attr("data-code").await.unwrap().unwrap_or_default();
        Err((code, app.text_of(alert).await))
    } else {
        Ok(app
            .text_of("[data-testid=careers-panel] [data-testid=range]")
            .await)
    }
}

/// True when `text` contains the page's own rendering (as `fmtDate` does it, in `lang`) of some
/// minute between `since_ms` (Unix ms) and now: the saved time shown is the real fetch time.
pub async fn shows_time_since(app: &App, text: &str, lang: &str, since_ms: u128) -> bool {
    app.client
        .execute(
            "const [text, lang, since] = arguments; const f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }); for (let t = since - 60000; t <= Date.now() + 60000; t += 30000) { if (text.includes(f.format(new Date(t)))) return true; } return false;",
            vec![text.into(), lang.into(), (since_ms as u64).into()],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

pub fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

// ---- A day at the kiosk (tests/kiosk_day.rs, tests/kiosk_software.rs) ----

/// A Mini-IP answer string of its own for visitor `v` (1-based): digits 1–5 from a simple
/// generator, never all equal, so each visitor leaves bytes no other visitor has.
pub fn answers_of(v: u32) -> String {
    let mut x = 0x9e37_79b9_u32.wrapping_mul(v).wrapping_add(0x2545_f491);
    let s: String = (0..30)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from(b'1' + (x % 5) as u8)
        })
        .collect();
    assert!(s.bytes().any(|b| b != s.as_bytes()[0]));
    s
}

/// PSS in KiB of `root` and all its descendants (the WebKit processes), from
/// `/proc/<pid>/smaps_rollup`, with the command name of each process; and the anonymous part
/// of the total, which other WebKit programs running beside the test do not share.
pub fn pss_tree(root: u32) -> (u64, u64, Vec<(u32, String, u64)>) {
    let mut parent = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        let comm = stat[stat.find('(').map_or(0, |i| i + 1)..close].to_string();
        let ppid = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0);
        parent.push((pid, ppid, comm));
    }
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let p = tree[i];
        tree.extend(parent.iter().filter(|c| c.1 == p).map(|c| c.0));
        i += 1;
    }
    let mut procs = Vec::new();
    let mut anon = 0;
    for pid in tree {
        let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        let kib = field("Pss:");
        anon += field("Pss_Anon:");
        let comm = parent
            .iter()
            .find(|c| c.0 == pid)
            .map(|c| c.2.clone())
            .unwrap_or_default();
        procs.push((pid, comm, kib));
    }
    (procs.iter().map(|p| p.2).sum(), anon, procs)
}
