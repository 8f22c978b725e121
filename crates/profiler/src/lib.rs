//! Waypoint's domain crate: the O*NET Interest Profiler without a network.
//!
//! - [`instrument`]: the bundled items (Short Form and Mini-IP), answer options, RIASEC
//!   area descriptions, Job Zones and the attribution text.
//! - [`answers`]: parsing and scoring answers; typed-in paper scores.
//! - [`profile`]: the high-point code and flat-profile detection.
//! - [`pack`]: building an [`OccupationPack`] from Database Services rows or an O*NET
//!   release (zip or folder of tab-separated text).
//! - [`matcher`]: offline career matching by profile correlation, with fit bands.
//! - [`batch`]: scoring a CSV of answer strings.
//!
//! No Tauri, HTTP or SQLite here: persistence and the API client live in other crates.

pub mod error;
pub mod model;

pub use error::{AnswerProblem, Error, Result};
pub use model::{Area, Fit, Form, Occupation, OccupationPack, Scores};

pub mod answers;
pub mod instrument;

pub use answers::{score_str, Answers};
pub use instrument::{AnswerOption, AreaInfo, Item, JobZone, ATTRIBUTION};

pub mod profile;

pub use profile::{high_point_code, is_flat, summarize, ProfileSummary};

pub mod matcher;

pub use matcher::{fit_for, CareerMatch, Matcher, Ranked};

pub mod pack;

pub use pack::{from_database_rows, import_release, Progress, Stage};

pub mod batch;

pub use batch::{BatchOptions, BatchSummary};
