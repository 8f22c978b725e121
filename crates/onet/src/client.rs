//! The client itself: what every resource module builds on (base URL, path joining, the
//! `mnm/`/`mpp/` prefix). How requests are sent is in `transport`, paging in `paging`, and
//! each group of resources in its own module.

use crate::error::{Error, Result};
use crate::transport::{ClientBuilder, RetryPolicy};
use crate::types::{About, Lang};
use secrecy::SecretString;
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

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: Url,
    pub(crate) key: Option<SecretString>,
    pub(crate) retry: RetryPolicy,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
}

/// O*NET Web Services v2 client. Cheap to clone (shared connection pool);
/// `Send + Sync`, usable from many tasks at once.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
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

pub(crate) type Query = Vec<(String, String)>;

pub(crate) fn q(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    pub(crate) fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url> {
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

    /// `GET about/`
    pub async fn about(&self) -> Result<About> {
        self.get_json("about/", &[]).await
    }
}
