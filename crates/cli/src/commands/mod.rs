//! One module per subcommand; each exposes `Args` (if any) and `run`.

pub mod about;
pub mod batch;
pub mod careers;
pub mod pack;
pub mod prepare;
pub mod questions;
pub mod report;
pub mod report_pdf;
pub mod score;
pub mod search;
