//! The crate's only file I/O: reading an O*NET database release in its tab-separated text
//! format, from a `.zip` or an unpacked folder, into an [`OccupationPack`] (rules in
//! [`crate::pack`]).
//!
//! The files are tab-separated with a header row and no quoting (a `"` is an ordinary
//! character in O*NET's text files); they are parsed with the `csv` crate.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::OccupationPack;
use crate::pack::{Builder, Progress, Stage, PROGRESS_EVERY};
use crate::search::{AltTitle, TitleSource};

pub const OCCUPATION_DATA_FILE: &str = "Occupation Data.txt";
pub const INTERESTS_FILE: &str = "Interests.txt";
pub const JOB_ZONES_FILE: &str = "Job Zones.txt";

/// Read when present, for search and "also called"; a release without them still imports.
pub const REPORTED_TITLES_FILE: &str = "Sample of Reported Titles.txt";
pub const ALTERNATE_TITLES_FILE: &str = "Alternate Titles.txt";

const NEEDED: [&str; 3] = [OCCUPATION_DATA_FILE, INTERESTS_FILE, JOB_ZONES_FILE];
const OPTIONAL: [&str; 2] = [REPORTED_TITLES_FILE, ALTERNATE_TITLES_FILE];

/// The files read from a release: the three needed, and the optional ones found.
struct Files {
    needed: [Tsv; 3],
    optional: Vec<Tsv>,
}

/// Most bytes read from one release file, in a folder or unpacked from a zip: the largest
/// real one (`Interests.txt`) is under 1 MB, so three of these (192 MiB in all) bound an
/// import whatever sizes a zip declares or a bomb unpacks to.
pub const RELEASE_FILE_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most data rows read from one release file. The largest real one (`Alternate
/// Titles.txt`, ≈ 57,000 rows) is well under it; without a cap, 64 MiB of one-character
/// lines would become tens of millions of records in memory.
pub const RELEASE_FILE_MAX_ROWS: usize = 250_000;

/// One tab-separated release file, read whole (the largest needed is well under 1 MB).
struct Tsv {
    name: &'static str,
    text: String,
}

/// UTF-8, or Latin-1 for older releases; a BOM is dropped and CRLF becomes LF.
fn decode(bytes: Vec<u8>) -> String {
    let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    };
    let s = s.strip_prefix('\u{feff}').unwrap_or(&s);
    s.replace("\r\n", "\n")
}

impl Tsv {
    /// Runs `each` on every data row with the requested columns picked out, in order.
    fn rows(
        &self,
        b: &mut Builder,
        stage: Stage,
        columns: &[&str],
        progress: &mut dyn FnMut(Progress),
        mut each: impl FnMut(&mut Builder, usize, &[&str]) -> std::result::Result<(), String>,
    ) -> Result<()> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            // Short rows are reported below with their line, not as a parse error.
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(self.text.as_bytes());
        let unreadable = |e: csv::Error| {
            let line = e.position().map(|p| p.line() as usize);
            Error::pack(self.name, line, format!("cannot be read: {e}"))
        };
        let names: Vec<String> = reader
            .headers()
            .map_err(unreadable)?
            .iter()
            .map(str::to_string)
            .collect();
        if names.iter().all(String::is_empty) {
            return Err(Error::pack(
                self.name,
                None,
                "the file is empty (no header row)",
            ));
        }
        let mut idx = Vec::with_capacity(columns.len());
        for &col in columns {
            match names.iter().position(|n| n.eq_ignore_ascii_case(col)) {
                Some(i) => idx.push(i),
                None => {
                    return Err(Error::pack(
                        self.name,
                        Some(1),
                        format!(
                            "missing column \"{col}\" (the header has: {})",
                            names.join(", ")
                        ),
                    ))
                }
            }
        }
        let mut records = Vec::new();
        for r in reader.records() {
            let r = r.map_err(unreadable)?;
            // A line of blanks is no row.
            if r.iter().any(|f| !f.is_empty()) {
                if records.len() == RELEASE_FILE_MAX_ROWS {
                    return Err(Error::PackTooLarge {
                        file: self.name.to_string(),
                        what: format!("has more than {RELEASE_FILE_MAX_ROWS} rows"),
                    });
                }
                records.push(r);
            }
        }
        let total = records.len() as u64;
        progress(Progress {
            stage,
            done: 0,
            total,
        });
        let mut picked: Vec<&str> = Vec::with_capacity(columns.len());
        // Lines are counted from byte offsets: the `csv` crate's own count skips blank lines,
        // and its offset is where the blank lines before a record begin.
        let bytes = self.text.as_bytes();
        let (mut at, mut line_no) = (0usize, 1usize);
        for (done, r) in records.iter().enumerate() {
            let mut start = r.position().map_or(at, |p| p.byte() as usize);
            while bytes.get(start) == Some(&b'\n') {
                start += 1;
            }
            line_no += bytes[at..start].iter().filter(|&&c| c == b'\n').count();
            at = start;
            if r.len() < names.len() {
                b.bad(
                    self.name,
                    Some(line_no),
                    format!(
                        "expected {} tab-separated fields, found {} (is the file cut short?)",
                        names.len(),
                        r.len()
                    ),
                );
            } else {
                picked.clear();
                picked.extend(idx.iter().map(|&k| &r[k]));
                if let Err(m) = each(b, line_no, &picked) {
                    b.bad(self.name, Some(line_no), m);
                }
            }
            let done = done as u64 + 1;
            if done % PROGRESS_EVERY as u64 == 0 {
                progress(Progress { stage, done, total });
            }
        }
        progress(Progress {
            stage,
            done: total,
            total,
        });
        Ok(())
    }
}

