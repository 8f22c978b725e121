//! Fault plan and request log. Both are plain data so they can be set from
//! Rust and, as JSON, from another process through `/__admin/*`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What to do to a matching request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Wait, then answer normally.
    Latency { ms: u64 },
    /// 429, with `Retry-After: <seconds>` when given.
    RateLimited {
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// Any status (500, 503, …) with a small plain-text body.
    Status { status: u16 },
    /// Close the socket before any response byte is written.
    Reset,
    /// Send the real headers (with the full Content-Length) and half the JSON
    /// body, then drop the connection.
    TruncatedJson,
    /// A 200 HTML page, as a captive portal or proxy would send.
    WrongContentType,
    /// Send the real body `chunk_bytes` at a time, `interval_ms` apart.
    SlowDrip {
        chunk_bytes: usize,
        interval_ms: u64,
    },
    /// A redirect (`status`, 302 by default) to `location`, as a hijacked DNS name or a
    /// misconfigured proxy might send.
    Redirect {
        location: String,
        #[serde(default = "found")]
        status: u16,
    },
    /// A canned response, for shapes the fake never produces by itself.
    Canned {
        status: u16,
        #[serde(default = "json_type")]
        content_type: String,
        body: String,
    },
}

fn found() -> u16 {
    302
}

fn json_type() -> String {
    "application/json".into()
}

/// One rule of the plan. Rules are tried in order; the first one that matches
/// and still has uses left applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    /// API path without leading or trailing slash (`mnm/interestprofiler/careers`).
    /// A trailing `*` matches by prefix; `*` alone matches every API path.
    pub path: String,
    pub fault: Fault,
    /// Apply to this many matching requests, then let requests through
    /// ("N failures then success"). `None` = forever.
    #[serde(default)]
    pub times: Option<u32>,
}

impl FaultRule {
    pub fn new(path: &str, fault: Fault) -> Self {
        FaultRule {
            path: normalize_path(path),
            fault,
            times: None,
        }
    }
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }
    pub(crate) fn matches(&self, path: &str) -> bool {
        let pattern = normalize_path(&self.path);
        if pattern == "*" {
            return true;
        }
        match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => pattern == path,
        }
    }
}

/// Strip the leading slash and one trailing slash, so `about`, `/about/` and
/// `about/` all route (and match faults) the same.
pub fn normalize_path(path: &str) -> String {
    let p = path.strip_prefix('/').unwrap_or(path);
    p.strip_suffix('/').unwrap_or(p).to_string()
}

/// What the server saw. The `X-API-Key` value is never stored: `key` says only
/// whether it was missing, valid or invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    pub method: String,
    /// As sent, with its slashes.
    pub path: String,
    pub query: Option<String>,
    pub headers: BTreeMap<String, String>,
    pub key: KeyState,
    /// Milliseconds since the server started.
    pub at_ms: u64,
    /// Status sent, when a response was sent (not for resets).
    pub status: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    Missing,
    Valid,
    Invalid,
}

impl RecordedRequest {
    /// The path the way routing and fault rules see it.
    pub fn api_path(&self) -> String {
        normalize_path(&self.path)
    }
    /// Decoded query parameters, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_deref().unwrap_or("").as_bytes())
            .into_owned()
            .collect()
    }
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}
