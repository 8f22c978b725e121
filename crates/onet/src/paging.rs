//! Paged resources: one page read (with the rest of its top-level fields), one range asked
//! for, or every row collected without trusting the server to page as asked.

use crate::client::{q, Client, Query};
use crate::error::{Error, Result};
use crate::types::Page;
use crate::validate::Range;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use url::Url;

/// Rows asked for per page when collecting everything; the most the API is
/// reported to serve in one page.
pub const COLLECT_PAGE_SIZE: u32 = 2000;
/// Most pages one collection follows, whatever `total` claims: 100 pages of
/// [`COLLECT_PAGE_SIZE`] rows is far more than any O*NET list holds.
pub const MAX_COLLECT_PAGES: u32 = 100;

impl Client {
    /// One page; returns the page and the other top-level fields.
    pub(crate) async fn page_at<T: DeserializeOwned>(
        &self,
        url: Url,
        resource: &str,
        list_key: &str,
    ) -> Result<(Page<T>, Map<String, Value>)> {
        let body = self.get_bytes(url, resource).await?;
        self.page_from_body(resource, list_key, &body)
    }

    /// The decoding half of [`Client::page_at`].
    pub(crate) fn page_from_body<T: DeserializeOwned>(
        &self,
        resource: &str,
        list_key: &str,
        body: &[u8],
    ) -> Result<(Page<T>, Map<String, Value>)> {
        let value: Value = self.decode(resource, body)?;
        let bad = |d: &str| self.bad_response(resource, d.to_string(), body);
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
}
