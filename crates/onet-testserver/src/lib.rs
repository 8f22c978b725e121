//! A loopback fake of the O*NET Web Services API v2 for tests.
//!
//! It serves the paths and JSON shapes of the contract (`shared/onet-api-v2.md`)
//! for `about/`, the Interest Profiler, career reports (`mnm/` and `mpp/`) and
//! Database Services, checks `X-API-Key`, answers 422 `{"error": …}` for bad
//! parameters, and pages with absolute `prev`/`next` links pointing at itself.
//! A fault plan (latency, 429, 5xx, resets, truncated or slow bodies, wrong
//! content type, canned bodies, "N failures then success") can be changed from
//! Rust or via `POST /__admin/faults`; every request is logged and readable via
//! [`TestServer::requests`] or `GET /__admin/requests`.
//!
//! The Spanish (`mpp/`) texts are synthetic (`"[es] <english>"`): this is a test
//! fake, not a translation.

mod api;
pub mod data;
pub mod faults;

pub use api::{also_called, MAX_KEYWORD_CHARS};
pub use faults::{normalize_path, Fault, FaultRule, KeyState, RecordedRequest};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use bytes::Bytes;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tower::ServiceExt;

/// Settings for [`TestServer::start_with`].
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The only accepted `X-API-Key`.
    pub key: String,
    /// 0 = let the OS choose.
    pub port: u16,
    /// Most rows one page may carry, whatever `end` asks for. The real API is
    /// said to cap at 2000; tests lower it to check clients do not assume
    /// their `end` was honoured.
    pub page_cap: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            key: "test-key".into(),
            port: 0,
            page_cap: 2000,
        }
    }
}

pub(crate) struct Shared {
    pub key: String,
    pub base_url: String,
    pub started: Instant,
    pub page_cap: Mutex<usize>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub requests: Mutex<Vec<RecordedRequest>>,
    pub data: api::Data,
}

/// A running server; it stops when dropped.
pub struct TestServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("base_url", &self.shared.base_url)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
struct ConnKill(Arc<Notify>);

impl TestServer {
    /// Starts on an OS-chosen port with the given key.
    pub async fn start(key: &str) -> std::io::Result<Self> {
        Self::start_with(ServerConfig {
            key: key.into(),
            ..ServerConfig::default()
        })
        .await
    }

    pub async fn start_with(config: ServerConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}/");
        let shared = Arc::new(Shared {
            key: config.key,
            data: api::Data::load(),
            base_url,
            started: Instant::now(),
            page_cap: Mutex::new(config.page_cap.max(1)),
            faults: Mutex::new(Vec::new()),
            requests: Mutex::new(Vec::new()),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let task = tokio::spawn(accept_loop(listener, app));
        Ok(TestServer { shared, addr, task })
    }

    /// `http://127.0.0.1:<port>/`, with the trailing slash.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn key(&self) -> &str {
        &self.shared.key
    }

    /// Replaces the whole fault plan.
    pub fn set_faults(&self, rules: Vec<FaultRule>) {
        *self.shared.faults.lock().unwrap() = rules;
    }

    pub fn add_fault(&self, rule: FaultRule) {
        self.shared.faults.lock().unwrap().push(rule);
    }

    pub fn clear_faults(&self) {
        self.shared.faults.lock().unwrap().clear();
    }

    pub fn set_page_cap(&self, cap: usize) {
        *self.shared.page_cap.lock().unwrap() = cap.max(1);
    }

    /// Every request seen so far (admin requests excluded).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Requests whose normalized path equals `path` (slashes ignored).
    pub fn requests_to(&self, path: &str) -> Vec<RecordedRequest> {
        let want = normalize_path(path);
        self.requests()
            .into_iter()
            .filter(|r| r.api_path() == want)
            .collect()
    }

    pub fn clear_requests(&self) {
        self.shared.requests.lock().unwrap().clear();
    }

    /// The synthetic occupations, so tests can pick real codes.
    pub fn occupations(&self) -> &[data::Occupation] {
        &self.shared.data.occupations
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, app: Router) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            // A handler that wants a "connection reset" notifies this; the
            // connection future is then dropped, closing the socket with no
            // response written.
            let kill = Arc::new(Notify::new());
            let k = kill.clone();
            let svc = hyper::service::service_fn(
                move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnKill(k.clone()));
                    app.clone().oneshot(req.map(Body::new))
                },
            );
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), svc);
            tokio::select! {
                _ = conn => {}
                _ = kill.notified() => {}
            }
        });
    }
}

