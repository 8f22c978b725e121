//! The Interest Profiler resources (`…/interestprofiler/…`): questions, results, Job Zones,
//! matching careers and careers by interest area.

use crate::client::{path_prefix, q, Client, Query};
use crate::error::{Error, Result};
use crate::paging::COLLECT_PAGE_SIZE;
use crate::types::*;
use crate::validate::{self, Range, Scores};
use serde_json::{Map, Value};

/// How careers are matched: the answers string or the six area scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CareerMatch {
    Answers(String),
    Scores(Scores),
}

/// Which Interest Profiler form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// 60-question Short Form (`questions`).
    #[default]
    Short,
    /// 30-question Mini-IP (`questions_30`).
    Mini,
}

impl Client {
    fn questions_path(lang: Lang, form: Form) -> String {
        let name = match form {
            Form::Short => "questions",
            Form::Mini => "questions_30",
        };
        format!("{}/interestprofiler/{name}", path_prefix(lang))
    }

    /// One page of `…/interestprofiler/questions` or `questions_30`.
    pub async fn questions(&self, lang: Lang, form: Form, range: Range) -> Result<QuestionPage> {
        let path = Self::questions_path(lang, form);
        let (page, mut extra) = self.page(&path, Vec::new(), range, "question").await?;
        let answer_option = take_answer_options(&mut extra, &path)?;
        Ok(QuestionPage {
            answer_option,
            page,
        })
    }

    /// Every question of the form, all pages collected.
    pub async fn questions_all(&self, lang: Lang, form: Form) -> Result<Questionnaire> {
        let path = Self::questions_path(lang, form);
        let (question, _, mut extra) = self.collect(&path, Vec::new(), "question", 60).await?;
        let answer_option = take_answer_options(&mut extra, &path)?;
        Ok(Questionnaire {
            answer_option,
            question,
        })
    }

    /// `…/interestprofiler/results?answers=`
    pub async fn results(&self, lang: Lang, answers: &str) -> Result<Results> {
        validate::answers(answers)?;
        let path = format!("{}/interestprofiler/results", path_prefix(lang));
        self.get_json(&path, &[q("answers", answers)]).await
    }

    /// `…/interestprofiler/job_zones` (bare array).
    pub async fn job_zones(&self, lang: Lang) -> Result<Vec<JobZone>> {
        self.get_list(
            &format!("{}/interestprofiler/job_zones", path_prefix(lang)),
            &[],
        )
        .await
    }

    fn careers_query(by: &CareerMatch, zone: Option<u8>) -> Result<Query> {
        let mut query = Vec::new();
        match by {
            CareerMatch::Answers(a) => {
                validate::answers(a)?;
                query.push(q("answers", a));
            }
            CareerMatch::Scores(s) => {
                for (area, v) in Area::ALL.iter().zip(s.0) {
                    query.push(q(area.as_str(), v));
                }
            }
        }
        if let Some(z) = validate::zone(zone.map(i64::from))? {
            query.push(q("zone", z));
        }
        Ok(query)
    }

    /// One page of `…/interestprofiler/careers`.
    pub async fn careers(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
        range: Range,
    ) -> Result<Page<CareerRef>> {
        let query = Self::careers_query(by, zone)?;
        let range = range.check()?;
        let path = format!("{}/interestprofiler/careers", path_prefix(lang));
        Ok(self.page(&path, query, range, "career").await?.0)
    }

    /// Every matching career, in the API's order.
    pub async fn careers_all(
        &self,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
    ) -> Result<Vec<CareerRef>> {
        let query = Self::careers_query(by, zone)?;
        let path = format!("{}/interestprofiler/careers", path_prefix(lang));
        Ok(self
            .collect(&path, query, "career", COLLECT_PAGE_SIZE)
            .await?
            .0)
    }

    /// `…/interestprofiler/interests/` (bare array).
    pub async fn interests(&self, lang: Lang) -> Result<Vec<Interest>> {
        self.get_list(
            &format!("{}/interestprofiler/interests/", path_prefix(lang)),
            &[],
        )
        .await
    }

    /// One page of `…/interestprofiler/interests/{area}`.
    pub async fn interest_careers(
        &self,
        lang: Lang,
        area: Area,
        zone: Option<u8>,
        range: Range,
    ) -> Result<Page<CareerRef>> {
        let mut query = Vec::new();
        if let Some(z) = validate::zone(zone.map(i64::from))? {
            query.push(q("zone", z));
        }
        let path = format!(
            "{}/interestprofiler/interests/{}",
            path_prefix(lang),
            area.as_str()
        );
        Ok(self.page(&path, query, range, "career").await?.0)
    }
}

fn take_answer_options(extra: &mut Map<String, Value>, path: &str) -> Result<Vec<AnswerOption>> {
    match extra.remove("answer_option") {
        Some(v) => serde_json::from_value(v).map_err(|e| Error::BadResponse {
            resource: path.into(),
            detail: format!("answer_option: {e}"),
            snippet: String::new(),
        }),
        None => Err(Error::BadResponse {
            resource: path.into(),
            detail: "missing \"answer_option\"".into(),
            snippet: String::new(),
        }),
    }
}
