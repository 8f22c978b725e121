//! Building an [`OccupationPack`] from the three O*NET tables, without I/O: from Database
//! Services rows (the O*NET service) here, and from a release's tab-separated files in
//! [`crate::release_files`], the one module that reads files. Persistence is another crate's job.
//!
//! Both paths read the same three tables. Interests rows with scale `OI` give the six
//! 1–7 values (elements `1.B.1.a`–`f` = R I A S E C); scale `IH` rows (`1.B.1.g`–`i`)
//! give the first to third high point as 0 (none) or 1–6 = R–C. Only occupations with
//! all six OI values enter the pack, since nothing else can be matched.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Area, Occupation, OccupationPack};

/// Which part of an import is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Opening the archive or folder and reading the three files.
    Reading,
    OccupationData,
    Interests,
    JobZones,
    Building,
}

/// Progress of an import: `done` of `total` rows (or files) in `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// Rows between progress reports: often enough for a smooth bar, rare enough to be free.
pub(crate) const PROGRESS_EVERY: usize = 1000;

/// Bad rows listed in one error before summarising the rest.
const MAX_REPORTED: usize = 5;

const OI_ELEMENTS: [&str; 6] = [
    "1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f",
];
const IH_ELEMENTS: [&str; 3] = ["1.B.1.g", "1.B.1.h", "1.B.1.i"];

/// Collects the three tables' rows and every bad row, then builds the pack.
#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) titles: HashMap<String, String>,
    oi: HashMap<String, [Option<f32>; 6]>,
    ih: HashMap<String, [u8; 3]>,
    zones: HashMap<String, u8>,
    /// (where, line, message) of every bad row, in input order.
    pub(crate) problems: Vec<(String, Option<usize>, String)>,
}

impl Builder {
    pub(crate) fn bad(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.problems.push((file.to_string(), line, message.into()));
    }

    pub(crate) fn interest(
        &mut self,
        file: &str,
        line: Option<usize>,
        code: &str,
        element: &str,
        scale: &str,
        value: f32,
    ) {
        match scale.trim() {
            "OI" => {
                // Unknown elements under OI are ignored so a future release with extra
                // interest elements still imports.
                let Some(k) = OI_ELEMENTS.iter().position(|e| *e == element.trim()) else {
                    return;
                };
                if !(1.0..=7.0).contains(&value) {
                    return self.bad(file, line, format!("OI value {value} is outside 1–7"));
                }
                let slot = &mut self.oi.entry(code.to_string()).or_default()[k];
                if slot.is_some() {
                    return self.bad(
                        file,
                        line,
                        format!("second OI value for {code} {}", Area::ALL[k]),
                    );
                }
                *slot = Some(value);
            }
            "IH" => {
                let Some(k) = IH_ELEMENTS.iter().position(|e| *e == element.trim()) else {
                    return;
                };
                if value.fract() != 0.0 || !(0.0..=6.0).contains(&value) {
                    return self.bad(
                        file,
                        line,
                        format!("IH value {value} is not a high point (0 for none, 1–6 for R–C)"),
                    );
                }
                self.ih.entry(code.to_string()).or_default()[k] = value as u8;
            }
            _ => {}
        }
    }

    pub(crate) fn zone(&mut self, file: &str, line: Option<usize>, code: &str, zone: f64) {
        if zone.fract() != 0.0 || !(1.0..=5.0).contains(&zone) {
            return self.bad(file, line, format!("Job Zone {zone} is not 1–5"));
        }
        self.zones.insert(code.to_string(), zone as u8);
    }

