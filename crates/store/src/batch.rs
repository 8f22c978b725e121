//! Several writes filed with one commit. Under `synchronous=FULL` every commit waits for an
//! fsync, whose cost is the disk's (0.4 ms on the build VM, many ms on a slow HDD or SD card),
//! so the careers pages fetched together after a result are cached and put in its snapshot
//! in one transaction, not two each.

use time::OffsetDateTime;

use crate::cache::{put_row, CacheKey};
use crate::error::Result;
use crate::model::CareerTab;
use crate::timefmt::to_text;
use crate::updates::put_tab;
use crate::Store;

/// Writes collected now and committed together by [`Store::write_batch`]: all or none.
#[derive(Debug, Default)]
pub struct Batch {
    cache: Vec<(CacheKey, String, Option<String>, String)>,
    tabs: Vec<(String, CareerTab)>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// As [`Store::cache_put`].
    pub fn cache_put(
        &mut self,
        key: CacheKey,
        body: &serde_json::Value,
        release: Option<&str>,
        fetched_at: OffsetDateTime,
    ) -> Result<()> {
        self.cache.push((
            key,
            serde_json::to_string(body)?,
            release.map(str::to_owned),
            to_text(fetched_at)?,
        ));
        Ok(())
    }

    /// As [`Store::put_session_careers`].
    pub fn put_session_careers(&mut self, id: &str, tab: CareerTab) {
        self.tabs.push((id.to_owned(), tab));
    }

    pub fn is_empty(&self) -> bool {
        self.cache.is_empty() && self.tabs.is_empty()
    }
}

impl Store {
    /// Commits every write in `batch` in one transaction, in the order they were added.
    pub fn write_batch(&self, batch: &Batch) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for (key, body, release, fetched) in &batch.cache {
                put_row(tx, key, body, release.as_deref(), fetched)?;
            }
            for (id, tab) in &batch.tabs {
                put_tab(tx, id, tab)?;
            }
            if !batch.cache.is_empty() {
                crate::cache::evict_to(tx, self.opts.cache_max_bytes)?;
            }
            Ok(())
        })
    }
}
