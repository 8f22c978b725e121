//! O*NET read as it is, without a store: what `waypoint-cli`'s online commands print. The
//! client is set up exactly as the app's use cases set up theirs ([`OnetSettings`]: base URL,
//! timeouts, retries; the key registered for log redaction), so both sides talk to O*NET the
//! same way.

use secrecy::{ExposeSecret, SecretString};
use waypoint_onet::{
    About, CareerMatch, CareerOverview, CareerRef, Client, Form, Lang, Page, Questionnaire, Range,
    Section, SectionData,
};

use crate::{OnetSettings, Result};

/// The O*NET client for `settings` and `key`; the one place either side builds it. The key
/// is not registered for log redaction here: a key being tried (and maybe rejected) is not
/// one to blank in every log line. Callers register keys they hold ([`use_key`]).
pub(crate) fn build_client(settings: &OnetSettings, key: Option<SecretString>) -> Result<Client> {
    Ok(Client::builder()
        .base_url(settings.base_url.clone())
        .maybe_api_key(key)
        .connect_timeout(settings.connect_timeout)
        .request_timeout(settings.request_timeout)
        .retry_policy(settings.retry.clone())
        .build()?)
}

/// A key the program holds (stored, or given for this run): from now on it is redacted from
/// every log line.
pub(crate) fn use_key(key: &SecretString) {
    waypoint_logging::register_secret(key.expose_secret());
}

/// Online reads. Without a key each call fails with `onet.missing_key` before sending
/// anything, after the input was checked.
#[derive(Clone)]
pub struct Online {
    client: Client,
    has_key: bool,
}

impl Online {
    pub fn new(settings: &OnetSettings, key: Option<SecretString>) -> Result<Online> {
        if let Some(k) = &key {
            use_key(k);
        }
        Ok(Online {
            has_key: key.is_some(),
            client: build_client(settings, key)?,
        })
    }

    pub fn has_key(&self) -> bool {
        self.has_key
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The API and database versions.
    pub async fn about(&self) -> Result<About> {
        Ok(self.client.about().await?)
    }

    /// Every question of `form`, all pages.
    pub async fn questions(&self, lang: Lang, form: Form) -> Result<Questionnaire> {
        Ok(self.client.questions_all(lang, form).await?)
    }

    /// One range of matching careers, in O*NET's order.
    pub async fn careers(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
        range: Range,
    ) -> Result<Page<CareerRef>> {
        Ok(self.client.careers(lang, by, zone, range).await?)
    }

    /// Every matching career, all pages.
    pub async fn careers_all(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
    ) -> Result<Vec<CareerRef>> {
        Ok(self.client.careers_all(lang, by, zone).await?)
    }

    pub async fn career_overview(&self, lang: Lang, code: &str) -> Result<CareerOverview> {
        Ok(self.client.career_overview(lang, code).await?)
    }

    pub async fn career_section(
        &self,
        lang: Lang,
        code: &str,
        section: Section,
    ) -> Result<SectionData> {
        Ok(self.client.career_section(lang, code, section).await?)
    }
}
