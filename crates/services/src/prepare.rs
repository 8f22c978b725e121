//! "Prepare for offline use": with a key, fetch and cache everything a day offline needs —
//! the occupation pack, both forms' questions, the Job Zones and the interest areas, in
//! English and Spanish — under the same cache keys the offline fallbacks read.
//!
//! Each part stands alone: one that fails is reported with its error code and the others go
//! on; a part is only written when its download succeeded, so nothing cached before is lost.

use serde::{Deserialize, Serialize};
use specta::Type;
use time::OffsetDateTime;
use waypoint_profiler::Form;
use waypoint_store::CacheKey;

use crate::dto::Lang;
use crate::{rfc3339, Problem, Result, ServiceError, Services};

/// One thing "Prepare for offline use" fetches; the UI words it in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PreparePart {
    /// The occupation pack behind the offline estimate (Database Services).
    Occupations,
    #[serde(rename = "questions_60_en")]
    Questions60En,
    #[serde(rename = "questions_60_es")]
    Questions60Es,
    #[serde(rename = "questions_30_en")]
    Questions30En,
    #[serde(rename = "questions_30_es")]
    Questions30Es,
    JobZonesEn,
    JobZonesEs,
    AreasEn,
    AreasEs,
}

impl PreparePart {
    /// In the order they are fetched: the pack first, as it records the database release
    /// the other parts are filed under.
    pub const ALL: [PreparePart; 9] = [
        PreparePart::Occupations,
        PreparePart::Questions60En,
        PreparePart::Questions60Es,
        PreparePart::Questions30En,
        PreparePart::Questions30Es,
        PreparePart::JobZonesEn,
        PreparePart::JobZonesEs,
        PreparePart::AreasEn,
        PreparePart::AreasEs,
    ];

    /// The same name as in JSON, for the CLI's lines.
    pub fn as_str(self) -> &'static str {
        match self {
            PreparePart::Occupations => "occupations",
            PreparePart::Questions60En => "questions_60_en",
            PreparePart::Questions60Es => "questions_60_es",
            PreparePart::Questions30En => "questions_30_en",
            PreparePart::Questions30Es => "questions_30_es",
            PreparePart::JobZonesEn => "job_zones_en",
            PreparePart::JobZonesEs => "job_zones_es",
            PreparePart::AreasEn => "areas_en",
            PreparePart::AreasEs => "areas_es",
        }
    }
}

/// Where "Prepare for offline use" is: `part` is being fetched, `done` of `total` are finished
/// (`part` is `None` once all are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PrepareProgress {
    pub part: Option<PreparePart>,
    pub done: u32,
    pub total: u32,
}

/// How one part went: cached at `cached_at` (RFC 3339), or the error that stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PreparedPart {
    pub part: PreparePart,
    pub cached_at: Option<String>,
    pub error: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PrepareSummary {
    pub parts: Vec<PreparedPart>,
    /// Whether every part was cached.
    pub complete: bool,
}

/// The cache key of the Job Zones O*NET sends in `lang` (read by [`Services::job_zones`]).
pub(crate) fn job_zones_key(lang: Lang) -> Result<CacheKey> {
    Ok(CacheKey::new("job_zones", &[], lang)?)
}

/// The cache key of O*NET's interest areas in `lang`.
pub(crate) fn areas_key(lang: Lang) -> Result<CacheKey> {
    Ok(CacheKey::new("interests", &[], lang)?)
}

impl Services {
    /// Fetches and caches every part in turn, reporting progress before each and at the
    /// end. Needs a key (else [`ServiceError::NoKey`], nothing fetched); a failing part is
    /// reported in the summary, not returned as an error.
    pub async fn prepare_offline(
        &self,
        on_progress: &mut (dyn FnMut(PrepareProgress) + Send),
    ) -> Result<PrepareSummary> {
        if self.client().is_none() {
            return Err(ServiceError::NoKey);
        }
        let total = PreparePart::ALL.len() as u32;
        let mut parts = Vec::new();
        for (i, part) in PreparePart::ALL.into_iter().enumerate() {
            on_progress(PrepareProgress {
                part: Some(part),
                done: i as u32,
                total,
            });
            let r = self.prepare_part(part).await;
            parts.push(match r {
                Ok(at) => PreparedPart {
                    part,
                    cached_at: Some(at),
                    error: None,
                },
                Err(e) => {
                    tracing::warn!(part = part.as_str(), code = %e.code(), "prepare for offline use: {e}");
                    PreparedPart {
                        part,
                        cached_at: None,
                        error: Some(Problem::from(e)),
                    }
                }
            });
        }
        on_progress(PrepareProgress {
            part: None,
            done: total,
            total,
        });
        let complete = parts.iter().all(|p| p.error.is_none());
        Ok(PrepareSummary { parts, complete })
    }

    /// Fetches one part and files it; returns when it was cached.
    async fn prepare_part(&self, part: PreparePart) -> Result<String> {
        use PreparePart::*;
        let client = self.client().ok_or(ServiceError::NoKey)?;
        match part {
            Occupations => {
                let status = self.download_pack(&mut |_| {}).await?;
                return Ok(status
                    .imported_at
                    .unwrap_or_else(|| rfc3339(OffsetDateTime::now_utc())));
            }
            Questions60En | Questions60Es | Questions30En | Questions30Es => {
                let form = if matches!(part, Questions60En | Questions60Es) {
                    Form::Ip60
                } else {
                    Form::Ip30
                };
                let lang = if matches!(part, Questions60Es | Questions30Es) {
                    Lang::Es
                } else {
                    Lang::En
                };
                let oform = crate::questionnaire::onet_form(form)?;
                let r = client.questions_all(lang, oform).await;
                self.observe(&r);
                let q = crate::questionnaire::from_api(form, lang, r?);
                let key = crate::questionnaire::cache_key(form, lang)?;
                self.cache_answer(&key, &q)?;
            }
            JobZonesEn | JobZonesEs => {
                let lang = if part == JobZonesEs {
                    Lang::Es
                } else {
                    Lang::En
                };
                let r = client.job_zones(lang).await;
                self.observe(&r);
                let zones = r?;
                self.cache_answer(&job_zones_key(lang)?, &zones)?;
            }
            AreasEn | AreasEs => {
                let lang = if part == AreasEs { Lang::Es } else { Lang::En };
                let r = client.interests(lang).await;
                self.observe(&r);
                let areas = r?;
                self.cache_answer(&areas_key(lang)?, &areas)?;
            }
        }
        Ok(rfc3339(OffsetDateTime::now_utc()))
    }
}

#[cfg(test)]
mod tests {
    use super::PreparePart;

    #[test]
    fn the_cli_name_is_the_json_name() {
        for p in PreparePart::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str(), "{p:?}");
        }
    }
}
