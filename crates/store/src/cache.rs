use std::time::Duration;

use rusqlite::{params, OptionalExtension, Transaction};
use time::OffsetDateTime;

use crate::error::{Result, StoreError};
use crate::model::CachedEntry;
use crate::timefmt::{from_text, to_text};
use crate::Store;
use waypoint_profiler::Lang;

/// Parameter names that can never be part of a cache key: the API key (or any
/// credential) lives only in the OS keychain and must not reach this file.
const SECRET_PARAMS: &[&str] = &[
    "key",
    "api_key",
    "apikey",
    "api-key",
    "x-api-key",
    "client",
    "password",
    "passwd",
    "secret",
    "token",
    "auth",
    "authorization",
];

/// Parameters whose value describes a person (their answers); entries keyed by
/// them are personal and go with "forget everything".
const PERSONAL_PARAMS: &[&str] = &["answers", "answer"];

/// Identifies one cached O*NET resource. Build it with [`CacheKey::new`], which
/// canonicalizes the parameters so the same request always hits the same row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey {
    resource: String,
    params: String,
    lang: Lang,
    personal: bool,
}

impl CacheKey {
    /// `resource` is the service path (e.g. `mnm/interestprofiler/questions`),
    /// `params` the query parameters in any order. Credentials are refused.
    pub fn new(resource: &str, params: &[(&str, &str)], lang: Lang) -> Result<CacheKey> {
        let resource = resource.trim().trim_matches('/');
        if resource.is_empty()
            || resource.contains(['?', '#', '@'])
            || resource.contains("://")
            || resource.chars().any(char::is_whitespace)
        {
            return Err(StoreError::InvalidInput(format!(
                "cache resource {resource:?} must be a bare service path (no host, query or credentials)"
            )));
        }
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(params.len());
        let mut personal = false;
        for (k, v) in params {
            let lower = k.to_ascii_lowercase();
            if SECRET_PARAMS.contains(&lower.as_str()) {
                return Err(StoreError::InvalidInput(format!(
                    "cache key parameter {k:?} looks like a credential; credentials are never cached"
                )));
            }
            personal |= PERSONAL_PARAMS.contains(&lower.as_str());
            pairs.push((encode(k), encode(v)));
        }
        pairs.sort();
        let params = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        Ok(CacheKey {
            resource: resource.to_owned(),
            params,
            lang,
            personal,
        })
    }

    /// Mark the entry as describing a person even without an `answers`
    /// parameter, so "forget everything" removes it.
    pub fn personal(mut self) -> CacheKey {
        self.personal = true;
        self
    }

    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The canonical parameter string (sorted, percent-encoded).
    pub fn params(&self) -> &str {
        &self.params
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn is_personal(&self) -> bool {
        self.personal
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Store {
    /// Store (or replace) a cached response. `release` is the O*NET database
    /// release reported by `about/` when the data was fetched.
    pub fn cache_put(
        &self,
        key: &CacheKey,
        body: &serde_json::Value,
        release: Option<&str>,
        fetched_at: OffsetDateTime,
    ) -> Result<()> {
        let body = serde_json::to_string(body)?;
        let fetched = to_text(fetched_at)?;
        self.write(|tx| put_row(tx, key, &body, release, &fetched))
    }

    /// A cached response with its age, however old: offline, stale data beats
    /// none. `stale` says whether to refresh when the service is reachable.
    pub fn cache_get(&self, key: &CacheKey) -> Result<Option<CachedEntry>> {
        let row: Option<(String, String, Option<String>)> = self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT body, fetched_at, release FROM cache
                 WHERE resource = ?1 AND params = ?2 AND lang = ?3",
            )?
            .query_row(params![key.resource, key.params, key.lang.code()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?)
        })?;
        let Some((body, fetched, release)) = row else {
            return Ok(None);
        };
        let fetched_at = from_text(&fetched)?;
        let age = Duration::try_from(OffsetDateTime::now_utc() - fetched_at).unwrap_or_default();
        Ok(Some(CachedEntry {
            body: serde_json::from_str(&body)?,
            fetched_at,
            release,
            age,
            stale: age > self.opts.cache_max_age,
        }))
    }

    /// Drop one cached response.
    pub fn cache_remove(&self, key: &CacheKey) -> Result<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM cache WHERE resource = ?1 AND params = ?2 AND lang = ?3",
                params![key.resource, key.params, key.lang.code()],
            )? > 0)
        })
    }

    /// Drop every cached response not from `release` (after O*NET publishes a
    /// new database release). Returns how many were removed.
    pub fn cache_drop_other_releases(&self, release: &str) -> Result<u64> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM cache WHERE release IS NULL OR release <> ?1",
                [release],
            )? as u64)
        })
    }
}

/// One cache row written inside a caller's transaction (also used by [`crate::Batch`]).
pub(crate) fn put_row(
    tx: &Transaction<'_>,
    key: &CacheKey,
    body: &str,
    release: Option<&str>,
    fetched: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO cache (resource, params, lang, body, fetched_at, release, personal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (resource, params, lang) DO UPDATE SET
            body = excluded.body, fetched_at = excluded.fetched_at,
            release = excluded.release, personal = excluded.personal",
    )?
    .execute(params![
        key.resource,
        key.params,
        key.lang.code(),
        body,
        fetched,
        release,
        key.personal
    ])?;
    Ok(())
}
