//! How a request travels: the builder and its HTTP client, the retry policy, one GET sent and
//! retried, the body read with a size cap, and errors classified and scrubbed of the key.

use crate::client::{Client, Inner};
use crate::error::{Error, Result};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// How long to wait for a connection, and for a whole response.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const USER_AGENT: &str = concat!("Waypoint/", env!("CARGO_PKG_VERSION"));
/// Largest response body read, error bodies included. The biggest real answer (a full
/// Database Services page of 2000 rows) is a few MiB; a hostile or broken server could
/// otherwise stream until memory runs out.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How failed requests are retried. Every call is an idempotent GET, so
/// retrying is always safe; 401, 404 and 422 are never retried.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `max_retries + 1` requests).
    pub max_retries: u32,
    /// First back-off; doubles per retry. O*NET asks for ≥ 200 ms after a 429.
    pub base_delay: Duration,
    /// Cap on one back-off (before jitter).
    pub max_delay: Duration,
    /// Longest `Retry-After` honoured; a longer one fails fast instead of
    /// freezing the UI.
    pub max_retry_after: Duration,
    /// Adds up to +25 % random delay so many clients do not retry in step.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Delay before retry number `attempt` (0-based) when the server gave no
    /// Retry-After. Jitter only adds, so the 200 ms floor holds.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(16)));
        let d = exp.min(self.max_delay);
        if self.jitter {
            d + d.mul_f64(fastrand::f64() * 0.25)
        } else {
            d
        }
    }
}

/// Builder for [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<SecretString>,
    connect_timeout: Duration,
    request_timeout: Duration,
    retry: RetryPolicy,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: waypoint_config::DEFAULT_API_BASE.into(),
            api_key: None,
            connect_timeout: CONNECT_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
        }
    }
}

impl ClientBuilder {
    /// A missing trailing slash is added, so relative paths join under it.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }
    pub fn api_key(mut self, key: SecretString) -> Self {
        self.api_key = Some(key);
        self
    }
    pub fn maybe_api_key(mut self, key: Option<SecretString>) -> Self {
        self.api_key = key;
        self
    }
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }
    /// Whole request, body included.
    pub fn request_timeout(mut self, d: Duration) -> Self {
        self.request_timeout = d;
        self
    }
    pub fn retry_policy(mut self, p: RetryPolicy) -> Self {
        self.retry = p;
        self
    }

    pub fn build(self) -> Result<Client> {
        let mut raw = self.base_url.trim().to_string();
        if !raw.ends_with('/') {
            raw.push('/');
        }
        let base = Url::parse(&raw)
            .map_err(|e| Error::Config(format!("base URL {raw:?} is not a URL: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "base URL {raw:?} must be an http(s) URL"
            )));
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            // Both root sets: a school filter's root lives only in the OS store.
            .tls_built_in_webpki_certs(true)
            .tls_built_in_native_certs(true)
            // A followed redirect would carry X-API-Key to wherever it points. O*NET does not
            // redirect its API, so a 30x is answered as a bad response and never followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                key: self.api_key,
                retry: self.retry,
                connect_timeout: self.connect_timeout,
                request_timeout: self.request_timeout,
            }),
        })
    }
}