fn header_map_to_log(headers: &axum::http::HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter(|(name, _)| *name != "x-api-key")
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                v.to_str().unwrap_or("<non-ascii>").to_string(),
            )
        })
        .collect()
}

fn json_response(status: StatusCode, body: Bytes) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

async fn handle(
    State(st): State<Arc<Shared>>,
    Extension(kill): Extension<ConnKill>,
    req: Request,
) -> Response {
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    if let Some(admin) = path.strip_prefix("/__admin/") {
        let method = req.method().clone();
        let body = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        return admin_handle(&st, &method, admin, &body);
    }

    let key_state = match req.headers().get("x-api-key") {
        None => KeyState::Missing,
        Some(v) if v.as_bytes() == st.key.as_bytes() => KeyState::Valid,
        Some(_) => KeyState::Invalid,
    };
    let log_index = {
        let mut log = st.requests.lock().unwrap();
        log.push(RecordedRequest {
            method: req.method().to_string(),
            path: path.clone(),
            query: query.clone(),
            headers: header_map_to_log(req.headers()),
            key: key_state,
            at_ms: st.started.elapsed().as_millis() as u64,
            status: None,
        });
        log.len() - 1
    };
    let api_path = normalize_path(&path);

    let fault = take_fault(&st, &api_path);
    if let Some(Fault::Latency { ms }) = fault {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let pre = match &fault {
        Some(Fault::RateLimited { retry_after }) => {
            let mut r = (StatusCode::TOO_MANY_REQUESTS, "Too Many Requests").into_response();
            if let Some(s) = retry_after {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*s));
            }
            Some(r)
        }
        Some(Fault::Status { status }) => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Some((code, format!("injected status {status}")).into_response())
        }
        Some(Fault::Reset) => {
            kill.0.notify_one();
            // Never answer; the connection is being torn down.
            std::future::pending::<()>().await;
            unreachable!()
        }
        Some(Fault::WrongContentType) => {
            let mut r = (
                StatusCode::OK,
                "<!doctype html><html><body><h1>Sign in to the network</h1></body></html>",
            )
                .into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            Some(r)
        }
        Some(Fault::Canned {
            status,
            content_type,
            body,
        }) => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::OK);
            let mut r = (code, body.clone()).into_response();
            if let Ok(v) = HeaderValue::from_str(content_type) {
                r.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            Some(r)
        }
        Some(Fault::Huge { bytes }) => {
            const CHUNK: usize = 64 * 1024;
            let total = *bytes;
            let stream = futures_util::stream::unfold(0u64, move |sent| async move {
                if sent >= total {
                    return None;
                }
                let n = (total - sent).min(CHUNK as u64) as usize;
                let mut chunk = vec![b' '; n];
                if sent == 0 {
                    chunk[0] = b'[';
                }
                Some((Ok::<_, std::io::Error>(Bytes::from(chunk)), sent + n as u64))
            });
            let mut r = Response::new(Body::from_stream(stream));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Some(r)
        }
        Some(Fault::Redirect { location, status }) => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::FOUND);
            let mut r = (code, "").into_response();
            if let Ok(v) = HeaderValue::from_str(location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            Some(r)
        }
        _ => None,
    };

    let resp = match pre {
        Some(r) => r,
        None => {
            if req.method() != Method::GET {
                (StatusCode::METHOD_NOT_ALLOWED, "only GET is supported").into_response()
            } else if key_state != KeyState::Valid {
                let mut r = json_response(
                    StatusCode::UNAUTHORIZED,
                    Bytes::from_static(br#"{"error":"API key is missing or invalid"}"#),
                );
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("X-API-Key realm=\"O*NET Web Services\""),
                );
                r
            } else {
                let page_cap = *st.page_cap.lock().unwrap();
                let ctx = api::Ctx {
                    base: &st.base_url,
                    page_cap,
                    data: &st.data,
                };
                match api::route(&ctx, &api_path, query.as_deref().unwrap_or("")) {
                    Ok(mut value) => {
                        if let (Some(Fault::LyingTotal { total }), Some(obj)) =
                            (&fault, value.as_object_mut())
                        {
                            if obj.contains_key("total") {
                                obj.insert("total".into(), serde_json::json!(total));
                            }
                        }
                        let body = Bytes::from(serde_json::to_vec(&value).unwrap());
                        shape_body(fault.as_ref(), body)
                    }
                    Err(api::ApiError::Unprocessable(msg)) => json_response(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Bytes::from(
                            serde_json::to_vec(&serde_json::json!({ "error": msg })).unwrap(),
                        ),
                    ),
                    Err(api::ApiError::NotFound) => {
                        (StatusCode::NOT_FOUND, "Not Found").into_response()
                    }
                }
            }
        }
    };
    if let Some(r) = st.requests.lock().unwrap().get_mut(log_index) {
        r.status = Some(resp.status().as_u16());
    }
    resp
}

