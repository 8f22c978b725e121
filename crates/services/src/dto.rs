//! What crosses to the UI. Field names are snake_case as serialised; TypeScript types are
//! generated from these (tauri-specta), so the UI never retypes them.

use serde::{Deserialize, Serialize};
use specta::Type;
pub use waypoint_profiler::Lang;
use waypoint_profiler::{Area, Fit, Form, Scores, Tab};

/// Where data shown to the person came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Fetched from O*NET Web Services just now.
    Api,
    /// Fetched from O*NET earlier and kept locally.
    Cache,
    /// Waypoint's bundled instrument (English).
    Bundled,
    /// Waypoint's offline estimate from the occupation pack.
    Estimate,
    /// Nothing to show: no key, no cache, no offline data.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Item {
    pub index: u32,
    pub area: Area,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AnswerOption {
    pub value: u8,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Questionnaire {
    pub form: Form,
    /// The language of the items (English when Spanish was asked for but is not available).
    pub lang: Lang,
    pub items: Vec<Item>,
    pub options: Vec<AnswerOption>,
    pub source: Source,
    pub fetched_at: Option<String>,
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Draft {
    pub id: String,
    pub form: Form,
    pub lang: Lang,
    /// One slot per item, in order; `null` where not answered yet.
    pub answers: Vec<Option<u8>>,
    /// The first unanswered item (1-based), `null` when complete.
    pub first_unanswered: Option<u32>,
    pub started_at: String,
}

/// Whether O*NET's own `results` agreed with the local scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ApiCheck {
    Matched,
    /// O*NET disagreed; its numbers are shown and the defect is logged.
    Mismatch,
    Offline,
    NoKey,
    /// Typed scores: there is no answer string to send.
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Outcome {
    pub session_id: String,
    pub form: Form,
    pub lang: Lang,
    pub scores: Scores,
    pub max_per_area: u8,
    /// The high-point code, e.g. "RSA"; empty for a flat profile.
    pub code: String,
    pub top_areas: Vec<Area>,
    pub flat: bool,
    pub api_check: ApiCheck,
    /// Whether the result was saved to history (kiosks may not save).
    pub saved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct JobZoneInfo {
    pub zone: u8,
    pub title: String,
    pub svp_range: String,
    pub education: String,
    pub experience: String,
    pub training: String,
    pub typical_work: String,
    pub examples: String,
    /// `cache`: O*NET's own text in the language asked for, saved by "Prepare for offline
    /// use" (`typical_work` is then Waypoint's); `bundled`: Waypoint's text.
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AreaInfo {
    pub area: Area,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CareerRow {
    pub code: String,
    pub title: String,
    pub fit: Option<Fit>,
    pub bright_outlook: bool,
    /// The career's Job Zone: the tab's zone, or on "All" the occupation pack's when one is
    /// installed (O*NET's all-zones list does not carry it).
    #[serde(default)]
    pub zone: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CareersPage {
    pub tab: Tab,
    pub page: u32,
    pub page_size: u32,
    pub total: u32,
    pub rows: Vec<CareerRow>,
    pub source: Source,
    pub fetched_at: Option<String>,
    /// Why the rows are not O*NET's own fresh ones (a failure, an estimate, no data).
    pub notice: Option<crate::Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportSection {
    pub id: String,
    pub title: String,
    /// The section as O*NET returns it (`unknown` in TypeScript: the UI renders it generically).
    #[specta(type = specta_typescript::Unknown)]
    pub content: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CareerReport {
    pub code: String,
    pub title: String,
    pub lang: Lang,
    pub source: Source,
    pub fetched_at: Option<String>,
    pub sections: Vec<ReportSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionSummary {
    pub id: String,
    pub finished_at: String,
    pub form: Form,
    pub code: Option<String>,
    pub label: Option<String>,
}

/// Which saved results the history shows: a search in their labels, one page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
pub struct SessionQuery {
    /// Words to look for: each must start a word of the label (case and accents ignored).
    /// Blank lists every result.
    pub label: Option<String>,
    /// The `next` of the page before; `None` for the first page.
    pub after: Option<String>,
    /// Results per page (1–500).
    pub limit: u32,
}

/// One page of the history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionPage {
    pub items: Vec<SessionSummary>,
    /// Pass as `after` for the next page; `None` on the last one.
    pub next: Option<String>,
    /// Matching results in all pages.
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SnapshotRow {
    pub code: String,
    pub title: String,
    pub fit: Option<Fit>,
    pub bright_outlook: bool,
    pub estimate: bool,
    pub fetched_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SnapshotTab {
    pub tab: Tab,
    pub total: u32,
    pub rows: Vec<SnapshotRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionDetail {
    pub id: String,
    pub started_at: String,
    pub finished_at: String,
    pub form: Form,
    pub lang: Lang,
    pub label: Option<String>,
    pub answers: Option<String>,
    pub scores: Scores,
    pub max_per_area: u8,
    pub code: Option<String>,
    pub zone: Option<u8>,
    pub snapshot: Vec<SnapshotTab>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AreaDiff {
    pub area: Area,
    pub a: u8,
    pub b: u8,
    pub delta: i16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Comparison {
    pub a: SessionSummary,
    pub b: SessionSummary,
    pub areas: Vec<AreaDiff>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportReport {
    pub imported: u32,
    pub skipped_identical: u32,
    pub conflicts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct KeyStatus {
    pub present: bool,
    pub last_four: Option<String>,
    /// Why the keychain could not be read, when it could not.
    pub keychain_error: Option<crate::Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KeyCheck {
    /// O*NET accepted it; it is stored.
    Valid,
    /// O*NET answered 401; it was not stored.
    Rejected,
    /// The service could not be reached; nothing was stored (ask the person).
    OfflineUnverified,
    /// The service could not be reached and the person chose to store it anyway.
    StoredUnverified,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PackStatus {
    pub installed: bool,
    pub release: Option<String>,
    pub source: Option<String>,
    pub count: u32,
    pub imported_at: Option<String>,
}

/// What a pack download or import is busy with; the UI words it in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PackStage {
    DownloadOccupations,
    DownloadInterests,
    DownloadJobZones,
    Reading,
    Occupations,
    Interests,
    JobZones,
    Building,
}

impl PackStage {
    /// The same name as in JSON, for the CLI's progress lines.
    pub fn as_str(self) -> &'static str {
        match self {
            PackStage::DownloadOccupations => "download_occupations",
            PackStage::DownloadInterests => "download_interests",
            PackStage::DownloadJobZones => "download_job_zones",
            PackStage::Reading => "reading",
            PackStage::Occupations => "occupations",
            PackStage::Interests => "interests",
            PackStage::JobZones => "job_zones",
            PackStage::Building => "building",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PackProgress {
    pub stage: PackStage,
    pub done: u32,
    pub total: u32,
}
