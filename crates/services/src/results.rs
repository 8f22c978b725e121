//! Submitting answers or typed scores: local scoring always, O*NET's `results` as a check.

use time::OffsetDateTime;
use waypoint_profiler::{instrument, profile, Answers, Area, Form, Scores};
use waypoint_store::Session;

use crate::dto::{ApiCheck, AreaInfo, JobZoneInfo, Lang, Outcome, Source};
use crate::{Result, ServiceError, Services};

impl Services {
    /// Scores a finished draft, checks the scores against O*NET's `results` when online,
    /// and files the result in history (one transaction with removing the draft).
    ///
    /// Page 1 of every careers tab is asked for at the same moment as the check (careers
    /// match the answer string, so they need no scores): the tabs are ready about when the
    /// result is, and [`Services::prefetch_careers`] only files them.
    pub async fn submit_answers(&self, draft_id: &str, label: Option<String>) -> Result<Outcome> {
        let draft = self.store.get_draft(draft_id)?;
        let answers = Answers::from_choices(&draft.answers)?;
        let local = answers.scores();
        let lang = draft.lang;
        let id = Session::new_id();
        // A flat profile matches no careers; the app asks for none.
        if !profile::summarize(&local).flat {
            self.start_careers(&id, lang, &answers.to_answer_string());
        }
        let (scores, api_check) = self.check_with_onet(lang, &answers, local).await;
        let session = Session {
            id,
            started_at: draft.started_at,
            finished_at: OffsetDateTime::now_utc(),
            form: draft.form,
            lang: draft.lang,
            answers: Some(answers.to_answer_string()),
            scores,
            job_zone: None,
            label: clean_label(label),
            careers: vec![],
        };
        let saved = self.saves_results();
        let filed = if saved {
            self.store.finish_draft(draft_id, &session)
        } else {
            self.store.discard_draft(draft_id)
        };
        if let Err(e) = filed {
            self.inflight.clear();
            return Err(e.into());
        }
        if !saved {
            self.keep_unsaved(session.clone());
        }
        Ok(outcome(&session, api_check, saved))
    }

    /// Six scores typed in from a paper profiler, range-checked for the form they came from.
    pub fn submit_scores(
        &self,
        form: Form,
        values: [u32; 6],
        lang: Lang,
        label: Option<String>,
    ) -> Result<Outcome> {
        let scores = Scores::typed(values, form)?;
        let now = OffsetDateTime::now_utc();
        let session = Session {
            id: Session::new_id(),
            started_at: now,
            finished_at: now,
            // The form decides the score range; the session remembers they were typed.
            form: Form::Typed,
            lang,
            answers: None,
            scores,
            job_zone: None,
            label: clean_label(label),
            careers: vec![],
        };
        let saved = self.saves_results();
        if saved {
            self.store.save_session(&session)?;
        } else {
            self.keep_unsaved(session.clone());
        }
        let mut out = outcome(&session, ApiCheck::NotApplicable, saved);
        out.form = form;
        out.max_per_area = form.scale_max();
        Ok(out)
    }

    async fn check_with_onet(
        &self,
        lang: Lang,
        answers: &Answers,
        local: Scores,
    ) -> (Scores, ApiCheck) {
        let Some(client) = self.client() else {
            return (local, ApiCheck::NoKey);
        };
        let r = client.results(lang, &answers.to_answer_string()).await;
        self.observe(&r);
        let results = match r {
            Ok(r) => r,
            Err(e) => {
                tracing::info!(code = %e.code(), "results check skipped: {e}");
                return (local, ApiCheck::Offline);
            }
        };
        let mut api = [0u8; 6];
        for area in waypoint_profiler::Area::ALL {
            api[area.index()] = results
                .score(area)
                .and_then(|s| u8::try_from(s).ok())
                .unwrap_or(u8::MAX);
        }
        let api = Scores::from_array(api);
        if api == local {
            (local, ApiCheck::Matched)
        } else {
            // A defect: either O*NET changed its rule or ours is wrong. Show O*NET's numbers.
            tracing::error!(local = ?local.as_array(), onet = ?api.as_array(), "DEFECT: local scores differ from O*NET results");
            (api, ApiCheck::Mismatch)
        }
    }

    /// The chosen Job Zone, remembered with the result.
    pub fn choose_zone(&self, session_id: &str, zone: Option<u8>) -> Result<()> {
        if let Some(z) = zone {
            check_zone(z)?;
        }
        if let Some(s) = self.unsaved(session_id) {
            let mut s = s;
            s.job_zone = zone;
            self.keep_unsaved(s);
            return Ok(());
        }
        Ok(self.store.set_session_zone(session_id, zone)?)
    }
}

