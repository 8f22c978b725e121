//! One module per subcommand; each exposes `Args` (if any) and `run`.

pub mod about;
pub mod careers;
pub mod questions;
pub mod report;
