//! The questionnaire and the draft that records each answer as it is given.

use waypoint_onet as onet;
use waypoint_profiler::{instrument, Form};
use waypoint_store::CacheKey;

use crate::dto::{AnswerOption, Draft, Item, Lang, Questionnaire, Source};
use crate::fallback::{Cacheable, Found};
use crate::{rfc3339, Result, ServiceError, Services};

impl Cacheable for Questionnaire {
    fn mark_cached(&mut self, fetched_at: String) {
        self.source = Source::Cache;
        self.fetched_at = Some(fetched_at);
    }
}

pub(crate) fn onet_form(form: Form) -> Result<onet::Form> {
    match form {
        Form::Ip60 => Ok(onet::Form::Short),
        Form::Ip30 => Ok(onet::Form::Mini),
        Form::Typed => Err(ServiceError::InvalidInput(
            "Typed scores have no questionnaire.".into(),
        )),
    }
}

fn form_key(form: Form) -> &'static str {
    match form {
        Form::Ip60 => "questions",
        Form::Ip30 => "questions_30",
        Form::Typed => "typed",
    }
}

pub(crate) fn from_api(form: Form, lang: Lang, q: onet::Questionnaire) -> Questionnaire {
    Questionnaire {
        form,
        lang,
        items: q
            .question
            .into_iter()
            .map(|i| Item {
                index: i.index,
                area: i.area,
                text: i.text,
            })
            .collect(),
        options: q
            .answer_option
            .into_iter()
            .map(|o| AnswerOption {
                value: o.value,
                label: o.name,
            })
            .collect(),
        source: Source::Api,
        fetched_at: None,
        notice: None,
    }
}

/// English items as bundled with Waypoint; the answer scale in the language asked for (in
/// Spanish it is Waypoint's own translation, which the notice says: O*NET's Spanish items and
/// scale come only from its `mpp/` service, and items are never translated by Waypoint).
pub fn bundled(form: Form, asked: Lang) -> Questionnaire {
    Questionnaire {
        form,
        lang: Lang::En,
        items: instrument::items(form)
            .iter()
            .map(|i| Item {
                index: i.index as u32,
                area: i.area,
                text: i.text.to_string(),
            })
            .collect(),
        options: instrument::answer_options()
            .iter()
            .map(|o| AnswerOption {
                value: o.value,
                label: waypoint_locales::scale_label(asked, o.value)
                    .unwrap_or(&o.label)
                    .to_string(),
            })
            .collect(),
        source: Source::Bundled,
        fetched_at: None,
        notice: (asked == Lang::Es).then(|| {
            waypoint_locales::text(asked, waypoint_locales::keys::ITEMS_IN_ENGLISH).to_string()
        }),
    }
}

/// Where the form's items in `lang` are cached (also by "Prepare for offline use").
pub(crate) fn cache_key(form: Form, lang: Lang) -> Result<CacheKey> {
    Ok(CacheKey::new(form_key(form), &[], lang)?)
}

impl Services {
    /// The form's items: O*NET (then cached) → cache → bundled English.
    pub async fn questionnaire(&self, form: Form, lang: Lang) -> Result<Questionnaire> {
        let oform = onet_form(form)?;
        let key = cache_key(form, lang)?;
        let found = self
            .onet_or_cache("questions", &key, |client| async move {
                let r = client.questions_all(lang, oform).await;
                self.observe(&r);
                Ok(r.map(|q| from_api(form, lang, q)))
            })
            .await?;
        match found {
            Found::Api(q) => {
                self.cache_answer(&key, &q)?;
                Ok(q)
            }
            Found::Fallback { cached, .. } => Ok(cached.unwrap_or_else(|| bundled(form, lang))),
        }
    }

    pub fn start_draft(&self, form: Form, lang: Lang) -> Result<Draft> {
        Ok(draft_dto(self.store.start_draft(form, lang)?))
    }

    /// Saves one answer in its own transaction, so it survives a crash the moment this returns.
    pub fn record_answer(&self, draft_id: &str, index: u32, value: u8) -> Result<()> {
        if !(1..=5).contains(&value) {
            return Err(ServiceError::InvalidInput(format!(
                "{value} is not an answer: choose 1 (Strongly Dislike) to 5 (Strongly Like)."
            )));
        }
        let item = self.item_index(draft_id, index)?;
        Ok(self.store.record_answer(draft_id, item, value)?)
    }

    pub fn clear_answer(&self, draft_id: &str, index: u32) -> Result<()> {
        let item = self.item_index(draft_id, index)?;
        Ok(self.store.clear_answer(draft_id, item)?)
    }

    /// The UI counts items from 1, as O*NET does; the store from 0.
    fn item_index(&self, draft_id: &str, index: u32) -> Result<u16> {
        let count = self.store.get_draft(draft_id)?.answers.len() as u32;
        if index == 0 || index > count {
            return Err(ServiceError::InvalidInput(format!(
                "Item {index} does not exist: this questionnaire has items 1 to {count}."
            )));
        }
        Ok((index - 1) as u16)
    }

    /// The most recent unfinished questionnaire, if any.
    pub fn resume_draft(&self) -> Result<Option<Draft>> {
        Ok(self.store.resume()?.map(draft_dto))
    }

    pub fn get_draft(&self, draft_id: &str) -> Result<Draft> {
        Ok(draft_dto(self.store.get_draft(draft_id)?))
    }

    pub fn set_draft_lang(&self, draft_id: &str, lang: Lang) -> Result<()> {
        Ok(self.store.set_draft_lang(draft_id, lang)?)
    }

    pub fn discard_draft(&self, draft_id: &str) -> Result<()> {
        Ok(self.store.discard_draft(draft_id)?)
    }
}

pub(crate) fn draft_dto(d: waypoint_store::Draft) -> Draft {
    Draft {
        first_unanswered: d.next_item.map(|i| u32::from(i) + 1),
        id: d.id,
        form: d.form,
        lang: d.lang,
        answers: d.answers,
        started_at: rfc3339(d.started_at),
    }
}