fn parse_num(s: &str, what: &str) -> std::result::Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{what} {s:?} is not a number"))
}

fn non_empty<'a>(s: &'a str, what: &str) -> std::result::Result<&'a str, String> {
    if s.is_empty() {
        Err(format!("{what} is empty"))
    } else {
        Ok(s)
    }
}

fn from_tsv(
    release: &str,
    files: Files,
    progress: &mut dyn FnMut(Progress),
) -> Result<(OccupationPack, Vec<AltTitle>)> {
    let [occ, int, jz] = files.needed;
    let mut b = Builder::default();
    let mut titles = Vec::new();
    for f in &files.optional {
        // Small files next to the rest: no progress of their own.
        if f.name == REPORTED_TITLES_FILE {
            f.rows(
                &mut b,
                Stage::Reading,
                &[
                    "O*NET-SOC Code",
                    "Reported Job Title",
                    "Shown in My Next Move",
                ],
                &mut |_| {},
                |_, _, r| {
                    titles.push(AltTitle {
                        code: non_empty(r[0], "O*NET-SOC Code")?.to_string(),
                        title: non_empty(r[1], "Reported Job Title")?.to_string(),
                        shown: r[2].eq_ignore_ascii_case("Y"),
                        source: TitleSource::Reported,
                    });
                    Ok(())
                },
            )?;
        } else {
            f.rows(
                &mut b,
                Stage::Reading,
                &["O*NET-SOC Code", "Alternate Title"],
                &mut |_| {},
                |_, _, r| {
                    titles.push(AltTitle {
                        code: non_empty(r[0], "O*NET-SOC Code")?.to_string(),
                        title: non_empty(r[1], "Alternate Title")?.to_string(),
                        shown: false,
                        source: TitleSource::Alternate,
                    });
                    Ok(())
                },
            )?;
        }
    }
    occ.rows(
        &mut b,
        Stage::OccupationData,
        &["O*NET-SOC Code", "Title"],
        progress,
        |b, _, f| {
            let code = non_empty(f[0], "O*NET-SOC Code")?;
            let title = non_empty(f[1], "Title")?;
            b.titles.insert(code.to_string(), title.to_string());
            Ok(())
        },
    )?;
    int.rows(
        &mut b,
        Stage::Interests,
        &["O*NET-SOC Code", "Element ID", "Scale ID", "Data Value"],
        progress,
        |b, line, f| {
            let code = non_empty(f[0], "O*NET-SOC Code")?;
            let value = parse_num(f[3], "Data Value")?;
            b.interest(INTERESTS_FILE, Some(line), code, f[1], f[2], value as f32);
            Ok(())
        },
    )?;
    jz.rows(
        &mut b,
        Stage::JobZones,
        &["O*NET-SOC Code", "Job Zone"],
        progress,
        |b, line, f| {
            let code = non_empty(f[0], "O*NET-SOC Code")?;
            let zone = parse_num(f[1], "Job Zone")?;
            b.zone(JOB_ZONES_FILE, Some(line), code, zone);
            Ok(())
        },
    )?;
    let pack = b.finish(
        release,
        OccupationPack::SOURCE_RELEASE_FILE,
        INTERESTS_FILE,
        progress,
    )?;
    let codes: std::collections::HashSet<&str> =
        pack.occupations.iter().map(|o| o.code.as_str()).collect();
    titles.retain(|t| codes.contains(t.code.as_str()));
    Ok((pack, titles))
}