pub(crate) fn check_zone(z: u8) -> Result<()> {
    if (1..=5).contains(&z) {
        Ok(())
    } else {
        Err(ServiceError::InvalidZone(z))
    }
}

/// Text-direction controls are dropped (the store refuses them), then the label is cut to
/// the store's limit.
fn clean_label(label: Option<String>) -> Option<String> {
    label
        .map(|l| {
            l.chars()
                .filter(|&c| !waypoint_store::is_bidi_control(c))
                .collect::<String>()
                .trim()
                .chars()
                .take(waypoint_store::LABEL_MAX_CHARS)
                .collect::<String>()
        })
        .filter(|l| !l.is_empty())
}

fn outcome(s: &Session, api_check: ApiCheck, saved: bool) -> Outcome {
    let summary = profile::summarize(&s.scores);
    Outcome {
        session_id: s.id.clone(),
        form: s.form,
        lang: s.lang,
        scores: s.scores,
        max_per_area: s.form.scale_max(),
        code: if summary.flat {
            String::new()
        } else {
            summary.high_point.clone()
        },
        top_areas: if summary.flat {
            vec![]
        } else {
            summary.ranking[..3].to_vec()
        },
        flat: summary.flat,
        api_check,
        saved,
    }
}

/// The five Job Zones (bundled; the project's own descriptions).
pub fn job_zones() -> Vec<JobZoneInfo> {
    instrument::job_zones()
        .iter()
        .map(|z| JobZoneInfo {
            zone: z.zone,
            title: z.title.to_string(),
            svp_range: z.svp_range.to_string(),
            education: z.education.to_string(),
            experience: z.experience.to_string(),
            training: z.training.to_string(),
            typical_work: z.typical_work.to_string(),
            examples: z.examples.join(", "),
            source: Source::Bundled,
        })
        .collect()
}

impl Services {
    /// The five Job Zones in `lang`: in Spanish O*NET's own `mpp/` text when "Prepare for
    /// offline use" saved it, else Waypoint's bundled text (which the UI words in the
    /// person's language and marks as Waypoint's translation).
    pub fn job_zones(&self, lang: Lang) -> Vec<JobZoneInfo> {
        let bundled = job_zones();
        if lang != Lang::Es {
            return bundled;
        }
        match self.cached_job_zones(lang) {
            Some(zones) => bundled
                .into_iter()
                .map(|b| match zones.iter().find(|z| z.code == b.zone) {
                    Some(z) => JobZoneInfo {
                        zone: b.zone,
                        title: z.title.clone(),
                        svp_range: z.svp_range.clone(),
                        education: z.education.clone(),
                        experience: z.experience.clone(),
                        training: z.training.clone(),
                        // O*NET's Job Zones carry no "typical work": Waypoint's stays.
                        typical_work: b.typical_work,
                        examples: z.examples.clone(),
                        source: Source::Cache,
                    },
                    None => b,
                })
                .collect(),
            None => bundled,
        }
    }

    fn cached_job_zones(&self, lang: Lang) -> Option<Vec<waypoint_onet::JobZone>> {
        let key = crate::prepare::job_zones_key(lang).ok()?;
        let hit = match self.store.cache_get(&key) {
            Ok(hit) => hit?,
            Err(e) => {
                tracing::warn!(code = %e.code(), "cached Job Zones unreadable: {e}");
                return None;
            }
        };
        serde_json::from_value(hit.body)
            .inspect_err(|e| tracing::warn!("cached Job Zones damaged: {e}"))
            .ok()
    }
}

pub fn areas() -> Vec<AreaInfo> {
    Area::ALL
        .iter()
        .map(|&a| {
            let i = instrument::area_info(a);
            AreaInfo {
                area: a,
                title: i.name.to_string(),
                description: i.description.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clean_label;

    #[test]
    fn labels_lose_direction_controls_and_are_cut_to_the_store_limit() {
        assert_eq!(
            clean_label(Some("\u{202E} Ana\u{2066}\u{200F} ".into())).as_deref(),
            Some("Ana")
        );
        let long = "é".repeat(waypoint_store::LABEL_MAX_CHARS + 5);
        assert_eq!(
            clean_label(Some(long)).unwrap().chars().count(),
            waypoint_store::LABEL_MAX_CHARS
        );
        assert_eq!(clean_label(Some("\u{200E}".into())), None);
    }
}
