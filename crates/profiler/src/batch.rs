//! Batch scoring: a CSV of `id,answers` rows in, one scored row per input row out.
//! A bad row gets its error message in its own row and the batch goes on.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::answers::score_str;
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::model::Area;
use crate::profile::high_point_code;
use crate::spreadsheet::spreadsheet_safe;

/// Options for [`run`].
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchOptions<'a> {
    /// Only list careers from this Job Zone (1–5).
    pub zone: Option<u8>,
    /// How many careers to list per row when a matcher is given.
    pub top_k: usize,
    /// Offline matcher; without one, rows carry scores and high-point code only.
    pub matcher: Option<&'a Matcher>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Rows whose answers were scored (a flat profile still counts as scored).
    pub scored: usize,
    /// Rows that could not be scored.
    pub failed: usize,
}

/// Scores every `id,answers` row of `input` (a header row is optional) and writes
/// `id`, the six scores, `high_point`, `error` and, with a matcher, `career_N_code` /
/// `career_N_title` for the top `top_k` careers.
pub fn run(input: impl Read, output: impl Write, opts: BatchOptions<'_>) -> Result<BatchSummary> {
    if let Some(m) = opts.matcher {
        // Refuse a bad zone once, not on every row.
        m.matchable(opts.zone)?;
    }
    let io = |e: csv::Error| Error::BatchIo(e.to_string());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let mut writer = csv::Writer::from_writer(output);

    let k = if opts.matcher.is_some() {
        opts.top_k
    } else {
        0
    };
    let mut header: Vec<String> = vec!["id".into()];
    header.extend(Area::ALL.iter().map(|a| a.name().to_ascii_lowercase()));
    header.push("high_point".into());
    header.push("error".into());
    for n in 1..=k {
        header.push(format!("career_{n}_code"));
        header.push(format!("career_{n}_title"));
    }
    writer.write_record(&header).map_err(io)?;

    let mut summary = BatchSummary::default();
    let mut record = csv::ByteRecord::new();
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            // A malformed CSV row (e.g. an unclosed quote) is the row's problem only
            // if the reader can go on; an I/O error ends the batch.
            Err(e) if e.is_io_error() => return Err(io(e)),
            Err(e) => {
                summary.failed += 1;
                writer
                    .write_record(failed_row(
                        String::new(),
                        format!("unreadable row: {e}"),
                        &header,
                    ))
                    .map_err(io)?;
                continue;
            }
        }
        let field = |i: usize| {
            record
                .get(i)
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let id = field(0).unwrap_or_default();
        let answers = field(1);
        if std::mem::take(&mut first)
            && answers
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case("answers"))
        {
            continue;
        }
        if record.len() != 2 {
            summary.failed += 1;
            let msg = format!(
                "line {line}: expected 2 columns (id,answers), found {}",
                record.len()
            );
            writer
                .write_record(failed_row(id, msg, &header))
                .map_err(io)?;
            continue;
        }
        let answers = answers.unwrap_or_default();
        let scores = match score_str(&answers) {
            Ok(s) => s,
            Err(e) => {
                summary.failed += 1;
                writer
                    .write_record(failed_row(id, format!("line {line}: {e}"), &header))
                    .map_err(io)?;
                continue;
            }
        };
        summary.scored += 1;
        row.clear();
        row.push(spreadsheet_safe(&id));
        row.extend(scores.as_array().iter().map(|s| s.to_string()));
        row.push(high_point_code(&scores));
        let mut careers = Vec::new();
        let mut note = String::new();
        if let Some(m) = opts.matcher {
            match m.top(&scores, opts.zone, k) {
                Ok(c) => careers = c,
                Err(e) => note = e.to_string(),
            }
        }
        row.push(note);
        for n in 0..k {
            let c = careers.get(n);
            row.push(c.map(|c| spreadsheet_safe(&c.code)).unwrap_or_default());
            row.push(c.map(|c| spreadsheet_safe(&c.title)).unwrap_or_default());
        }
        writer.write_record(&row).map_err(io)?;
    }
    writer.flush().map_err(|e| Error::BatchIo(e.to_string()))?;
    Ok(summary)
}

