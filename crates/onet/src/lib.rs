//! Typed async client for O*NET Web Services API v2, as Waypoint uses it.
//!
//! No Tauri, no storage: the app, the CLI and tests share it. See README.md
//! for the decisions taken where the contract (`shared/onet-api-v2.md`) is open.

mod client;
mod error;
mod search;
mod types;
pub mod validate;

pub use client::{
    CareerMatch, Client, ClientBuilder, Form, RetryPolicy, RowsQuery, COLLECT_PAGE_SIZE,
    CONNECT_TIMEOUT, MAX_BODY_BYTES, MAX_COLLECT_PAGES, REQUEST_TIMEOUT,
};
pub use error::{Error, Result};
pub use secrecy::SecretString;
pub use types::*;
pub use validate::{Range, Scores};