    pub(crate) fn finish(
        mut self,
        release: &str,
        source: &str,
        interests_name: &str,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<OccupationPack> {
        let mut codes: Vec<String> = self.oi.keys().cloned().collect();
        codes.sort();
        let total = codes.len() as u64;
        progress(Progress {
            stage: Stage::Building,
            done: 0,
            total,
        });
        let mut occupations = Vec::with_capacity(codes.len());
        for code in codes {
            let values = self.oi[&code];
            let missing: Vec<&str> = Area::ALL
                .iter()
                .zip(values)
                .filter(|(_, v)| v.is_none())
                .map(|(a, _)| a.name())
                .collect();
            if !missing.is_empty() {
                self.bad(
                    interests_name,
                    None,
                    format!(
                        "occupation {code} has no OI value for {}",
                        missing.join(", ")
                    ),
                );
                continue;
            }
            let Some(title) = self.titles.get(&code).cloned() else {
                self.bad(
                    interests_name,
                    None,
                    format!("occupation {code} has interests but no title in the occupation data"),
                );
                continue;
            };
            let high_point: String = self
                .ih
                .get(&code)
                .map(|hp| {
                    hp.iter()
                        .filter(|&&v| v > 0)
                        .map(|&v| Area::ALL[usize::from(v) - 1].letter())
                        .collect()
                })
                .unwrap_or_default();
            // `validate`'s rule: a pack that imports passes its own crate's check.
            if let Some(twice) = high_point
                .char_indices()
                .find(|&(i, c)| high_point[..i].contains(c))
                .map(|(_, c)| c)
            {
                self.bad(
                    interests_name,
                    None,
                    format!("occupation {code} names {twice} as more than one of its high points"),
                );
                continue;
            }
            occupations.push(Occupation {
                job_zone: self.zones.get(&code).copied(),
                code,
                title,
                bright_outlook: None,
                interests: values.map(|v| v.unwrap_or_default()),
                high_point,
            });
        }
        if !self.problems.is_empty() {
            let n = self.problems.len();
            let (file, line, mut message) = self.problems[0].clone();
            for (f, l, m) in self.problems.iter().skip(1).take(MAX_REPORTED - 1) {
                match l {
                    Some(l) => message.push_str(&format!("; {f}, line {l}: {m}")),
                    None => message.push_str(&format!("; {f}: {m}")),
                }
            }
            if n > MAX_REPORTED {
                message.push_str(&format!(" (and {} more problems)", n - MAX_REPORTED));
            }
            return Err(Error::PackInvalid {
                file,
                line,
                message,
            });
        }
        if occupations.is_empty() {
            return Err(Error::pack(
                interests_name,
                None,
                "no occupation has a complete interest profile (OI values), so nothing can be matched",
            ));
        }
        progress(Progress {
            stage: Stage::Building,
            done: total,
            total,
        });
        Ok(OccupationPack {
            release: release.to_string(),
            source: source.to_string(),
            occupations,
        })
    }
}

/// Checks a pack that comes from elsewhere (e.g. loaded back from storage): a known
/// source, unique non-empty codes and titles, OI values within 1–7, zones 1–5 and
/// high-point letters from RIASEC.
pub fn validate(pack: &OccupationPack) -> Result<()> {
    let what = format!("occupation pack {:?}", pack.release);
    if pack.source != OccupationPack::SOURCE_SERVICE
        && pack.source != OccupationPack::SOURCE_RELEASE_FILE
    {
        return Err(Error::pack(
            &what,
            None,
            format!(
                "unknown source {:?} (expected \"onet-service\" or \"release-file\")",
                pack.source
            ),
        ));
    }
    let mut seen = std::collections::HashSet::with_capacity(pack.occupations.len());
    for o in &pack.occupations {
        let bad = |m: String| Err(Error::pack(&what, None, format!("{}: {m}", o.code)));
        if o.code.trim().is_empty() || o.title.trim().is_empty() {
            return bad("empty code or title".into());
        }
        if !seen.insert(o.code.as_str()) {
            return bad("listed twice".into());
        }
        if let Some(v) = o.interests.iter().find(|v| !(1.0..=7.0).contains(*v)) {
            return bad(format!("interest value {v} is outside 1–7"));
        }
        if let Some(z) = o.job_zone.filter(|z| !(1..=5).contains(z)) {
            return bad(format!("Job Zone {z} is not 1–5"));
        }
        let letters: Vec<char> = o.high_point.chars().collect();
        let repeated = (1..letters.len()).any(|i| letters[..i].contains(&letters[i]));
        if letters.len() > 3 || repeated || letters.iter().any(|c| !"RIASEC".contains(*c)) {
            return bad(format!(
                "high-point code {:?} is not 0–3 distinct RIASEC letters",
                o.high_point
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- Database Services rows

fn str_col<'a>(row: &'a Value, col: &str) -> Option<&'a str> {
    row.get(col)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn code_of(row: &Value) -> std::result::Result<&str, String> {
    str_col(row, "onetsoc_code").ok_or_else(|| "missing onetsoc_code".to_string())
}

/// A number that the service may send as a JSON number or a string.
fn num_col(row: &Value, col: &str) -> Option<f64> {
    match row.get(col)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn rows_stage(
    b: &mut Builder,
    table: &str,
    stage: Stage,
    rows: &[Value],
    progress: &mut dyn FnMut(Progress),
    mut each: impl FnMut(&mut Builder, &str, Option<usize>, &Value) -> std::result::Result<(), String>,
) {
    let total = rows.len() as u64;
    progress(Progress {
        stage,
        done: 0,
        total,
    });
    for (i, row) in rows.iter().enumerate() {
        if let Err(m) = each(b, table, Some(i + 1), row) {
            b.bad(table, Some(i + 1), m);
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(Progress {
                stage,
                done: i as u64 + 1,
                total,
            });
        }
    }
    progress(Progress {
        stage,
        done: total,
        total,
    });
}

/// Builds a pack from Database Services rows of the `occupation_data`, `interests` and
/// `job_zones` tables (columns `onetsoc_code`, `title`; `element_id`, `scale_id`,
/// `data_value`; `job_zone`). Numbers may arrive as JSON numbers or strings. A title
/// missing from `occupation_data` is taken from a `title` column on the other tables.
/// Errors name the table and the 1-based row (as "line").
pub fn from_database_rows(
    release: &str,
    occupation_data: &[Value],
    interests: &[Value],
    job_zones: &[Value],
    progress: &mut dyn FnMut(Progress),
) -> Result<OccupationPack> {
    let mut b = Builder::default();
    rows_stage(
        &mut b,
        "occupation_data table",
        Stage::OccupationData,
        occupation_data,
        progress,
        |b, _, _, row| {
            let code = code_of(row)?;
            let title = str_col(row, "title").ok_or("missing title")?;
            b.titles.insert(code.to_string(), title.to_string());
            Ok(())
        },
    );
    rows_stage(
        &mut b,
        "interests table",
        Stage::Interests,
        interests,
        progress,
        |b, file, line, row| {
            let code = code_of(row)?;
            let element = str_col(row, "element_id").ok_or("missing element_id")?;
            let scale = str_col(row, "scale_id").ok_or("missing scale_id")?;
            let value = num_col(row, "data_value").ok_or("missing or non-numeric data_value")?;
            if let Some(t) = str_col(row, "title") {
                b.titles
                    .entry(code.to_string())
                    .or_insert_with(|| t.to_string());
            }
            b.interest(file, line, code, element, scale, value as f32);
            Ok(())
        },
    );
    rows_stage(
        &mut b,
        "job_zones table",
        Stage::JobZones,
        job_zones,
        progress,
        |b, file, line, row| {
            let code = code_of(row)?;
            let zone = num_col(row, "job_zone").ok_or("missing or non-numeric job_zone")?;
            if let Some(t) = str_col(row, "title") {
                b.titles
                    .entry(code.to_string())
                    .or_insert_with(|| t.to_string());
            }
            b.zone(file, line, code, zone);
            Ok(())
        },
    );
    b.finish(
        release,
        OccupationPack::SOURCE_SERVICE,
        "interests table",
        progress,
    )
}

/// The Database Services table of reported job titles, when the service lists it.
pub const REPORTED_TITLES_TABLE: &str = "sample_of_reported_titles";

/// "Also called" titles from Database Services rows of [`REPORTED_TITLES_TABLE`]
/// (columns `onetsoc_code`, `reported_job_title`, `shown_in_my_next_move`), keeping only
/// codes in `pack`. The table is optional, so rows without a code or a title are skipped
/// rather than failing the whole download.
pub fn titles_from_database_rows(
    pack: &OccupationPack,
    rows: &[Value],
) -> Vec<crate::search::AltTitle> {
    let codes: std::collections::HashSet<&str> =
        pack.occupations.iter().map(|o| o.code.as_str()).collect();
    rows.iter()
        .filter_map(|row| {
            let code = str_col(row, "onetsoc_code")?;
            let title = str_col(row, "reported_job_title")?;
            codes.contains(code).then(|| crate::search::AltTitle {
                code: code.to_string(),
                title: title.to_string(),
                shown: str_col(row, "shown_in_my_next_move")
                    .is_some_and(|s| s.eq_ignore_ascii_case("Y")),
                source: crate::search::TitleSource::Reported,
            })
        })
        .collect()
}