fn failed_row(id: String, message: String, header: &[String]) -> Vec<String> {
    let mut row = vec![String::new(); header.len()];
    row[0] = spreadsheet_safe(&id);
    row[8] = spreadsheet_safe(&message);
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Occupation, OccupationPack, Scores};
    use crate::{Answers, Form};

    const ONET_EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

    fn out_rows(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    fn matcher() -> Matcher {
        let occ = |code: &str, title: &str, zone: u8, v: [f32; 6]| Occupation {
            code: code.into(),
            title: title.into(),
            job_zone: Some(zone),
            bright_outlook: None,
            interests: v,
            high_point: String::new(),
        };
        Matcher::new(OccupationPack {
            release: "t".into(),
            source: "release-file".into(),
            occupations: vec![
                occ("1", "Builders", 2, [7.0, 2.0, 1.0, 2.0, 2.0, 2.0]),
                occ("2", "Painters", 3, [3.0, 1.0, 7.0, 5.0, 1.0, 1.0]),
                occ("3", "Clerks", 2, [1.0, 2.0, 1.0, 2.0, 3.0, 7.0]),
            ],
        })
    }

    #[test]
    fn scores_rows_reports_bad_rows_and_goes_on() {
        let ip30 = &ONET_EXAMPLE[..30];
        let input = format!(
            "id,answers\na,{ONET_EXAMPLE}\nb,123\nc,{ip30}\nd\n\"e\",{}\n",
            "1".repeat(60)
        );
        let mut out = Vec::new();
        let s = run(input.as_bytes(), &mut out, BatchOptions::default()).unwrap();
        assert_eq!(
            s,
            BatchSummary {
                scored: 3,
                failed: 2
            }
        );
        let rows = out_rows(&out);
        assert_eq!(
            rows[0][..9],
            [
                "id",
                "realistic",
                "investigative",
                "artistic",
                "social",
                "enterprising",
                "conventional",
                "high_point",
                "error"
            ]
        );
        assert_eq!(rows[0].len(), 9);
        assert_eq!(
            rows[1],
            ["a", "27", "13", "23", "25", "14", "14", "RSA", ""]
        );
        assert_eq!(rows[2][0], "b");
        assert!(
            rows[2][8].contains("line 3") && rows[2][8].contains("got 3"),
            "{:?}",
            rows[2]
        );
        let want30 = Answers::parse(ip30).unwrap().scores();
        assert_eq!(rows[3][1..7], want30.as_array().map(|v| v.to_string()));
        assert!(rows[4][8].contains("expected 2 columns"), "{:?}", rows[4]);
        assert_eq!(rows[5][1..8], ["0", "0", "0", "0", "0", "0", "RIA"]);
    }

    #[test]
    fn ids_and_titles_cannot_become_spreadsheet_formulas() {
        let occ = |code: &str, title: &str| Occupation {
            code: code.into(),
            title: title.into(),
            job_zone: Some(2),
            bright_outlook: None,
            interests: [7.0, 2.0, 1.0, 2.0, 2.0, 2.0],
            high_point: String::new(),
        };
        let m = Matcher::new(OccupationPack {
            release: "t".into(),
            source: "release-file".into(),
            occupations: vec![occ("=1+1", "=HYPERLINK(\"http://x\",\"y\")")],
        });
        let input = format!(
            "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",{ONET_EXAMPLE}\n+1,{ONET_EXAMPLE}\n-1,{ONET_EXAMPLE}\n@x,123\nplain,{ONET_EXAMPLE}\n"
        );
        let mut out = Vec::new();
        let opts = BatchOptions {
            zone: None,
            top_k: 1,
            matcher: Some(&m),
        };
        run(input.as_bytes(), &mut out, opts).unwrap();
        let rows = out_rows(&out);
        let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            ids,
            [
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'+1",
                "'-1",
                "'@x",
                "plain"
            ]
        );
        assert_eq!(rows[1][9], "'=1+1");
        assert_eq!(rows[1][10], "'=HYPERLINK(\"http://x\",\"y\")");
    }

    #[test]
    fn header_is_optional() {
        let mut out = Vec::new();
        let s = run(
            format!("x,{ONET_EXAMPLE}\n").as_bytes(),
            &mut out,
            BatchOptions::default(),
        )
        .unwrap();
        assert_eq!(s.scored, 1);
        assert_eq!(out_rows(&out)[1][0], "x");
    }

    #[test]
    fn with_matcher_lists_top_careers_and_flags_flat() {
        let m = matcher();
        let mut out = Vec::new();
        let realistic = Scores::typed([40, 0, 0, 0, 0, 0], Form::Ip60).unwrap();
        assert_eq!(m.top(&realistic, None, 1).unwrap()[0].title, "Builders");
        let r_heavy: String = crate::instrument::items(Form::Ip60)
            .iter()
            .map(|i| if i.area == Area::Realistic { '5' } else { '1' })
            .collect();
        let input = format!("p1,{r_heavy}\np2,{}\n", "3".repeat(60));
        let opts = BatchOptions {
            zone: None,
            top_k: 2,
            matcher: Some(&m),
        };
        let s = run(input.as_bytes(), &mut out, opts).unwrap();
        assert_eq!(
            s,
            BatchSummary {
                scored: 2,
                failed: 0
            }
        );
        let rows = out_rows(&out);
        assert_eq!(
            rows[0][9..],
            [
                "career_1_code",
                "career_1_title",
                "career_2_code",
                "career_2_title"
            ]
        );
        let expected: Vec<String> = m
            .top(&Answers::parse(&r_heavy).unwrap().scores(), None, 2)
            .unwrap()
            .into_iter()
            .flat_map(|c| [c.code, c.title])
            .collect();
        assert_eq!(rows[1][9..], expected[..]);
        assert_eq!(rows[1][9..11], ["1", "Builders"]);
        assert!(rows[2][8].contains("no career match"), "{:?}", rows[2]);
        assert_eq!(rows[2][9..], ["", "", "", ""]);

        let mut out = Vec::new();
        let opts = BatchOptions {
            zone: Some(3),
            top_k: 2,
            matcher: Some(&m),
        };
        run(input.as_bytes(), &mut out, opts).unwrap();
        let rows = out_rows(&out);
        assert_eq!(rows[1][9..], ["2", "Painters", "", ""]);

        let opts = BatchOptions {
            zone: Some(9),
            top_k: 2,
            matcher: Some(&m),
        };
        let e = run(input.as_bytes(), Vec::new(), opts).unwrap_err();
        assert_eq!(e.code(), "input.invalid_zone");
    }

    #[test]
    fn output_failure_is_batch_io() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::Error::other("disk full"))
            }
        }
        let e = run(
            format!("a,{ONET_EXAMPLE}\n").as_bytes(),
            Broken,
            BatchOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "batch.io");
        assert!(e.to_string().contains("disk full"), "{e}");
    }
}
