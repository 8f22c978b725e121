use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use waypoint_profiler::{Area, Scores};

use crate::error::{Result, StoreError};
use crate::model::{
    fit_str, form_str, interest_code, parse_fit, parse_form, parse_tab, AreaDiff, CareerRow,
    CareerSource, CareerTab, Comparison, Session, SessionSummary,
};
use crate::timefmt::{from_text, to_text};
use crate::Store;

impl Store {
    /// Save a finished result with its careers snapshot. Fails with
    /// `store.invalid_input` if the id is already taken.
    pub fn save_session(&self, session: &Session) -> Result<()> {
        session.validate()?;
        self.write(|tx| {
            if exists(tx, &session.id)? {
                return Err(StoreError::InvalidInput(format!(
                    "a result with id {} is already saved",
                    session.id
                )));
            }
            insert(tx, session)
        })
    }

    /// Save the result of a draft and drop the draft in one transaction, so a
    /// crash in between neither loses the result nor leaves a stale draft.
    pub fn finish_draft(&self, draft_id: &str, session: &Session) -> Result<()> {
        session.validate()?;
        self.write(|tx| {
            let n = tx.execute("DELETE FROM drafts WHERE id = ?1", [draft_id])?;
            if n == 0 {
                return Err(StoreError::not_found("draft", draft_id));
            }
            if exists(tx, &session.id)? {
                return Err(StoreError::InvalidInput(format!(
                    "a result with id {} is already saved",
                    session.id
                )));
            }
            insert(tx, session)
        })
    }

    /// Change (or clear) the label of a saved result.
    pub fn set_session_label(&self, id: &str, label: Option<&str>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE sessions SET label = ?2 WHERE id = ?1",
                params![id, label],
            )?;
            if n == 0 {
                return Err(StoreError::not_found("saved result", id));
            }
            Ok(())
        })
    }

    /// Saved results, newest first.
    pub fn list_sessions(&self) -> Result<Vec<SessionSummary>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, finished_at, form, label, realistic, investigative, artistic,
                        social, enterprising, conventional
                 FROM sessions ORDER BY finished_at DESC, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    scores_at(r, 4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, finished, form, label, scores) = row?;
                out.push(SessionSummary {
                    id,
                    finished_at: from_text(&finished)?,
                    form: parse_form(&form)?,
                    code: interest_code(&scores),
                    label,
                });
            }
            Ok(out)
        })
    }

    /// One page of saved results, newest first, optionally only those whose label has words
    /// starting with each word of `query.label` (case and accents ignored). Reads only the
    /// page, through indexes: as quick at 50,000 results as at 50.
    pub fn list_sessions_page(&self, query: &SessionQuery) -> Result<SessionPage> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let after = match &query.after {
            Some(cursor) => Some(cursor.split_once('|').ok_or_else(|| {
                StoreError::InvalidInput(format!("not a page cursor: {cursor:?}"))
            })?),
            None => None,
        };
        let words = match query.label.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match fts_prefix_query(text) {
                Some(w) => Some(w),
                // Only punctuation was typed: it matches no word.
                None => return Ok(SessionPage::default()),
            },
        };
        // Conditions are left out rather than bound as NULL, so that SQLite seeks the
        // `sessions_by_finished` index to the cursor and reads the label index only when asked.
        let filter = if words.is_some() {
            "rid IN (SELECT rowid FROM sessions_label WHERE sessions_label MATCH :words)"
        } else {
            "1"
        };
        let seek = if after.is_some() {
            "finished_at <= :time AND (finished_at < :time OR id > :id)"
        } else {
            "1"
        };
        self.read(|c| {
            let mut count =
                c.prepare_cached(&format!("SELECT count(*) FROM sessions WHERE {filter}"))?;
            if let Some(w) = &words {
                count.raw_bind_parameter(c":words", w)?;
            }
            let total: i64 = count
                .raw_query()
                .next()?
                .map(|r| r.get(0))
                .transpose()?
                .unwrap_or(0);
            let total = total as u64;
            let mut stmt = c.prepare_cached(&format!(
                "SELECT id, finished_at, form, label, realistic, investigative, artistic,
                        social, enterprising, conventional
                 FROM sessions WHERE {seek} AND {filter}
                 ORDER BY finished_at DESC, id
                 LIMIT :limit"
            ))?;
            if let Some(w) = &words {
                stmt.raw_bind_parameter(c":words", w)?;
            }
            if let Some((time, id)) = after {
                stmt.raw_bind_parameter(c":time", time)?;
                stmt.raw_bind_parameter(c":id", id)?;
            }
            // One more than asked for tells whether there is a next page.
            stmt.raw_bind_parameter(c":limit", i64::from(limit) + 1)?;
            let mut rows = stmt.raw_query();
            let mut items = Vec::new();
            let mut next = None;
            while let Some(r) = rows.next()? {
                if items.len() == limit as usize {
                    let last: &SessionSummary = &items[items.len() - 1];
                    next = Some(format!("{}|{}", to_text(last.finished_at)?, last.id));
                    break;
                }
                let scores = scores_at(r, 4)?;
                items.push(SessionSummary {
                    id: r.get(0)?,
                    finished_at: from_text(&r.get::<_, String>(1)?)?,
                    form: parse_form(&r.get::<_, String>(2)?)?,
                    code: interest_code(&scores),
                    label: r.get(3)?,
                });
            }
            Ok(SessionPage { items, next, total })
        })
    }

    /// One saved result, with its careers exactly as shown.
    pub fn get_session(&self, id: &str) -> Result<Session> {
        self.read(|c| load(c, id)?.ok_or_else(|| StoreError::not_found("saved result", id)))
    }

    /// Delete one saved result and its careers snapshot.
    pub fn delete_session(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(StoreError::not_found("saved result", id));
            }
            Ok(())
        })
    }

    /// Score differences per area, `b - a`.
    pub fn compare_sessions(&self, a: &str, b: &str) -> Result<Comparison> {
        self.read(|c| {
            let (sa, xa) = summary(c, a)?;
            let (sb, xb) = summary(c, b)?;
            let areas = Area::ALL
                .into_iter()
                .map(|area| {
                    let (va, vb) = (xa.get(area), xb.get(area));
                    AreaDiff {
                        area,
                        a: va,
                        b: vb,
                        delta: i16::from(vb) - i16::from(va),
                    }
                })
                .collect();
            Ok(Comparison {
                a: sa,
                b: sb,
                areas,
            })
        })
    }
}