/// A release name from a zip or folder name: `db_29_3_text` → `29.3`; anything else as is.
pub fn release_from_name(name: &str) -> String {
    let stem = name.strip_suffix(".zip").unwrap_or(name);
    let parts: Vec<&str> = stem.split('_').collect();
    if let ["db", major, minor, ..] = parts.as_slice() {
        if !major.is_empty()
            && !minor.is_empty()
            && major.bytes().all(|c| c.is_ascii_digit())
            && minor.bytes().all(|c| c.is_ascii_digit())
        {
            return format!("{major}.{minor}");
        }
    }
    stem.to_string()
}

/// Imports an O*NET database release in its tab-separated text format: a `.zip` (the
/// three files may sit in a subfolder) or a folder holding `Occupation Data.txt`,
/// `Interests.txt` and `Job Zones.txt`. `release` names it; `None` takes the name from
/// the zip or folder (see [`release_from_name`]). Bright Outlook is unknown (`None`).
pub fn import_release(
    path: &Path,
    release: Option<&str>,
    progress: &mut dyn FnMut(Progress),
) -> Result<OccupationPack> {
    Ok(import_release_with_titles(path, release, progress)?.0)
}

/// [`import_release`], with the other titles of the pack's occupations from
/// `Sample of Reported Titles.txt` and `Alternate Titles.txt` when the release has them
/// (none when it has neither).
pub fn import_release_with_titles(
    path: &Path,
    release: Option<&str>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(OccupationPack, Vec<AltTitle>)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path.display(), e))?;
    let release = match release {
        Some(r) => r.trim().to_string(),
        None => release_from_name(
            &path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    progress(Progress {
        stage: Stage::Reading,
        done: 0,
        total: 3,
    });
    let files = if meta.is_dir() {
        read_folder(path, progress)?
    } else {
        read_zip(path, progress)?
    };
    from_tsv(&release, files, progress)
}

fn read_folder(dir: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Files> {
    let mut out = Vec::with_capacity(3);
    for (i, name) in NEEDED.into_iter().enumerate() {
        let p = dir.join(name);
        if !p.is_file() {
            return Err(Error::pack(
                name,
                None,
                format!("not found in folder {}", dir.display()),
            ));
        }
        let file = std::fs::File::open(&p).map_err(|e| Error::io(p.display(), e))?;
        let bytes = read_capped(name, file, &p.display().to_string())?;
        out.push(Tsv {
            name,
            text: decode(bytes),
        });
        progress(Progress {
            stage: Stage::Reading,
            done: i as u64 + 1,
            total: 3,
        });
    }
    let mut optional = Vec::new();
    for name in OPTIONAL {
        let p = dir.join(name);
        if p.is_file() {
            let file = std::fs::File::open(&p).map_err(|e| Error::io(p.display(), e))?;
            let bytes = read_capped(name, file, &p.display().to_string())?;
            optional.push(Tsv {
                name,
                text: decode(bytes),
            });
        }
    }
    Ok(Files {
        needed: out.try_into().unwrap_or_else(|_| unreachable!()),
        optional,
    })
}

fn read_zip(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Files> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path.display(), e))?;
    let shown = path.display().to_string();
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
        Error::pack(
            &shown,
            None,
            format!("not a readable zip archive ({e}); choose the O*NET release .zip or its unpacked folder"),
        )
    })?;
    // Entry names may carry a folder prefix (db_29_3_text/Interests.txt).
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let mut out = Vec::with_capacity(3);
    for (i, name) in NEEDED.into_iter().enumerate() {
        let entry = names
            .iter()
            .filter(|n| n.rsplit(['/', '\\']).next() == Some(name))
            .min_by_key(|n| n.len())
            .ok_or_else(|| Error::pack(name, None, format!("not found in archive {shown}")))?;
        let f = zip
            .by_name(entry)
            .map_err(|e| Error::pack(name, None, format!("cannot open in archive {shown}: {e}")))?;
        // The size the entry declares is not trusted, not even for a first allocation.
        let bytes = read_capped(name, f, &format!("archive {shown}")).map_err(|e| match e {
            Error::PackIo { message, .. } => Error::pack(
                name,
                None,
                format!("cannot be read from archive {shown} (is it damaged?): {message}"),
            ),
            e => e,
        })?;
        out.push(Tsv {
            name,
            text: decode(bytes),
        });
        progress(Progress {
            stage: Stage::Reading,
            done: i as u64 + 1,
            total: 3,
        });
    }
    let mut optional = Vec::new();
    for name in OPTIONAL {
        let Some(entry) = names
            .iter()
            .filter(|n| n.rsplit(['/', '\\']).next() == Some(name))
            .min_by_key(|n| n.len())
        else {
            continue;
        };
        let mut f = zip
            .by_name(entry)
            .map_err(|e| Error::pack(name, None, format!("cannot open in archive {shown}: {e}")))?;
        // The same cap as the needed files: a title file is no exemption for a zip bomb.
        let bytes = read_capped(name, &mut f, &shown).map_err(|e| match e {
            Error::PackIo { message, .. } => Error::pack(
                name,
                None,
                format!("cannot be read from archive {shown} (is it damaged?): {message}"),
            ),
            e => e,
        })?;
        optional.push(Tsv {
            name,
            text: decode(bytes),
        });
    }
    Ok(Files {
        needed: out.try_into().unwrap_or_else(|_| unreachable!()),
        optional,
    })
}

