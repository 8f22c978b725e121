//! The `…/careers/` resources: the list of every career, and a career's report (its overview
//! and nine sections, all read by one generic function).

use crate::client::{path_prefix, q, Client};
use crate::error::Result;
use crate::types::*;
use crate::validate::{self, Range};
use serde::de::DeserializeOwned;

/// Sections the contract answers with a bare array (read as lists, so a 1.9-style wrapper
/// object holding one array is accepted too); the others are one object.
fn is_list(section: Section) -> bool {
    matches!(
        section,
        Section::Knowledge
            | Section::Skills
            | Section::Abilities
            | Section::Technology
            | Section::CheckOutMyState
    )
}

/// The state table comes sorted by name unless asked otherwise.
fn default_query(section: Section) -> Vec<(String, String)> {
    match section {
        Section::CheckOutMyState => vec![q("sort", "name")],
        _ => Vec::new(),
    }
}

impl Client {
    /// One page of `…/careers/` (every career, no matching).
    pub async fn career_list(&self, lang: Lang, range: Range) -> Result<Page<CareerRef>> {
        let path = format!("{}/careers/", path_prefix(lang));
        Ok(self.page(&path, Vec::new(), range, "career").await?.0)
    }

    fn report_path(lang: Lang, code: &str, section: Option<Section>) -> Result<String> {
        validate::career_code(code)?;
        Ok(match section {
            None => format!("{}/careers/{code}/", path_prefix(lang)),
            Some(s) => format!("{}/careers/{code}/{}", path_prefix(lang), s.as_str()),
        })
    }

    /// `…/careers/{code}/` (note the trailing slash).
    pub async fn career_overview(&self, lang: Lang, code: &str) -> Result<CareerOverview> {
        self.get_json(&Self::report_path(lang, code, None)?, &[])
            .await
    }

    /// `…/careers/{code}/{section}` decoded as `T`: `Vec<ElementGroup>` for knowledge, skills
    /// and abilities, `Personality`, `Vec<Technology>`, `Education`, `JobOutlook`,
    /// `Vec<StateOutlook>` (sorted by name) or `ExploreMore`. [`Client::career_section`] picks
    /// the type for a section chosen at run time.
    pub async fn section<T: DeserializeOwned>(
        &self,
        lang: Lang,
        code: &str,
        section: Section,
    ) -> Result<T> {
        self.section_with(lang, code, section, &default_query(section))
            .await
    }

    async fn section_with<T: DeserializeOwned>(
        &self,
        lang: Lang,
        code: &str,
        section: Section,
        query: &[(String, String)],
    ) -> Result<T> {
        let path = Self::report_path(lang, code, Some(section))?;
        let body = self.get_bytes(self.url(&path, query)?, &path).await?;
        self.section_body(section, &path, &body)
    }

    /// Decodes a section's body as `T`, lists with [`Client::get_list`]'s rules.
    fn section_body<T: DeserializeOwned>(
        &self,
        section: Section,
        path: &str,
        body: &[u8],
    ) -> Result<T> {
        if is_list(section) {
            self.list_from_body(path, body)
        } else {
            self.decode(path, body)
        }
    }

    /// A section chosen at run time, decoded into its own shape.
    fn section_from_body(&self, section: Section, path: &str, body: &[u8]) -> Result<SectionData> {
        Ok(match section {
            Section::Knowledge | Section::Skills | Section::Abilities => {
                SectionData::Elements(self.section_body(section, path, body)?)
            }
            Section::Personality => {
                SectionData::Personality(self.section_body(section, path, body)?)
            }
            Section::Technology => SectionData::Technology(self.section_body(section, path, body)?),
            Section::Education => SectionData::Education(self.section_body(section, path, body)?),
            Section::JobOutlook => SectionData::JobOutlook(self.section_body(section, path, body)?),
            Section::CheckOutMyState => {
                SectionData::States(self.section_body(section, path, body)?)
            }
            Section::ExploreMore => {
                SectionData::ExploreMore(self.section_body(section, path, body)?)
            }
        })
    }

    // Typed names for the sections callers read on their own; any other is `section::<T>`.
    pub async fn knowledge(&self, lang: Lang, code: &str) -> Result<Vec<ElementGroup>> {
        self.section(lang, code, Section::Knowledge).await
    }

    pub async fn education(&self, lang: Lang, code: &str) -> Result<Education> {
        self.section(lang, code, Section::Education).await
    }

    pub async fn job_outlook(&self, lang: Lang, code: &str) -> Result<JobOutlook> {
        self.section(lang, code, Section::JobOutlook).await
    }

    /// The state table, in the order asked for.
    pub async fn check_out_my_state(
        &self,
        lang: Lang,
        code: &str,
        sort: StateSort,
    ) -> Result<Vec<StateOutlook>> {
        let sort = match sort {
            StateSort::Name => "name",
            StateSort::JobOutlook => "job_outlook",
        };
        self.section_with(lang, code, Section::CheckOutMyState, &[q("sort", sort)])
            .await
    }

    /// Any section chosen at run time.
    pub async fn career_section(
        &self,
        lang: Lang,
        code: &str,
        section: Section,
    ) -> Result<SectionData> {
        let path = Self::report_path(lang, code, Some(section))?;
        let body = self
            .get_bytes(self.url(&path, &default_query(section))?, &path)
            .await?;
        self.section_from_body(section, &path, &body)
    }

    // Entry points for the fuzz targets (fuzz/): a body decoded by the same functions the
    // requests above use, without a server. Not part of the API.

    /// A `…/interestprofiler/careers` page body, decoded as [`Client::careers`] does.
    #[doc(hidden)]
    pub fn decode_careers_page(&self, body: &[u8]) -> Result<Page<CareerRef>> {
        Ok(self
            .page_from_body("mnm/interestprofiler/careers", "career", body)?
            .0)
    }

    /// A `…/careers/{code}/` body, decoded as [`Client::career_overview`] does.
    #[doc(hidden)]
    pub fn decode_career_overview(&self, body: &[u8]) -> Result<CareerOverview> {
        self.decode("mnm/careers/{code}/", body)
    }

    /// A report section body, decoded as [`Client::career_section`] does.
    #[doc(hidden)]
    pub fn decode_career_section(&self, section: Section, body: &[u8]) -> Result<SectionData> {
        let path = format!("mnm/careers/{{code}}/{}", section.as_str());
        self.section_from_body(section, &path, body)
    }
}
