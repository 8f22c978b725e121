//! Career reports: O*NET (cached) → cache → "not available offline" with the cached time.

use futures::future::join_all;
use waypoint_onet::{self as onet, Section};
use waypoint_store::{CacheKey, StoreError};

use crate::dto::{CareerReport, Lang, ReportSection, Source};
use crate::fallback::{Cacheable, Found};
use crate::{Result, ServiceError, Services};

impl Cacheable for CareerReport {
    fn mark_cached(&mut self, fetched_at: String) {
        self.source = Source::Cache;
        self.fetched_at = Some(fetched_at);
    }

    /// Damaged stored data, not the caller's input.
    fn damaged(e: serde_json::Error) -> Result<Option<Self>> {
        Err(StoreError::Data(format!("the cached report is unreadable: {e}")).into())
    }
}

fn section_title(s: Section, lang: Lang) -> &'static str {
    waypoint_locales::report_section(lang, s.as_str()).unwrap_or_else(|| s.as_str())
}

impl Services {
    pub async fn career_report(&self, code: &str, lang: Lang) -> Result<CareerReport> {
        onet::validate::career_code(code)?;
        let key = CacheKey::new("report", &[("code", code)], lang)?;
        let found = self
            .onet_or_cache("career report", &key, |client| async move {
                match self.fetch_report(&client, code, lang).await {
                    Err(e) if e.is_input() || matches!(e, onet::Error::NotFound { .. }) => {
                        Err(e.into())
                    }
                    r => Ok(r),
                }
            })
            .await?;
        match found {
            Found::Api(report) => {
                self.cache_answer(&key, &report)?;
                Ok(report)
            }
            Found::Fallback {
                cached: Some(report),
                ..
            } => Ok(report),
            Found::Fallback {
                cached: None,
                failure,
            } => match failure {
                // A 429, a 5xx or a refused certificate is not "offline": say what happened.
                Some(e) if !e.is_offline() || matches!(e, onet::Error::Certificate { .. }) => {
                    Err(e.into())
                }
                // The occupation pack knows the title and its "also called" titles.
                _ => match self.offline_report(code)? {
                    Some(r) => Ok(r),
                    None => Err(ServiceError::ReportUnavailableOffline),
                },
            },
        }
    }

    /// The overview and every section at once; a section O*NET does not have (404) is left out.
    async fn fetch_report(
        &self,
        client: &onet::Client,
        code: &str,
        lang: Lang,
    ) -> std::result::Result<CareerReport, onet::Error> {
        let overview = client.career_overview(lang, code);
        let sections = join_all(
            Section::ALL
                .iter()
                .map(|&s| async move { (s, client.career_section(lang, code, s).await) }),
        );
        let (overview, sections) = futures::join!(overview, sections);
        self.observe(&overview);
        let overview = overview?;
        let title = overview.title.clone();
        let mut out = vec![ReportSection {
            id: "overview".into(),
            title: waypoint_locales::report_section(lang, "overview")
                .unwrap_or("Overview")
                .into(),
            content: serde_json::to_value(&overview).expect("overview serialises"),
        }];
        for (s, r) in sections {
            self.observe(&r);
            match r {
                Ok(d) => out.push(ReportSection {
                    id: s.as_str().into(),
                    title: section_title(s, lang).into(),
                    content: serde_json::to_value(d).expect("O*NET sections serialise"),
                }),
                Err(onet::Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(CareerReport {
            code: code.to_string(),
            title,
            lang,
            source: Source::Api,
            fetched_at: None,
            sections: out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_a_title_in_both_languages() {
        for lang in Lang::ALL {
            assert!(waypoint_locales::report_section(lang, "overview").is_some());
            for s in Section::ALL {
                let t = waypoint_locales::report_section(lang, s.as_str());
                assert!(t.is_some_and(|t| !t.is_empty()), "{lang} {s:?}");
            }
        }
        assert_eq!(section_title(Section::JobOutlook, Lang::En), "Job Outlook");
        assert_ne!(
            section_title(Section::JobOutlook, Lang::Es),
            section_title(Section::JobOutlook, Lang::En)
        );
    }
}
