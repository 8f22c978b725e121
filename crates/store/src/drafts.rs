use rusqlite::{params, Connection, OptionalExtension};
use time::OffsetDateTime;
use waypoint_profiler::Form;

use crate::error::{Result, StoreError};
use crate::model::{form_str, parse_form, Draft};
use crate::timefmt::{from_text, to_text};
use crate::Store;
use waypoint_profiler::Lang;

impl Store {
    /// Begin a questionnaire. Typed scores have no items, so no draft.
    pub fn start_draft(&self, form: Form, lang: Lang) -> Result<Draft> {
        let Some(count) = form.item_count() else {
            return Err(StoreError::InvalidInput(
                "typed scores have no questionnaire to save as a draft".into(),
            ));
        };
        let now = OffsetDateTime::now_utc();
        let id = uuid::Uuid::new_v4().to_string();
        let now_text = to_text(now)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (id, form, lang, started_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, form_str(form), lang.code(), now_text],
            )?;
            Ok(())
        })?;
        Ok(Draft {
            id,
            form,
            lang,
            started_at: from_text(&now_text)?,
            answers: vec![None; count],
            next_item: Some(0),
        })
    }

    /// Store one answer (1–5) for item `item_index` (0-based). When this
    /// returns `Ok`, the answer is committed and survives a crash or power cut.
    pub fn record_answer(&self, draft_id: &str, item_index: u16, value: u8) -> Result<()> {
        if !(1..=5).contains(&value) {
            return Err(StoreError::InvalidInput(format!(
                "answer {value} is not 1-5"
            )));
        }
        self.write(|tx| {
            let (form, seq) = draft_head(tx, draft_id)?;
            check_index(form, item_index)?;
            tx.prepare_cached(
                "INSERT INTO draft_answers (draft_id, item_index, value, seq) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (draft_id, item_index) DO UPDATE SET value = excluded.value, seq = excluded.seq",
            )?
            .execute(params![draft_id, item_index, value, seq])?;
            touch(tx, draft_id, seq + 1)
        })
    }

    /// Remove the answer to one item (the person wants to answer it again).
    pub fn clear_answer(&self, draft_id: &str, item_index: u16) -> Result<()> {
        self.write(|tx| {
            let (form, seq) = draft_head(tx, draft_id)?;
            check_index(form, item_index)?;
            tx.execute(
                "DELETE FROM draft_answers WHERE draft_id = ?1 AND item_index = ?2",
                params![draft_id, item_index],
            )?;
            touch(tx, draft_id, seq)
        })
    }

    /// Go back: remove the most recently given answer and return its item
    /// index (the item to show again), or `None` if nothing is answered.
    pub fn undo_last_answer(&self, draft_id: &str) -> Result<Option<u16>> {
        self.write(|tx| {
            let (_, seq) = draft_head(tx, draft_id)?;
            let last: Option<u16> = tx
                .query_row(
                    "SELECT item_index FROM draft_answers WHERE draft_id = ?1
                     ORDER BY seq DESC LIMIT 1",
                    [draft_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(i) = last {
                tx.execute(
                    "DELETE FROM draft_answers WHERE draft_id = ?1 AND item_index = ?2",
                    params![draft_id, i],
                )?;
                touch(tx, draft_id, seq)?;
            }
            Ok(last)
        })
    }

    pub fn get_draft(&self, draft_id: &str) -> Result<Draft> {
        self.read(|c| load(c, draft_id)?.ok_or_else(|| StoreError::not_found("draft", draft_id)))
    }

    /// The questionnaire to continue after a quit or crash: the most recently
    /// touched draft, positioned at its first unanswered item.
    pub fn resume(&self) -> Result<Option<Draft>> {
        self.read(|c| {
            let id: Option<String> = c
                .query_row(
                    "SELECT id FROM drafts ORDER BY updated_at DESC, started_at DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            match id {
                Some(id) => load(c, &id),
                None => Ok(None),
            }
        })
    }

    pub fn discard_draft(&self, draft_id: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM drafts WHERE id = ?1", [draft_id])?;
            if n == 0 {
                return Err(StoreError::not_found("draft", draft_id));
            }
            Ok(())
        })
    }
}

fn draft_head(c: &Connection, id: &str) -> Result<(Form, i64)> {
    let (form, seq): (String, i64) = c
        .prepare_cached("SELECT form, next_seq FROM drafts WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::not_found("draft", id))?;
    Ok((parse_form(&form)?, seq))
}

fn check_index(form: Form, item_index: u16) -> Result<()> {
    let count = form.item_count().unwrap_or(0);
    if usize::from(item_index) >= count {
        return Err(StoreError::InvalidInput(format!(
            "item {item_index} is out of range for a {count}-item form"
        )));
    }
    Ok(())
}

fn touch(c: &Connection, id: &str, next_seq: i64) -> Result<()> {
    c.prepare_cached("UPDATE drafts SET updated_at = ?2, next_seq = ?3 WHERE id = ?1")?
        .execute(params![id, to_text(OffsetDateTime::now_utc())?, next_seq])?;
    Ok(())
}

fn load(c: &Connection, id: &str) -> Result<Option<Draft>> {
    let head: Option<(String, String, String)> = c
        .query_row(
            "SELECT form, lang, started_at FROM drafts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((form, lang, started)) = head else {
        return Ok(None);
    };
    let form = parse_form(&form)?;
    let count = form.item_count().unwrap_or(0);
    let mut answers = vec![None; count];
    let mut stmt =
        c.prepare_cached("SELECT item_index, value FROM draft_answers WHERE draft_id = ?1")?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, u16>(0)?, r.get::<_, u8>(1)?)))?;
    for row in rows {
        let (i, v) = row?;
        if let Some(slot) = answers.get_mut(usize::from(i)) {
            *slot = Some(v);
        }
    }
    let next_item = answers.iter().position(Option::is_none).map(|i| i as u16);
    Ok(Some(Draft {
        id: id.to_owned(),
        form,
        lang: crate::model::parse_lang(&lang)?,
        started_at: from_text(&started)?,
        answers,
        next_item,
    }))
}