/// The largest page [`Store::list_sessions_page`] returns.
pub const MAX_PAGE: u32 = 500;

/// Which saved results to list, see [`Store::list_sessions_page`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionQuery {
    /// Words to find in the label; `None` or blank lists every result.
    pub label: Option<String>,
    /// `next` of the previous page; `None` for the first.
    pub after: Option<String>,
    /// Results per page, 1 to [`MAX_PAGE`].
    pub limit: u32,
}

/// One page of the history list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SessionPage {
    pub items: Vec<SessionSummary>,
    /// Where the next page starts (an opaque cursor), `None` on the last page.
    pub next: Option<String>,
    /// How many results match in all pages.
    pub total: u64,
}

/// The label search as an FTS5 query: each word of `text` as a quoted prefix, all required.
/// `None` when `text` has no word at all; `Some` of nothing is never returned.
fn fts_prefix_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

pub(crate) fn exists(c: &Connection, id: &str) -> Result<bool> {
    Ok(
        c.query_row("SELECT 1 FROM sessions WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some(),
    )
}

fn scores_at(r: &Row<'_>, first: usize) -> rusqlite::Result<Scores> {
    let mut a = [0u8; 6];
    for (i, slot) in a.iter_mut().enumerate() {
        *slot = r.get(first + i)?;
    }
    Ok(Scores::from_array(a))
}

fn summary(c: &Connection, id: &str) -> Result<(SessionSummary, Scores)> {
    let row = c
        .query_row(
            "SELECT finished_at, form, label, realistic, investigative, artistic, social,
                    enterprising, conventional
             FROM sessions WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    scores_at(r, 3)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::not_found("saved result", id))?;
    let (finished, form, label, scores) = row;
    Ok((
        SessionSummary {
            id: id.to_owned(),
            finished_at: from_text(&finished)?,
            form: parse_form(&form)?,
            code: interest_code(&scores),
            label,
        },
        scores,
    ))
}

pub(crate) fn insert(c: &Connection, s: &Session) -> Result<()> {
    let sc = s.scores.as_array();
    c.prepare_cached(
        "INSERT INTO sessions (id, started_at, finished_at, form, lang, answers, realistic,
             investigative, artistic, social, enterprising, conventional, job_zone, label)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        s.id,
        to_text(s.started_at)?,
        to_text(s.finished_at)?,
        form_str(s.form),
        s.lang.code(),
        s.answers,
        sc[0],
        sc[1],
        sc[2],
        sc[3],
        sc[4],
        sc[5],
        s.job_zone,
        s.label,
    ])?;
    let rid = c.last_insert_rowid();
    for (ti, tab) in s.careers.iter().enumerate() {
        insert_tab(c, rid, ti as i64, tab)?;
    }
    Ok(())
}