/// Reads `name` from `from` up to [`RELEASE_FILE_MAX_BYTES`]; one byte more is an error.
fn read_capped(name: &str, from: impl Read, shown: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    from.take(RELEASE_FILE_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(shown, e))?;
    if bytes.len() as u64 > RELEASE_FILE_MAX_BYTES {
        return Err(Error::PackTooLarge {
            file: name.to_string(),
            what: format!(
                "is larger than {} MiB in {shown}",
                RELEASE_FILE_MAX_BYTES / (1024 * 1024)
            ),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(name: &'static str, text: &str) -> Tsv {
        Tsv {
            name,
            text: decode(text.as_bytes().to_vec()),
        }
    }

    /// Rows as `each` sees them, with their line numbers, and the problems reported.
    fn read(text: &str, columns: &[&str]) -> (Vec<(usize, Vec<String>)>, Vec<String>) {
        let mut b = Builder::default();
        let mut rows = Vec::new();
        tsv(OCCUPATION_DATA_FILE, text)
            .rows(
                &mut b,
                Stage::OccupationData,
                columns,
                &mut |_| {},
                |_, line, f| {
                    rows.push((line, f.iter().map(|s| s.to_string()).collect()));
                    Ok(())
                },
            )
            .unwrap();
        let problems = b
            .problems
            .iter()
            .map(|(_, l, m)| format!("{l:?} {m}"))
            .collect();
        (rows, problems)
    }

    #[test]
    fn quotes_are_plain_characters_and_blank_lines_keep_line_numbers() {
        let text = "O*NET-SOC Code\tTitle\tDescription\r\n\
                    11-1011.00\t Chief \"Top\" Executives \t\"Plan\r\n\
                    \r\n\
                    11-1021.00\tGeneral Managers\tDirect \"and\" plan\r\n";
        let (rows, problems) = read(text, &["Title", "o*net-soc code"]);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            rows,
            vec![
                (
                    2,
                    vec!["Chief \"Top\" Executives".into(), "11-1011.00".into()]
                ),
                (4, vec!["General Managers".into(), "11-1021.00".into()]),
            ]
        );
    }

    #[test]
    fn a_short_row_is_reported_with_its_line() {
        let (rows, problems) = read(
            "O*NET-SOC Code\tTitle\n11-1011.00\tChief Executives\n11-10\n",
            &["Title"],
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(
            problems,
            vec!["Some(3) expected 2 tab-separated fields, found 1 (is the file cut short?)"]
        );
    }

    #[test]
    fn an_empty_file_has_no_header() {
        let mut b = Builder::default();
        let e = tsv(INTERESTS_FILE, "")
            .rows(
                &mut b,
                Stage::Interests,
                &["Title"],
                &mut |_| {},
                |_, _, _| Ok(()),
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Interests.txt: the file is empty (no header row)"
        );
    }
}
