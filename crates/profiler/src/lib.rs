//! Waypoint's domain crate: the O*NET Interest Profiler without a network.
//!
//! - [`instrument`]: the bundled items (Short Form and Mini-IP), answer options, RIASEC
//!   area descriptions, Job Zones and the attribution text.
//! - [`answers`]: parsing and scoring answers; typed-in paper scores.
//! - [`profile`]: the high-point code and flat-profile detection.
//! - [`pack`]: building an [`OccupationPack`] from Database Services rows, and checking one.
//! - [`release_files`]: the only module that reads files: an O*NET release (zip or folder
//!   of tab-separated text) into an [`OccupationPack`].
//! - [`search`]: offline keyword search over occupation titles and "also called" titles.
//! - [`matcher`]: offline career matching by profile correlation, with fit bands.
//! - [`batch`]: scoring a CSV of answer strings.
//!
//! ```
//! use waypoint_profiler::{summarize, Answers};
//! // O*NET's documented example answer string.
//! let answers = Answers::parse("553421321134342523523523254115342111351145453111231155343444")?;
//! let summary = summarize(&answers.scores());
//! assert_eq!(summary.scores.as_array(), [27, 13, 23, 25, 14, 14]);
//! assert_eq!(summary.high_point, "RSA");
//! # Ok::<(), waypoint_profiler::Error>(())
//! ```
//!
//! No Tauri, HTTP or SQLite here: persistence and the API client live in other crates, and
//! the only file reading is [`release_files`] (and [`batch`], over any `Read`/`Write`).

pub mod answers;
pub mod batch;
pub mod error;
pub mod instrument;
pub mod matcher;
pub mod model;
pub mod pack;
pub mod profile;
pub mod release_files;
pub mod search;
pub mod spreadsheet;

pub use answers::{score_str, Answers};
pub use batch::{BatchOptions, BatchSummary};
pub use error::{AnswerProblem, Error, Result};
pub use instrument::{
    answer_options, areas, items, job_zones, AnswerOption, AreaInfo, Item, JobZone, ATTRIBUTION,
};
pub use matcher::{fit_for, CareerMatch, Matcher, Ranked};
pub use model::{Area, Fit, Form, Lang, Occupation, OccupationPack, Scores, Tab};
pub use pack::{from_database_rows, titles_from_database_rows, Progress, Stage};
pub use profile::{high_point_code, is_flat, summarize, ProfileSummary};
pub use release_files::{import_release, import_release_with_titles};
pub use search::{AltTitle, SearchHit, SearchIndex, TitleSource};
