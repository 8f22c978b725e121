use crate::error::{Error, Result};
use crate::types::*;
use crate::validate::{self, Range, Scores};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// My Next Move (`mnm/`, English) or Mi Próximo Paso (`mpp/`, Spanish).
pub(crate) fn path_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "mnm",
        Lang::Es => "mpp",
    }
}

/// How long to wait for a connection, and for a whole response.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const USER_AGENT: &str = concat!("Waypoint/", env!("CARGO_PKG_VERSION"));
/// Rows asked for per page when collecting everything; the most the API is
/// reported to serve in one page.
pub const COLLECT_PAGE_SIZE: u32 = 2000;
/// Largest response body read, error bodies included. The biggest real answer (a full
/// Database Services page of 2000 rows) is a few MiB; a hostile or broken server could
/// otherwise stream until memory runs out.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Most pages one collection follows, whatever `total` claims: 100 pages of
/// [`COLLECT_PAGE_SIZE`] rows is far more than any O*NET list holds.
pub const MAX_COLLECT_PAGES: u32 = 100;

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

struct Inner {
    http: reqwest::Client,
    base: Url,
    key: Option<SecretString>,
    retry: RetryPolicy,
    connect_timeout: Duration,
    request_timeout: Duration,
}

/// O*NET Web Services v2 client. Cheap to clone (shared connection pool);
/// `Send + Sync`, usable from many tasks at once.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field(
                "api_key",
                &if self.inner.key.is_some() {
                    "[redacted]"
                } else {
                    "none"
                },
            )
            .field("connect_timeout", &self.inner.connect_timeout)
            .field("request_timeout", &self.inner.request_timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

/// How careers are matched: the answers string or the six area scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CareerMatch {
    Answers(String),
    Scores(Scores),
}

/// Which Interest Profiler form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// 60-question Short Form (`questions`).
    #[default]
    Short,
    /// 30-question Mini-IP (`questions_30`).
    Mini,
}

/// Filter and sort for Database Services rows. Strings follow the contract:
/// filters `column.[n]op.value` (or `column.na` / `column.nna`), sorts
/// `column[.descending]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsQuery {
    pub filter: Vec<String>,
    pub sort: Vec<String>,
}

impl RowsQuery {
    pub fn filter(mut self, f: impl Into<String>) -> Self {
        self.filter.push(f.into());
        self
    }
    pub fn sort(mut self, s: impl Into<String>) -> Self {
        self.sort.push(s.into());
        self
    }
}

type Query = Vec<(String, String)>;

