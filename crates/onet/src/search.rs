//! Keyword search over careers: `mnm/search` (English) and `mpp/search` (Spanish).
//!
//! The contract reads the shape from the `mpp/` and `veterans/` definitions (a paged list of
//! careers under `career`) and assumes `mnm/` is the same; see `shared/onet-api-v2.md` §4.

use crate::client::{path_prefix, Client};
use crate::error::Result;
use crate::types::{CareerRef, Lang, Page};
use crate::validate::{self, Range};

impl Client {
    /// One page of careers whose titles or "also called" titles match `keyword`. The
    /// keyword is trimmed and checked ([`validate::keyword`]) before anything is sent.
    pub async fn search(&self, lang: Lang, keyword: &str, range: Range) -> Result<Page<CareerRef>> {
        let keyword = validate::keyword(keyword)?;
        let range = range.check()?;
        let path = format!("{}/search", path_prefix(lang));
        let query = vec![("keyword".to_string(), keyword.to_string())];
        Ok(self.page(&path, query, range, "career").await?.0)
    }
}
