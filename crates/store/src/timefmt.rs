//! Timestamps are stored as RFC 3339 text in UTC with a fixed nine-digit
//! fraction: text order is time order (ORDER BY works on the column), a raw
//! dump stays readable, and the value comes back exactly.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::error::{Result, StoreError};

pub(crate) fn to_text(t: OffsetDateTime) -> Result<String> {
    t.to_offset(UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"
        ))
        .map_err(|e| StoreError::InvalidInput(format!("timestamp {t} cannot be stored: {e}")))
}

pub(crate) fn from_text(s: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map_err(|e| StoreError::Data(format!("bad timestamp {s:?}: {e}")))
}

/// `20261129T081500Z`, for file names.
pub(crate) fn compact(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC)
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}
