//! The rule every online use case follows, written once: ask O*NET when a key is set, else
//! (or when O*NET fails) the cache, else the use case's own fallback (bundled questions, the
//! offline estimate, "not available offline").

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;
use time::OffsetDateTime;
use waypoint_onet::{self as onet, Client};
use waypoint_store::CacheKey;

use crate::{rfc3339, Result, Services};

/// An answer that can be cached and says where it came from.
pub(crate) trait Cacheable: Serialize + DeserializeOwned {
    /// Marks an answer read back from the cache, first fetched at `fetched_at` (RFC 3339).
    fn mark_cached(&mut self, fetched_at: String);

    /// A cached entry that no longer decodes. A miss by default, as the use case has a
    /// fallback of its own; an answer with nothing behind the cache reports it instead.
    fn damaged(_e: serde_json::Error) -> Result<Option<Self>> {
        Ok(None)
    }
}

/// What [`Services::onet_or_cache`] found.
pub(crate) enum Found<T> {
    /// O*NET's answer; the caller files it in the cache (careers together with the snapshot).
    Api(T),
    /// No key, or O*NET failed with `failure`: the cached copy, if there is one.
    Fallback {
        cached: Option<T>,
        failure: Option<onet::Error>,
    },
}

impl Services {
    /// Asks O*NET through `ask` when a key is set. `ask` answers `Err` for what no cache can
    /// fix (bad input, a page past the end), returned as is, and `Ok(Err(_))` for a failure
    /// to fall back from: it is logged as "`what` from O*NET failed" and the cache under
    /// `key` is read instead.
    pub(crate) async fn onet_or_cache<T, F, Fut>(
        &self,
        what: &str,
        key: &CacheKey,
        ask: F,
    ) -> Result<Found<T>>
    where
        T: Cacheable,
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<std::result::Result<T, onet::Error>>>,
    {
        let mut failure = None;
        if let Some(client) = self.client() {
            match ask(client).await? {
                Ok(answer) => return Ok(Found::Api(answer)),
                Err(e) => {
                    tracing::warn!(code = %e.code(), "{what} from O*NET failed: {e}");
                    failure = Some(e);
                }
            }
        }
        let cached = match self.store.cache_get(key)? {
            Some(hit) => match serde_json::from_value::<T>(hit.body) {
                Ok(mut answer) => {
                    answer.mark_cached(rfc3339(hit.fetched_at));
                    Some(answer)
                }
                Err(e) => T::damaged(e)?,
            },
            None => None,
        };
        Ok(Found::Fallback { cached, failure })
    }

    /// Files O*NET's answer under `key` now, tagged with the database release.
    pub(crate) fn cache_answer<T: Serialize>(&self, key: &CacheKey, answer: &T) -> Result<()> {
        let body = serde_json::to_value(answer).expect("answers serialise");
        Ok(self.store.cache_put(
            key,
            &body,
            self.release().as_deref(),
            OffsetDateTime::now_utc(),
        )?)
    }
}