/// Applies the faults that need the real body (truncation, slow drip).
fn shape_body(fault: Option<&Fault>, body: Bytes) -> Response {
    let full_len = body.len();
    let stream_body = match fault {
        Some(Fault::TruncatedJson) => {
            let half = body.slice(..full_len / 2);
            let chunks: Vec<Result<Bytes, std::io::Error>> =
                vec![Ok(half), Err(std::io::Error::other("injected truncation"))];
            Some(Body::from_stream(futures_util::stream::iter(chunks)))
        }
        Some(Fault::SlowDrip {
            chunk_bytes,
            interval_ms,
        }) => {
            let size = (*chunk_bytes).max(1);
            let interval = Duration::from_millis(*interval_ms);
            let body = body.clone();
            let stream = futures_util::stream::unfold(0usize, move |pos| {
                let body = body.clone();
                async move {
                    if pos >= body.len() {
                        return None;
                    }
                    if pos > 0 {
                        tokio::time::sleep(interval).await;
                    }
                    let end = (pos + size).min(body.len());
                    Some((Ok::<_, std::io::Error>(body.slice(pos..end)), end))
                }
            });
            Some(Body::from_stream(stream))
        }
        _ => None,
    };
    match stream_body {
        Some(b) => {
            let mut r = Response::new(b);
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            // The full length is announced so a short body is a protocol
            // error the client can detect, as with a real dropped connection.
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(full_len));
            r
        }
        None => json_response(StatusCode::OK, body),
    }
}

fn take_fault(st: &Shared, api_path: &str) -> Option<Fault> {
    let mut rules = st.faults.lock().unwrap();
    for rule in rules.iter_mut() {
        if !rule.matches(api_path) {
            continue;
        }
        match rule.times {
            Some(0) => continue,
            Some(ref mut n) => *n -= 1,
            None => {}
        }
        return Some(rule.fault.clone());
    }
    None
}

fn admin_handle(st: &Shared, method: &Method, path: &str, body: &[u8]) -> Response {
    let ok = || json_response(StatusCode::OK, Bytes::from_static(b"{\"ok\":true}"));
    let bad = |msg: String| {
        json_response(
            StatusCode::BAD_REQUEST,
            Bytes::from(serde_json::to_vec(&serde_json::json!({ "error": msg })).unwrap()),
        )
    };
    match (method.as_str(), normalize_path(path).as_str()) {
        ("GET", "faults") => {
            let rules = st.faults.lock().unwrap().clone();
            json_response(
                StatusCode::OK,
                Bytes::from(serde_json::to_vec(&rules).unwrap()),
            )
        }
        // An array replaces the plan; a single rule is appended.
        ("POST", "faults") => {
            if let Ok(rules) = serde_json::from_slice::<Vec<FaultRule>>(body) {
                *st.faults.lock().unwrap() = rules;
                ok()
            } else {
                match serde_json::from_slice::<FaultRule>(body) {
                    Ok(rule) => {
                        st.faults.lock().unwrap().push(rule);
                        ok()
                    }
                    Err(e) => bad(format!("not a fault rule or list of rules: {e}")),
                }
            }
        }
        ("DELETE", "faults") => {
            st.faults.lock().unwrap().clear();
            ok()
        }
        ("GET", "requests") => {
            let log = st.requests.lock().unwrap().clone();
            json_response(
                StatusCode::OK,
                Bytes::from(serde_json::to_vec(&log).unwrap()),
            )
        }
        ("DELETE", "requests") => {
            st.requests.lock().unwrap().clear();
            ok()
        }
        ("POST", "config") => {
            #[derive(serde::Deserialize)]
            struct Cfg {
                page_cap: Option<usize>,
            }
            match serde_json::from_slice::<Cfg>(body) {
                Ok(cfg) => {
                    if let Some(cap) = cfg.page_cap {
                        *st.page_cap.lock().unwrap() = cap.max(1);
                    }
                    ok()
                }
                Err(e) => bad(format!("bad config: {e}")),
            }
        }
        ("GET", "health") => ok(),
        _ => (StatusCode::NOT_FOUND, "unknown admin endpoint").into_response(),
    }
}
