//! Typed async client for O*NET Web Services API v2, as Waypoint uses it.
//!
//! No Tauri, no storage: the app, the CLI and tests share it. See README.md
//! for the decisions taken where the contract (`shared/onet-api-v2.md`) is open.
//!
//! `client` holds the [`Client`]; `transport` sends and retries one request; `paging` reads
//! and collects pages; `interest_profiler`, `careers`, `search` and `database` are the resources.

mod careers;
mod client;
mod database;
mod error;
mod interest_profiler;
mod paging;
mod search;
mod transport;
mod types;
pub mod validate;

pub use client::Client;
pub use database::RowsQuery;
pub use error::{Error, Result};
pub use interest_profiler::{CareerMatch, Form};
pub use paging::{COLLECT_PAGE_SIZE, MAX_COLLECT_PAGES};
pub use secrecy::SecretString;
pub use transport::{ClientBuilder, RetryPolicy, CONNECT_TIMEOUT, MAX_BODY_BYTES, REQUEST_TIMEOUT};
pub use types::*;
pub use validate::{Range, Scores};
