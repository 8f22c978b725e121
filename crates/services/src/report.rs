//! Career reports: O*NET (cached) → cache → "not available offline" with the cached time.

use futures::future::join_all;
use time::OffsetDateTime;
use waypoint_onet::{self as onet, Section};
use waypoint_store::{CacheKey, StoreError};

use crate::dto::{CareerReport, Lang, ReportSection, Source};
use crate::{rfc3339, Result, ServiceError, Services};

fn section_title(s: Section, lang: Lang) -> &'static str {
    use Section::*;
    match (lang, s) {
        (Lang::En, Knowledge) => "Knowledge",
        (Lang::En, Skills) => "Skills",
        (Lang::En, Abilities) => "Abilities",
        (Lang::En, Personality) => "Personality",
        (Lang::En, Technology) => "Technology",
        (Lang::En, Education) => "Education",
        (Lang::En, JobOutlook) => "Job Outlook",
        (Lang::En, CheckOutMyState) => "Check Out My State",
        (Lang::En, ExploreMore) => "Explore More",
        (Lang::Es, Knowledge) => "Conocimientos",
        (Lang::Es, Skills) => "Habilidades",
        (Lang::Es, Abilities) => "Aptitudes",
        (Lang::Es, Personality) => "Personalidad",
        (Lang::Es, Technology) => "Tecnología",
        (Lang::Es, Education) => "Educación",
        (Lang::Es, JobOutlook) => "Perspectivas laborales",
        (Lang::Es, CheckOutMyState) => "Explore su estado",
        (Lang::Es, ExploreMore) => "Explore más",
    }
}

impl Services {
    pub async fn career_report(&self, code: &str, lang: Lang) -> Result<CareerReport> {
        onet::validate::career_code(code)?;
        let key = CacheKey::new("report", &[("code", code)], lang)?;
        let mut failure = None;
        if let Some(client) = self.client() {
            match self.fetch_report(&client, code, lang).await {
                Ok(report) => {
                    let body = serde_json::to_value(&report).expect("report serialises");
                    self.store.cache_put(
                        &key,
                        &body,
                        self.release().as_deref(),
                        OffsetDateTime::now_utc(),
                    )?;
                    return Ok(report);
                }
                Err(e) if e.is_input() || matches!(e, onet::Error::NotFound { .. }) => {
                    return Err(e.into())
                }
                Err(e) => {
                    tracing::warn!(code = %e.code(), "career report from O*NET failed: {e}");
                    failure = Some(e);
                }
            }
        }
        match self.store.cache_get(&key)? {
            Some(hit) => {
                // Damaged stored data, not the caller's input.
                let mut r: CareerReport = serde_json::from_value(hit.body).map_err(|e| {
                    StoreError::Data(format!("the cached report is unreadable: {e}"))
                })?;
                r.source = Source::Cache;
                r.fetched_at = Some(rfc3339(hit.fetched_at));
                Ok(r)
            }
            None => match failure {
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
            title: if lang == Lang::Es {
                "Resumen"
            } else {
                "Overview"
            }
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