/// One careers tab of a saved result with its rows, at `position` among the tabs.
pub(crate) fn insert_tab(c: &Connection, rid: i64, position: i64, tab: &CareerTab) -> Result<()> {
    let key = tab.tab.key();
    c.prepare_cached(
        "INSERT INTO session_tabs (session_rid, tab, position, total) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![rid, key, position, tab.total])?;
    let mut row_stmt = c.prepare_cached(
        "INSERT INTO session_careers (session_rid, tab, position, code, title, fit,
             bright_outlook, source, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (ri, row) in tab.rows.iter().enumerate() {
        row_stmt.execute(params![
            rid,
            key,
            ri as i64,
            row.code,
            row.title,
            row.fit.map(fit_str),
            row.bright_outlook,
            row.source.as_str(),
            to_text(row.fetched_at)?,
        ])?;
    }
    Ok(())
}

pub(crate) fn load(c: &Connection, id: &str) -> Result<Option<Session>> {
    let head = c
        .prepare_cached(
            "SELECT started_at, finished_at, form, lang, answers, realistic, investigative,
                    artistic, social, enterprising, conventional, job_zone, label, rid
             FROM sessions WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                scores_at(r, 5)?,
                r.get::<_, Option<u8>>(11)?,
                r.get::<_, Option<String>>(12)?,
                r.get::<_, i64>(13)?,
            ))
        })
        .optional()?;
    let Some((started, finished, form, lang, answers, scores, job_zone, label, rid)) = head else {
        return Ok(None);
    };

    let mut tabs: Vec<CareerTab> = Vec::new();
    {
        let mut stmt = c.prepare_cached(
            "SELECT tab, total FROM session_tabs WHERE session_rid = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([rid], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (key, total) = row?;
            tabs.push(CareerTab {
                tab: parse_tab(&key)?,
                total,
                rows: Vec::new(),
            });
        }
    }
    {
        let mut stmt = c.prepare_cached(
            "SELECT tab, code, title, fit, bright_outlook, source, fetched_at
             FROM session_careers WHERE session_rid = ?1 ORDER BY tab, position",
        )?;
        let rows = stmt.query_map([rid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<bool>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        for row in rows {
            let (key, code, title, fit, bright, source, fetched) = row?;
            let tab = parse_tab(&key)?;
            let slot = tabs
                .iter_mut()
                .find(|t| t.tab == tab)
                .ok_or_else(|| StoreError::Data(format!("career row for missing tab {key}")))?;
            slot.rows.push(CareerRow {
                code,
                title,
                fit: fit.as_deref().map(parse_fit).transpose()?,
                bright_outlook: bright,
                source: CareerSource::parse(&source)?,
                fetched_at: from_text(&fetched)?,
            });
        }
    }

    Ok(Some(Session {
        id: id.to_owned(),
        started_at: from_text(&started)?,
        finished_at: from_text(&finished)?,
        form: parse_form(&form)?,
        lang: crate::model::parse_lang(&lang)?,
        answers,
        scores,
        job_zone,
        label,
        careers: tabs,
    }))
}

pub(crate) fn all_ids(c: &Connection) -> Result<Vec<String>> {
    let mut stmt = c.prepare("SELECT id FROM sessions ORDER BY finished_at DESC, id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

pub(crate) fn delete(c: &Connection, id: &str) -> Result<()> {
    c.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
    Ok(())
}
