//! Database Services (`database/…`): the table list, a table's columns, and its rows.

use crate::client::{q, Client, Query};
use crate::error::Result;
use crate::paging::COLLECT_PAGE_SIZE;
use crate::types::*;
use crate::validate::{self, Range};

/// Filter and sort for Database Services rows. Strings follow the contract:
/// filters `column.[n]op.value` (or `column.na` / `column.nna`), sorts
/// `column[.descending]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsQuery {
    pub filter: Vec<String>,
    pub sort: Vec<String>,
}

impl RowsQuery {
    pub fn filter(mut self, f: impl Into<String>) -> Self {
        self.filter.push(f.into());
        self
    }
    pub fn sort(mut self, s: impl Into<String>) -> Self {
        self.sort.push(s.into());
        self
    }
}

impl Client {
    /// `GET database/` (bare array).
    pub async fn database_tables(&self) -> Result<Vec<TableSummary>> {
        self.get_list("database/", &[]).await
    }

    /// `GET database/info/{table_id}`
    pub async fn table_info(&self, table_id: &str) -> Result<TableInfo> {
        validate::table_id(table_id)?;
        self.get_json(&format!("database/info/{table_id}"), &[])
            .await
    }

    fn rows_query(table_id: &str, rq: &RowsQuery) -> Result<Query> {
        validate::table_id(table_id)?;
        let mut query = Vec::new();
        // Repeated parameters (`explode: true` in the contract).
        for f in &rq.filter {
            validate::filter(f)?;
            query.push(q("filter", f));
        }
        for s in &rq.sort {
            validate::sort(s)?;
            query.push(q("sort", s));
        }
        Ok(query)
    }

    /// One page of `database/rows/{table_id}`.
    pub async fn table_rows(
        &self,
        table_id: &str,
        rq: &RowsQuery,
        range: Range,
    ) -> Result<Page<Row>> {
        let query = Self::rows_query(table_id, rq)?;
        Ok(self
            .page(&format!("database/rows/{table_id}"), query, range, "row")
            .await?
            .0)
    }

    /// Every row matching the query, all pages collected.
    pub async fn table_rows_all(&self, table_id: &str, rq: &RowsQuery) -> Result<Vec<Row>> {
        let query = Self::rows_query(table_id, rq)?;
        Ok(self
            .collect(
                &format!("database/rows/{table_id}"),
                query,
                "row",
                COLLECT_PAGE_SIZE,
            )
            .await?
            .0)
    }
}