fn q(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    // ---------------------------------------------------------------- core

    fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url> {
        let mut url = self
            .inner
            .base
            .join(path)
            .map_err(|e| Error::Config(format!("bad path {path:?}: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// GET with retries; returns the body of a 2xx JSON response.
    async fn get_bytes(&self, url: Url, resource: &str) -> Result<bytes::Bytes> {
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

    fn bad_response(&self, resource: &str, detail: String, body: &[u8]) -> Error {
        Error::BadResponse {
            resource: resource.into(),
            detail,
            snippet: self.snippet(body),
        }
    }

    fn decode<T: DeserializeOwned>(&self, resource: &str, body: &[u8]) -> Result<T> {
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
        let url = self.url(path, query)?;
        let body = self.get_bytes(url, path).await?;
        let value: Value = self.decode(path, &body)?;
        let list = match value {
            Value::Array(_) => value,
            Value::Object(mut m) => {
                let key = m.iter().find(|(_, v)| v.is_array()).map(|(k, _)| k.clone());
                match key.and_then(|k| m.remove(&k)) {
                    Some(v) => v,
                    None => return Err(self.bad_response(path, "expected a list".into(), &body)),
                }
            }
            _ => return Err(self.bad_response(path, "expected a list".into(), &body)),
        };
        serde_json::from_value(list).map_err(|e| self.bad_response(path, e.to_string(), &body))
    }

    /// One page; returns the page and the other top-level fields.
    pub(crate) async fn page_at<T: DeserializeOwned>(
        &self,
        url: Url,
        resource: &str,
        list_key: &str,
    ) -> Result<(Page<T>, Map<String, Value>)> {
        let body = self.get_bytes(url, resource).await?;
        let value: Value = self.decode(resource, &body)?;
        let bad = |d: &str| self.bad_response(resource, d.to_string(), &body);
        match value {
            // Tolerated: a page that came back as a bare array is one full page.
            Value::Array(items) => {
                let n = items.len() as u32;
                let rows =
                    serde_json::from_value(Value::Array(items)).map_err(|e| bad(&e.to_string()))?;
                Ok((
                    Page {
                        start: 1,
                        end: n,
                        total: n,
                        prev: None,
                        next: None,
                        rows,
                    },
                    Map::new(),
                ))
            }
            Value::Object(mut m) => {
                let num = |m: &Map<String, Value>, k: &str| -> Result<u32> {
                    m.get(k)
                        .and_then(Value::as_u64)
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| bad(&format!("missing or invalid \"{k}\"")))
                };
                let (start, end, total) = (num(&m, "start")?, num(&m, "end")?, num(&m, "total")?);
                let link = |m: &mut Map<String, Value>, k: &str| match m.remove(k) {
                    Some(Value::String(s)) => Some(s),
                    _ => None,
                };
                let prev = link(&mut m, "prev");
                let next = link(&mut m, "next");
                let rows = match m.remove(list_key) {
                    Some(v) => serde_json::from_value(v).map_err(|e| bad(&e.to_string()))?,
                    None => return Err(bad(&format!("missing \"{list_key}\" list"))),
                };
                for k in ["start", "end", "total"] {
                    m.remove(k);
                }
                Ok((
                    Page {
                        start,
                        end,
                        total,
                        prev,
                        next,
                        rows,
                    },
                    m,
                ))
            }
            _ => Err(bad("expected a paged object")),
        }
    }

    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        mut query: Query,
        range: Range,
        list_key: &str,
    ) -> Result<(Page<T>, Map<String, Value>)> {
        let range = range.check()?;
        query.push(q("start", range.start));
        query.push(q("end", range.end));
        let url = self.url(path, &query)?;
        self.page_at(url, path, list_key).await
    }

    /// Collects every row. Never trusts that the requested `end` was honoured:
    /// follows `next` (only on the configured host, so the key never leaves
    /// it) or steps on from the returned `end`, until `end >= total`; a page
    /// that skips, repeats or adds nothing is an error, not a loop.
    pub(crate) async fn collect<T: DeserializeOwned>(
        &self,
        path: &str,
        query: Query,
        list_key: &str,
        page_size: u32,
    ) -> Result<(Vec<T>, u32, Map<String, Value>)> {
        let mut rows: Vec<T> = Vec::new();
        let mut expected_start = 1u32;
        let mut next_url: Option<Url> = None;
        let mut first_extra = None;
        let mut pages = 0u32;
        let mut limit = u32::MAX;
        loop {
            let url = match next_url.take() {
                Some(u) => u,
                None => {
                    let mut qy = query.clone();
                    qy.push(q("start", expected_start));
                    qy.push(q("end", expected_start.saturating_add(page_size - 1)));
                    self.url(path, &qy)?
                }
            };
            let (page, extra): (Page<T>, _) = self.page_at(url, path, list_key).await?;
            pages += 1;
            let bad = |d: String| Error::BadResponse {
                resource: path.into(),
                detail: d,
                snippet: String::new(),
            };
            if first_extra.is_none() {
                first_extra = Some(extra);
                // Every page must add a row, so this many pages is always enough.
                limit = page.total.saturating_add(1).min(MAX_COLLECT_PAGES);
            }
            if page.total == 0 && page.rows.is_empty() {
                break;
            }
            if page.start != expected_start {
                return Err(bad(format!(
                    "asked for rows from {expected_start}, got a page starting at {}",
                    page.start
                )));
            }
            let count = page.rows.len() as u32;
            if page.end < page.start || page.end - page.start + 1 != count {
                if page.end < page.total || count == 0 {
                    return Err(bad(format!(
                        "page {}..{} of {} carried {count} rows; paging made no progress",
                        page.start, page.end, page.total
                    )));
                }
                return Err(bad(format!(
                    "page {}..{} carried {count} rows",
                    page.start, page.end
                )));
            }
            rows.extend(page.rows);
            if page.end >= page.total {
                break;
            }
            if pages >= limit {
                return Err(bad(format!("paging did not finish after {pages} pages")));
            }
            expected_start = page.end + 1;
            next_url = page.next.as_deref().and_then(|n| self.same_origin(n));
        }
        let total = rows.len() as u32;
        Ok((rows, total, first_extra.unwrap_or_default()))
    }

    fn same_origin(&self, link: &str) -> Option<Url> {
        let u = Url::parse(link).ok()?;
        let b = &self.inner.base;
        (u.scheme() == b.scheme()
            && u.host_str() == b.host_str()
            && u.port_or_known_default() == b.port_or_known_default()
            && u.path().starts_with(b.path()))
        .then_some(u)
    }

    // ----------------------------------------------------------- resources

    /// `GET about/`
    pub async fn about(&self) -> Result<About> {
        self.get_json("about/", &[]).await
    }

    fn questions_path(lang: Lang, form: Form) -> String {
        let name = match form {
            Form::Short => "questions",
            Form::Mini => "questions_30",
        };
        format!("{}/interestprofiler/{name}", path_prefix(lang))
    }

    /// One page of `…/interestprofiler/questions` or `questions_30`.
    pub async fn questions(&self, lang: Lang, form: Form, range: Range) -> Result<QuestionPage> {
        let path = Self::questions_path(lang, form);
        let (page, mut extra) = self.page(&path, Vec::new(), range, "question").await?;
        let answer_option = take_answer_options(&mut extra, &path)?;
        Ok(QuestionPage {
            answer_option,
            page,
        })
    }

    /// Every question of the form, all pages collected.
    pub async fn questions_all(&self, lang: Lang, form: Form) -> Result<Questionnaire> {
        let path = Self::questions_path(lang, form);
        let (question, _, mut extra) = self.collect(&path, Vec::new(), "question", 60).await?;
        let answer_option = take_answer_options(&mut extra, &path)?;
        Ok(Questionnaire {
            answer_option,
            question,
        })
    }

    /// `…/interestprofiler/results?answers=`
    pub async fn results(&self, lang: Lang, answers: &str) -> Result<Results> {
        validate::answers(answers)?;
        let path = format!("{}/interestprofiler/results", path_prefix(lang));
        self.get_json(&path, &[q("answers", answers)]).await
    }

    /// `…/interestprofiler/job_zones` (bare array).
    pub async fn job_zones(&self, lang: Lang) -> Result<Vec<JobZone>> {
        self.get_list(
            &format!("{}/interestprofiler/job_zones", path_prefix(lang)),
            &[],
        )
        .await
    }

    fn careers_query(by: &CareerMatch, zone: Option<u8>) -> Result<Query> {
        let mut query = Vec::new();
        match by {
            CareerMatch::Answers(a) => {
                validate::answers(a)?;
                query.push(q("answers", a));
            }
            CareerMatch::Scores(s) => {
                for (area, v) in Area::ALL.iter().zip(s.0) {
                    query.push(q(area.as_str(), v));
                }
            }
        }
        if let Some(z) = validate::zone(zone.map(i64::from))? {
            query.push(q("zone", z));
        }
        Ok(query)
    }

    /// One page of `…/interestprofiler/careers`.
    pub async fn careers(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
        range: Range,
    ) -> Result<Page<CareerRef>> {
        let query = Self::careers_query(by, zone)?;
        let range = range.check()?;
        let path = format!("{}/interestprofiler/careers", path_prefix(lang));
        Ok(self.page(&path, query, range, "career").await?.0)
    }

    /// Every matching career, in the API's order.
    pub async fn careers_all(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
    ) -> Result<Vec<CareerRef>> {
        let query = Self::careers_query(by, zone)?;
        let path = format!("{}/interestprofiler/careers", path_prefix(lang));
        Ok(self
            .collect(&path, query, "career", COLLECT_PAGE_SIZE)
            .await?
            .0)
    }

    /// `…/interestprofiler/interests/` (bare array).
    pub async fn interests(&self, lang: Lang) -> Result<Vec<Interest>> {
        self.get_list(
            &format!("{}/interestprofiler/interests/", path_prefix(lang)),
            &[],
        )
        .await
    }

    /// One page of `…/interestprofiler/interests/{area}`.
    pub async fn interest_careers(
        &self,
        lang: Lang,
        area: Area,
        zone: Option<u8>,
        range: Range,
    ) -> Result<Page<CareerRef>> {
        let mut query = Vec::new();
        if let Some(z) = validate::zone(zone.map(i64::from))? {
            query.push(q("zone", z));
        }
        let path = format!(
            "{}/interestprofiler/interests/{}",
            path_prefix(lang),
            area.as_str()
        );
        Ok(self.page(&path, query, range, "career").await?.0)
    }

    /// One page of `…/careers/` (every career, no matching).
    pub async fn career_list(&self, lang: Lang, range: Range) -> Result<Page<CareerRef>> {
        let path = format!("{}/careers/", path_prefix(lang));
        Ok(self.page(&path, Vec::new(), range, "career").await?.0)
    }

    fn report_path(lang: Lang, code: &str, section: Option<Section>) -> Result<String> {
        validate::career_code(code)?;
        Ok(match section {
            None => format!("{}/careers/{code}/", path_prefix(lang)),
            Some(s) => format!("{}/careers/{code}/{}", path_prefix(lang), s.as_str()),
        })
    }

    /// `…/careers/{code}/` (note the trailing slash).
    pub async fn career_overview(&self, lang: Lang, code: &str) -> Result<CareerOverview> {
        self.get_json(&Self::report_path(lang, code, None)?, &[])
            .await
    }

    pub async fn knowledge(&self, lang: Lang, code: &str) -> Result<Vec<ElementGroup>> {
        self.get_list(
            &Self::report_path(lang, code, Some(Section::Knowledge))?,
            &[],
        )
        .await
    }

    pub async fn skills(&self, lang: Lang, code: &str) -> Result<Vec<ElementGroup>> {
        self.get_list(&Self::report_path(lang, code, Some(Section::Skills))?, &[])
            .await
    }

    pub async fn abilities(&self, lang: Lang, code: &str) -> Result<Vec<ElementGroup>> {
        self.get_list(
            &Self::report_path(lang, code, Some(Section::Abilities))?,
            &[],
        )
        .await
    }

    pub async fn personality(&self, lang: Lang, code: &str) -> Result<Personality> {
        self.get_json(
            &Self::report_path(lang, code, Some(Section::Personality))?,
            &[],
        )
        .await
    }

    pub async fn technology(&self, lang: Lang, code: &str) -> Result<Vec<Technology>> {
        self.get_list(
            &Self::report_path(lang, code, Some(Section::Technology))?,
            &[],
        )
        .await
    }

    pub async fn education(&self, lang: Lang, code: &str) -> Result<Education> {
        self.get_json(
            &Self::report_path(lang, code, Some(Section::Education))?,
            &[],
        )
        .await
    }

    pub async fn job_outlook(&self, lang: Lang, code: &str) -> Result<JobOutlook> {
        self.get_json(
            &Self::report_path(lang, code, Some(Section::JobOutlook))?,
            &[],
        )
        .await
    }

    pub async fn check_out_my_state(
        &self,
        lang: Lang,
        code: &str,
        sort: StateSort,
    ) -> Result<Vec<StateOutlook>> {
        let path = Self::report_path(lang, code, Some(Section::CheckOutMyState))?;
        let sort = match sort {
            StateSort::Name => "name",
            StateSort::JobOutlook => "job_outlook",
        };
        self.get_list(&path, &[q("sort", sort)]).await
    }

    pub async fn explore_more(&self, lang: Lang, code: &str) -> Result<ExploreMore> {
        self.get_json(
            &Self::report_path(lang, code, Some(Section::ExploreMore))?,
            &[],
        )
        .await
    }

    /// Any section chosen at run time.
    pub async fn career_section(
        &self,
        lang: Lang,
        code: &str,
        section: Section,
    ) -> Result<SectionData> {
        Ok(match section {
            Section::Knowledge => SectionData::Elements(self.knowledge(lang, code).await?),
            Section::Skills => SectionData::Elements(self.skills(lang, code).await?),
            Section::Abilities => SectionData::Elements(self.abilities(lang, code).await?),
            Section::Personality => SectionData::Personality(self.personality(lang, code).await?),
            Section::Technology => SectionData::Technology(self.technology(lang, code).await?),
            Section::Education => SectionData::Education(self.education(lang, code).await?),
            Section::JobOutlook => SectionData::JobOutlook(self.job_outlook(lang, code).await?),
            Section::CheckOutMyState => {
                SectionData::States(self.check_out_my_state(lang, code, StateSort::Name).await?)
            }
            Section::ExploreMore => SectionData::ExploreMore(self.explore_more(lang, code).await?),
        })
    }

    // --------------------------------------------------- Database Services

    /// `GET database/` (bare array).
    pub async fn database_tables(&self) -> Result<Vec<TableSummary>> {
        self.get_list("database/", &[]).await
    }

    /// `GET database/info/{table_id}`
    pub async fn table_info(&self, table_id: &str) -> Result<TableInfo> {
        validate::table_id(table_id)?;
        self.get_json(&format!("database/info/{table_id}"), &[])
            .await
    }

    fn rows_query(table_id: &str, rq: &RowsQuery) -> Result<Query> {
        validate::table_id(table_id)?;
        let mut query = Vec::new();
        // Repeated parameters (`explode: true` in the contract).
        for f in &rq.filter {
            validate::filter(f)?;
            query.push(q("filter", f));
        }
        for s in &rq.sort {
            validate::sort(s)?;
            query.push(q("sort", s));
        }
        Ok(query)
    }

    /// One page of `database/rows/{table_id}`.
    pub async fn table_rows(
        &self,
        table_id: &str,
        rq: &RowsQuery,
        range: Range,
    ) -> Result<Page<Row>> {
        let query = Self::rows_query(table_id, rq)?;
        Ok(self
            .page(&format!("database/rows/{table_id}"), query, range, "row")
            .await?
            .0)
    }

    /// Every row matching the query, all pages collected.
    pub async fn table_rows_all(&self, table_id: &str, rq: &RowsQuery) -> Result<Vec<Row>> {
        let query = Self::rows_query(table_id, rq)?;
        Ok(self
            .collect(
                &format!("database/rows/{table_id}"),
                query,
                "row",
                COLLECT_PAGE_SIZE,
            )
            .await?
            .0)
    }
}

fn take_answer_options(extra: &mut Map<String, Value>, path: &str) -> Result<Vec<AnswerOption>> {
    match extra.remove("answer_option") {
        Some(v) => serde_json::from_value(v).map_err(|e| Error::BadResponse {
            resource: path.into(),
            detail: format!("answer_option: {e}"),
            snippet: String::new(),
        }),
        None => Err(Error::BadResponse {
            resource: path.into(),
            detail: "missing \"answer_option\"".into(),
            snippet: String::new(),
        }),
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
