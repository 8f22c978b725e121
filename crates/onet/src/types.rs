//! Response types, field names as the API sends them. Decoding is tolerant:
//! unknown fields are ignored (no `deny_unknown_fields` anywhere) and optional
//! contract fields default.

use serde::{Deserialize, Serialize};

// The domain's nouns are the profiler's; their serde spellings are O*NET's.
pub use waypoint_profiler::{Area, Fit, Lang};

/// An area code as v2 sends it ("social"), or in the 1.9 capitalised form ("Social").
fn area_any_case<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Area, D::Error> {
    let s = String::deserialize(d)?;
    Area::ALL
        .into_iter()
        .find(|a| a.as_str().eq_ignore_ascii_case(&s))
        .ok_or_else(|| serde::de::Error::custom(format!("unknown RIASEC area {s:?}")))
}

/// Paged list: the contract's `{start, end, total, prev?, next?, <key>: [...]}`,
/// with the list under a fixed name whatever the wire key was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub start: u32,
    pub end: u32,
    pub total: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    pub rows: Vec<T>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    pub api_version: String,
    pub taxonomy: NamedLink,
    pub database: NamedLink,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub value: u8,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub index: u32,
    #[serde(deserialize_with = "area_any_case")]
    pub area: Area,
    pub text: String,
}

/// One page of questions plus the answer options sent with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub answer_option: Vec<AnswerOption>,
    pub page: Page<Question>,
}

/// Every question of a form, all pages collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub answer_option: Vec<AnswerOption>,
    pub question: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaResult {
    pub href: String,
    #[serde(deserialize_with = "area_any_case")]
    pub code: Area,
    pub title: String,
    pub description: String,
    pub score: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub careers: Option<String>,
    pub result: Vec<AreaResult>,
}

impl Results {
    pub fn score(&self, area: Area) -> Option<u32> {
        self.result.iter().find(|r| r.code == area).map(|r| r.score)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobZone {
    pub code: u8,
    pub title: String,
    pub experience: String,
    pub training: String,
    pub education: String,
    pub examples: String,
    pub svp_range: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Tags {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bright_outlook: Option<bool>,
}

/// A career in a list. `fit` is only sent by the matching-careers resource,
/// and even there the contract makes it optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerRef {
    pub href: String,
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<Fit>,
}

impl CareerRef {
    /// A missing tag means "not bright outlook".
    pub fn bright_outlook(&self) -> bool {
        self.tags.bright_outlook.unwrap_or(false)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interest {
    pub href: String,
    #[serde(deserialize_with = "area_any_case")]
    pub code: Area,
    pub title: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub href: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoCalled {
    pub title: String,
    #[serde(default)]
    pub summary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerOverview {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_called: Vec<AlsoCalled>,
    pub what_they_do: String,
    #[serde(default)]
    pub on_the_job: Vec<String>,
    /// `mnm/` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_cloud_terms: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub career_video: Option<bool>,
    #[serde(default)]
    pub contents: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub id: String,
    pub name: String,
}

/// Knowledge, skills and abilities: groups of elements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub element: Vec<Element>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopInterest {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Personality {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_interest: Option<TopInterest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work_styles: Vec<Element>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechExample {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hot_technology: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_demand: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Technology {
    pub code: u64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example: Vec<TechExample>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationJobZone {
    pub href: String,
    pub code: u8,
    pub title: String,
    pub experience: String,
    pub training: String,
    pub education: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Education {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_zone: Option<EducationJobZone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education_usually_needed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlook {
    pub category: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrightOutlookCategory {
    pub href: String,
    pub code: String,
    pub title: String,
}

/// `_over` fields carry top-coded values ("$239,200 or more").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Salary {
    pub soc_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_10th_percentile: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_10th_percentile_over: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_median: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_median_over: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_90th_percentile: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_90th_percentile_over: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_10th_percentile: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_10th_percentile_over: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_median: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_median_over: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_90th_percentile: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_90th_percentile_over: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobOutlook {
    pub outlook: Outlook,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bright_outlook: Vec<BrightOutlookCategory>,
    pub salary: Salary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateOutlook {
    pub code: String,
    pub name: String,
    pub job_outlook: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StateSort {
    #[default]
    Name,
    JobOutlook,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Industry {
    pub code: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_people: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub some_people: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ExploreMore {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub careers: Vec<CareerRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<Industry>,
}

/// The nine report sections the contract lists for both `mnm/` and `mpp/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Knowledge,
    Skills,
    Abilities,
    Personality,
    Technology,
    Education,
    JobOutlook,
    CheckOutMyState,
    ExploreMore,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Knowledge,
        Section::Skills,
        Section::Abilities,
        Section::Personality,
        Section::Technology,
        Section::Education,
        Section::JobOutlook,
        Section::CheckOutMyState,
        Section::ExploreMore,
    ];
    /// Path segment (no trailing slash, as in the contract).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Knowledge => "knowledge",
            Section::Skills => "skills",
            Section::Abilities => "abilities",
            Section::Personality => "personality",
            Section::Technology => "technology",
            Section::Education => "education",
            Section::JobOutlook => "job_outlook",
            Section::CheckOutMyState => "check_out_my_state",
            Section::ExploreMore => "explore_more",
        }
    }
}

impl std::str::FromStr for Section {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Section::ALL
            .into_iter()
            .find(|x| x.as_str() == norm)
            .ok_or_else(|| {
                let names: Vec<_> = Section::ALL.iter().map(|x| x.as_str()).collect();
                format!("unknown section {s:?} (one of: {})", names.join(", "))
            })
    }
}

/// Any one section, for callers that pick the section at run time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SectionData {
    Elements(Vec<ElementGroup>),
    Personality(Personality),
    Technology(Vec<Technology>),
    Education(Education),
    JobOutlook(JobOutlook),
    States(Vec<StateOutlook>),
    ExploreMore(ExploreMore),
}

// ---- Database Services ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    pub table_id: String,
    pub title: String,
    pub description: String,
    pub info: String,
    pub rows: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub column_id: String,
    #[serde(default)]
    pub optional: bool,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInfo {
    pub table_id: String,
    pub title: String,
    pub description: String,
    pub rows: String,
    #[serde(default)]
    pub data_dictionary: String,
    /// Format name → URL; open-ended in the contract.
    #[serde(default)]
    pub download: std::collections::BTreeMap<String, String>,
    pub column: Vec<Column>,
}

/// One row keyed by column id.
pub type Row = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_codes_read_in_either_case_and_unknown_ones_fail() {
        let q: Question =
            serde_json::from_str(r#"{"index": 1, "area": "Social", "text": "t"}"#).unwrap();
        assert_eq!(q.area, Area::Social);
        let q: Question =
            serde_json::from_str(r#"{"index": 1, "area": "social", "text": "t"}"#).unwrap();
        assert_eq!(q.area, Area::Social);
        let e =
            serde_json::from_str::<Question>(r#"{"index": 1, "area": "rational", "text": "t"}"#)
                .unwrap_err();
        assert!(e.to_string().contains("rational"), "{e}");
    }
}