impl Client {
    /// GET with retries; returns the body of a 2xx JSON response.
    pub(crate) async fn get_bytes(&self, url: Url, resource: &str) -> Result<bytes::Bytes> {
        let key = self.inner.key.as_ref().ok_or(Error::MissingKey)?;
        let policy = &self.inner.retry;
        let mut attempt = 0u32;
        loop {
            let err = match self.send_once(url.clone(), resource, key).await {
                Ok(b) => return Ok(b),
                Err(e) => e,
            };
            let wait = match &err {
                Error::RateLimited {
                    retry_after: Some(s),
                } => {
                    let d = Duration::from_secs(*s);
                    if d > policy.max_retry_after {
                        return Err(err);
                    }
                    d
                }
                Error::RateLimited { retry_after: None }
                | Error::Server { .. }
                | Error::Timeout { .. }
                | Error::Interrupted { .. } => policy.backoff(attempt),
                // 401/404/422, bad bodies and "cannot connect" are not helped by
                // asking again right away.
                _ => return Err(err),
            };
            if attempt >= policy.max_retries {
                return Err(err);
            }
            tracing::debug!(
                resource,
                attempt,
                ?wait,
                code = %err.code(),
                "retrying O*NET request"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send_once(
        &self,
        url: Url,
        resource: &str,
        key: &SecretString,
    ) -> Result<bytes::Bytes> {
        let mut key_header = HeaderValue::from_str(key.expose_secret()).map_err(|_| {
            Error::Config("the API key contains characters not allowed in a header".into())
        })?;
        key_header.set_sensitive(true);
        let resp = self
            .inner
            .http
            .get(url)
            .header("X-API-Key", key_header)
            .send()
            .await
            .map_err(|e| transport_error(e, resource))?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Statuses that need no body are answered without waiting for one.
        match status {
            401 | 403 => return Err(Error::Unauthorized { status }),
            404 => {
                return Err(Error::NotFound {
                    resource: resource.into(),
                })
            }
            429 => return Err(Error::RateLimited { retry_after }),
            500..=599 => {
                return Err(Error::Server {
                    status,
                    resource: resource.into(),
                })
            }
            _ => {}
        }
        let body = self.read_capped(resp, resource).await?;
        match status {
            200..=299 => {
                if let Some(ct) =
                    content_type.filter(|ct| !ct.to_ascii_lowercase().contains("json"))
                {
                    return Err(self.bad_response(
                        resource,
                        format!("expected JSON, got {ct}"),
                        &body,
                    ));
                }
                Ok(body)
            }
            422 => {
                #[derive(serde::Deserialize)]
                struct ApiErr {
                    error: String,
                }
                let message = match serde_json::from_slice::<ApiErr>(&body) {
                    Ok(e) => self.scrub(&e.error),
                    Err(_) => self.snippet(&body),
                };
                Err(Error::InvalidParameter { message })
            }
            other => {
                Err(self.bad_response(resource, format!("unexpected HTTP status {other}"), &body))
            }
        }
    }

    /// The body, read chunk by chunk with a running count: Content-Length is not trusted,
    /// and a chunked body has none.
    async fn read_capped(
        &self,
        mut resp: reqwest::Response,
        resource: &str,
    ) -> Result<bytes::Bytes> {
        let cap = MAX_BODY_BYTES;
        let too_big = |first: &[u8]| {
            self.bad_response(
                resource,
                format!("response body larger than {} MiB", cap / (1024 * 1024)),
                first,
            )
        };
        if resp.content_length().is_some_and(|n| n > cap as u64) {
            return Err(too_big(&[]));
        }
        let mut buf = bytes::BytesMut::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| transport_error(e, resource))?
        {
            if buf.len() + chunk.len() > cap {
                return Err(too_big(&buf[..buf.len().min(512)]));
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(buf.freeze())
    }

    /// First 160 characters of a body, with the key scrubbed in case a proxy or server echoed
    /// it. Scrubbed before the cut, so a key that straddles it cannot leave a prefix behind.
    fn snippet(&self, body: &[u8]) -> String {
        self.scrub(&String::from_utf8_lossy(body))
            .chars()
            .take(160)
            .collect()
    }

    /// `text` with every copy of the key replaced.
    fn scrub(&self, text: &str) -> String {
        match &self.inner.key {
            Some(k) if !k.expose_secret().is_empty() => {
                text.replace(k.expose_secret(), "[redacted]")
            }
            _ => text.to_string(),
        }
    }

    pub(crate) fn bad_response(&self, resource: &str, detail: String, body: &[u8]) -> Error {
        Error::BadResponse {
            resource: resource.into(),
            detail: self.scrub(&detail),
            snippet: self.snippet(body),
        }
    }

    pub(crate) fn decode<T: DeserializeOwned>(&self, resource: &str, body: &[u8]) -> Result<T> {
        serde_json::from_slice(body).map_err(|e| self.bad_response(resource, e.to_string(), body))
    }

    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
    ) -> Result<T> {
        let url = self.url(path, query)?;
        let body = self.get_bytes(url, path).await?;
        self.decode(path, &body)
    }

    /// A list resource: a bare array per the contract, but a 1.9-style wrapper
    /// object holding one array is accepted too.
    pub(crate) async fn get_list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
    ) -> Result<Vec<T>> {
        self.get_list_as(path, query).await
    }

    /// [`Client::get_list`] decoded as any list type `L`.
    pub(crate) async fn get_list_as<L: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
    ) -> Result<L> {
        let url = self.url(path, query)?;
        let body = self.get_bytes(url, path).await?;
        self.list_from_body(path, &body)
    }

    /// The decoding half of [`Client::get_list_as`].
    pub(crate) fn list_from_body<L: DeserializeOwned>(&self, path: &str, body: &[u8]) -> Result<L> {
        let value: Value = self.decode(path, body)?;
        let list = match value {
            Value::Array(_) => value,
            Value::Object(mut m) => {
                let key = m.iter().find(|(_, v)| v.is_array()).map(|(k, _)| k.clone());
                match key.and_then(|k| m.remove(&k)) {
                    Some(v) => v,
                    None => return Err(self.bad_response(path, "expected a list".into(), body)),
                }
            }
            _ => return Err(self.bad_response(path, "expected a list".into(), body)),
        };
        serde_json::from_value(list).map_err(|e| self.bad_response(path, e.to_string(), body))
    }
}

/// Classifies reqwest's errors without its URL-laden Display.
fn transport_error(e: reqwest::Error, resource: &str) -> Error {
    if e.is_timeout() {
        return Error::Timeout {
            resource: resource.into(),
        };
    }
    let detail = root_cause(&e);
    if is_certificate_error(&e) {
        Error::Certificate { detail }
    } else if e.is_connect() {
        Error::Offline { detail }
    } else {
        Error::Interrupted {
            resource: resource.into(),
            detail,
        }
    }
}

/// A refused server certificate anywhere in the chain. `io::Error::source()` skips the
/// error it wraps, so an `io::Error` is looked into with `get_ref()` as well.
fn is_certificate_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            // Our check of the server's certificate; alerts from the server are about
            // client certificates, which this client never sends.
            return matches!(tls, rustls::Error::InvalidCertificate(_));
        }
        let inner = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|i| i as &(dyn std::error::Error + 'static));
        cur = inner.or_else(|| err.source());
    }
    // Not a rustls error we can see (another TLS stack or a wrapper that hides it).
    root_cause(e).to_ascii_lowercase().contains("certificate")
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    let s = cur.to_string();
    s.chars().take(200).collect()
}
