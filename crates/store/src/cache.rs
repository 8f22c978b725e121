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
    /// `resource` is the short name the caller files the entry under, not an O*NET URL path
    /// (the services use `questions`, `questions_30`, `careers` and `report`); `params` are
    /// what tells entries apart, in any order. Hosts, queries and credentials are refused.
    pub fn new(resource: &str, params: &[(&str, &str)], lang: Lang) -> Result<CacheKey> {
        let resource = resource.trim().trim_matches('/');
        if resource.is_empty()
            || resource.contains(['?', '#', '@'])
            || resource.contains("://")
            || resource.chars().any(char::is_whitespace)
        {
            return Err(StoreError::InvalidInput(format!(
                "cache resource {resource:?} must be a bare name (no host, query or credentials)"
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
        self.write(|tx| {
            put_row(tx, key, &body, release, &fetched)?;
            evict_to(tx, self.opts.cache_max_bytes)
        })
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
        if !key.personal {
            // Bookkeeping for eviction only, so a failure must not lose the hit. Kept in a
            // connection-local temp table: a read never writes the database file, and the
            // next cache write folds the order in (personal entries are never evicted, so
            // their keys, which hold answers, are never recorded).
            let _ = self.read(|c| {
                c.execute_batch(TOUCH_TABLE)?;
                c.prepare_cached(
                    "INSERT OR REPLACE INTO temp.cache_touch (resource, params, lang, seq)
                     VALUES (?1, ?2, ?3, (SELECT max(
                         (SELECT coalesce(max(last_used), 0) FROM main.cache),
                         (SELECT coalesce(max(seq), 0) FROM temp.cache_touch)) + 1))",
                )?
                .execute(params![key.resource, key.params, key.lang.code()])?;
                Ok(())
            });
        }
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

/// Reads recorded since the last cache write, see [`Store::cache_get`].
const TOUCH_TABLE: &str = "CREATE TEMP TABLE IF NOT EXISTS cache_touch (
    resource TEXT NOT NULL, params TEXT NOT NULL, lang TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (resource, params, lang))";

/// Moves the reads recorded in the temp table into `last_used`.
fn fold_touches(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(TOUCH_TABLE)?;
    tx.execute_batch(
        "UPDATE main.cache SET last_used = t.seq FROM temp.cache_touch AS t
         WHERE main.cache.resource = t.resource AND main.cache.params = t.params
           AND main.cache.lang = t.lang AND t.seq > main.cache.last_used;
         DELETE FROM temp.cache_touch;",
    )?;
    Ok(())
}

/// One cache row written inside a caller's transaction (also used by [`crate::Batch`]).
pub(crate) fn put_row(
    tx: &Transaction<'_>,
    key: &CacheKey,
    body: &str,
    release: Option<&str>,
    fetched: &str,
) -> Result<()> {
    fold_touches(tx)?;
    tx.prepare_cached(
        "INSERT INTO cache (resource, params, lang, body, fetched_at, release, personal, last_used,
             size)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(last_used), 0) + 1 FROM main.cache),
             length(CAST(?4 AS BLOB)))
         ON CONFLICT (resource, params, lang) DO UPDATE SET
            body = excluded.body, fetched_at = excluded.fetched_at,
            release = excluded.release, personal = excluded.personal,
            last_used = excluded.last_used, size = excluded.size",
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

/// Drops the least recently used non-personal entries until the bodies of all entries
/// take at most `max_bytes` (or no non-personal entry is left).
pub(crate) fn evict_to(tx: &Transaction<'_>, max_bytes: u64) -> Result<()> {
    let max = i64::try_from(max_bytes).unwrap_or(i64::MAX);
    tx.prepare_cached(
        "WITH excess AS (
             SELECT coalesce(sum(size), 0) - ?1 AS n FROM cache
         )
         DELETE FROM cache
         WHERE personal = 0 AND (SELECT n FROM excess) > 0
           AND (resource, params, lang) IN (
             SELECT resource, params, lang FROM (
                 SELECT resource, params, lang, size,
                        sum(size) OVER (
                            ORDER BY last_used, resource, params, lang
                            ROWS UNBOUNDED PRECEDING) AS running
                 FROM cache WHERE personal = 0)
             WHERE running - size < (SELECT n FROM excess))",
    )?
    .execute([max])?;
    Ok(())
}
