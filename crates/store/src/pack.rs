use rusqlite::{params, OptionalExtension};
use time::OffsetDateTime;
use waypoint_profiler::{AltTitle, Occupation, OccupationPack, TitleSource};

use crate::error::{Result, StoreError};
use crate::model::PackInfo;
use crate::timefmt::{from_text, to_text};
use crate::Store;

impl Store {
    /// Replace the occupation pack. One transaction: if anything fails
    /// (a duplicate code, a full disk), the previous pack stays as it was.
    pub fn replace_pack(&self, pack: &OccupationPack, imported_at: OffsetDateTime) -> Result<()> {
        self.replace_pack_with_titles(pack, &[], imported_at)
    }

    /// [`Store::replace_pack`] with the occupations' other titles (for search and "also
    /// called"), in the same transaction; the previous pack's titles go with it.
    pub fn replace_pack_with_titles(
        &self,
        pack: &OccupationPack,
        titles: &[AltTitle],
        imported_at: OffsetDateTime,
    ) -> Result<()> {
        let imported = to_text(imported_at)?;
        let count = u32::try_from(pack.occupations.len())
            .map_err(|_| StoreError::InvalidInput("occupation pack is too large".into()))?;
        self.write(|tx| {
            tx.execute("DELETE FROM pack_occupations", [])?;
            tx.execute("DELETE FROM pack_meta", [])?;
            let mut stmt = tx.prepare_cached(
                "INSERT INTO pack_occupations (position, code, title, job_zone, bright_outlook,
                     realistic, investigative, artistic, social, enterprising, conventional, high_point)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for (i, o) in pack.occupations.iter().enumerate() {
                let v = o.interests.map(f64::from);
                stmt.execute(params![
                    i as i64,
                    o.code,
                    o.title,
                    o.job_zone,
                    o.bright_outlook,
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    v[5],
                    o.high_point
                ])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        StoreError::InvalidInput(format!(
                            "occupation pack lists {} twice",
                            o.code
                        ))
                    }
                    e => e.into(),
                })?;
            }
            tx.execute("DELETE FROM pack_titles", [])?;
            let mut stmt = tx.prepare_cached(
                "INSERT INTO pack_titles (position, code, title, shown, source)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, t) in titles.iter().enumerate() {
                let source = match t.source {
                    TitleSource::Reported => "reported",
                    TitleSource::Alternate => "alternate",
                };
                stmt.execute(params![i as i64, t.code, t.title, t.shown, source])?;
            }
            tx.execute(
                "INSERT INTO pack_meta (id, release, source, imported_at, count) VALUES (1, ?1, ?2, ?3, ?4)",
                params![pack.release, pack.source, imported, count],
            )?;
            Ok(())
        })
    }

    /// The stored pack, occupations in the order they were given.
    pub fn load_pack(&self) -> Result<Option<OccupationPack>> {
        self.read(|c| {
            let meta: Option<(String, String)> = c
                .query_row(
                    "SELECT release, source FROM pack_meta WHERE id = 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((release, source)) = meta else {
                return Ok(None);
            };
            let mut stmt = c.prepare(
                "SELECT code, title, job_zone, bright_outlook, realistic, investigative, artistic,
                        social, enterprising, conventional, high_point
                 FROM pack_occupations ORDER BY position",
            )?;
            let occupations = stmt
                .query_map([], |r| {
                    let mut interests = [0f32; 6];
                    for (i, slot) in interests.iter_mut().enumerate() {
                        // Stored as f64 from an f32, so the narrowing is exact.
                        *slot = r.get::<_, f64>(4 + i)? as f32;
                    }
                    Ok(Occupation {
                        code: r.get(0)?,
                        title: r.get(1)?,
                        job_zone: r.get(2)?,
                        bright_outlook: r.get(3)?,
                        interests,
                        high_point: r.get(10)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(OccupationPack {
                release,
                source,
                occupations,
            }))
        })
    }

    /// The other titles stored with the pack, in the order they were given; none when the
    /// release had no title files.
    pub fn load_pack_titles(&self) -> Result<Vec<AltTitle>> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT code, title, shown, source FROM pack_titles ORDER BY position")?;
            let rows = stmt
                .query_map([], |r| {
                    let source: String = r.get(3)?;
                    Ok(AltTitle {
                        code: r.get(0)?,
                        title: r.get(1)?,
                        shown: r.get(2)?,
                        source: if source == "alternate" {
                            TitleSource::Alternate
                        } else {
                            TitleSource::Reported
                        },
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    pub fn pack_info(&self) -> Result<Option<PackInfo>> {
        self.read(|c| {
            let row: Option<(String, String, u32, String)> = c
                .query_row(
                    "SELECT release, source, count, imported_at FROM pack_meta WHERE id = 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            row.map(|(release, source, count, imported)| {
                Ok(PackInfo {
                    release,
                    source,
                    count,
                    imported_at: from_text(&imported)?,
                })
            })
            .transpose()
        })
    }
}
