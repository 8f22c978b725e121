//! Occupation pack import from generated release folders, zips and service rows.

mod common;

use common::*;
use serde_json::{json, Value};
use waypoint_profiler::pack::{validate, Progress, Stage};
use waypoint_profiler::release_files::{import_release, release_from_name};
use waypoint_profiler::{from_database_rows, Area, OccupationPack};

fn no_progress() -> impl FnMut(Progress) {
    |_| {}
}

fn check_matches_generated(pack: &OccupationPack, occs: &[Gen]) {
    assert_eq!(pack.occupations.len(), occs.len());
    let mut sorted = occs.to_vec();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    for (o, g) in pack.occupations.iter().zip(&sorted) {
        assert_eq!(o.code, g.code);
        assert_eq!(o.title, g.title);
        assert_eq!(o.job_zone, Some(g.zone));
        assert_eq!(o.bright_outlook, None);
        for k in 0..6 {
            assert!((o.interests[k] - g.oi[k]).abs() < 0.006, "{} {k}", o.code);
        }
        let hp: String =
            g.ih.iter()
                .filter(|&&v| v > 0)
                .map(|&v| Area::ALL[v as usize - 1].letter())
                .collect();
        assert_eq!(o.high_point, hp);
    }
}

#[test]
fn imports_good_folder_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(40);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let path = write_folder(&dir.path().join("db_29_3_text"), &o, &i, &j);
    let mut events: Vec<Progress> = Vec::new();
    let pack = import_release(&path, None, &mut |p| events.push(p)).unwrap();
    assert_eq!(pack.release, "29.3");
    assert_eq!(pack.source, "release-file");
    // The 3 unprofiled summary codes are left out: they cannot be matched.
    check_matches_generated(&pack, &occs);

    for stage in [
        Stage::Reading,
        Stage::OccupationData,
        Stage::Interests,
        Stage::JobZones,
        Stage::Building,
    ] {
        let of: Vec<&Progress> = events.iter().filter(|p| p.stage == stage).collect();
        assert!(!of.is_empty(), "no progress for {stage:?}");
        let last = of.last().unwrap();
        assert_eq!(last.done, last.total, "{stage:?} ends complete");
        assert!(of.windows(2).all(|w| w[0].done <= w[1].done));
    }
    let interests_total = events
        .iter()
        .find(|p| p.stage == Stage::Interests)
        .unwrap()
        .total;
    assert_eq!(interests_total, 40 * 9);
}

#[test]
fn imports_zip_with_subfolder_and_named_release() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(25);
    let files = good_files(&occs);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let zip = write_zip(&dir.path().join("db_30_1_text.zip"), "db_30_1_text/", &refs);
    let pack = import_release(&zip, None, &mut no_progress()).unwrap();
    assert_eq!(pack.release, "30.1");
    check_matches_generated(&pack, &occs);
    let named = import_release(&zip, Some("O*NET 30.1"), &mut no_progress()).unwrap();
    assert_eq!(named.release, "O*NET 30.1");
    // Flat zip layout too, with CRLF line ends and a BOM.
    let crlf: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (n.clone(), format!("\u{feff}{}", b.replace('\n', "\r\n"))))
        .collect();
    let refs: Vec<(&str, &str)> = crlf.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let zip2 = write_zip(&dir.path().join("my release.zip"), "", &refs);
    let pack2 = import_release(&zip2, None, &mut no_progress()).unwrap();
    assert_eq!(pack2.release, "my release");
    assert_eq!(pack2.occupations, pack.occupations);
}

#[test]
fn truncated_interests_file_reports_line() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(10);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    // Cut in the middle of the last row: it has fewer fields, and the last
    // occupation has no Conventional value... cut after its 3rd OI row.
    let lines: Vec<&str> = i.lines().collect();
    let keep = 1 + 9 * 9 + 2; // header, 9 full occupations, 2 OI rows of the 10th
    let mut cut = lines[..keep].join("\n");
    cut.push('\n');
    cut.push_str(&lines[keep][..12]);
    let path = write_folder(dir.path(), &o, &cut, &j);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid");
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("Interests.txt, line {}", keep + 1)),
        "{msg}"
    );
    assert!(msg.contains("cut short"), "{msg}");
    assert!(
        msg.contains("no OI value for Artistic, Social, Enterprising, Conventional"),
        "{msg}"
    );
}

#[test]
fn truncated_zip_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(30);
    let files = good_files(&occs);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let zip = write_zip(&dir.path().join("full.zip"), "", &refs);
    let bytes = std::fs::read(&zip).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let e = import_release(&cut, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid");
    assert!(e.to_string().contains("not a readable zip archive"), "{e}");
}

#[test]
fn missing_column_names_file_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(5);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let bad = i.replacen("Scale ID", "Scale", 1);
    let path = write_folder(dir.path(), &o, &bad, &j);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid");
    let msg = e.to_string();
    assert!(
        msg.starts_with("Interests.txt, line 1: missing column \"Scale ID\""),
        "{msg}"
    );

    let bad_jz = j.replacen("Job Zone", "Zone", 1);
    let path = write_folder(&dir.path().join("b"), &o, &i, &bad_jz);
    let msg = import_release(&path, None, &mut no_progress())
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("Job Zones.txt, line 1: missing column \"Job Zone\""),
        "{msg}"
    );
}

#[test]
fn bad_rows_are_listed_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(6);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let mut int: Vec<String> = i.lines().map(String::from).collect();
    // Line 4: non-numeric value; line 5: OI out of range.
    let f: Vec<&str> = int[3].split('\t').collect();
    int[3] = format!(
        "{}\t{}\t{}\t{}\tn/a\t{}\t{}",
        f[0], f[1], f[2], f[3], f[5], f[6]
    );
    let f: Vec<String> = int[4].split('\t').map(String::from).collect();
    int[4] = format!(
        "{}\t{}\t{}\t{}\t9.50\t{}\t{}",
        f[0], f[1], f[2], f[3], f[5], f[6]
    );
    let int = int.join("\n") + "\n";
    let mut jz: Vec<String> = j.lines().map(String::from).collect();
    jz[2] = jz[2].replacen(&format!("\t{}\t", occs[1].zone), "\t7\t", 1);
    let jz = jz.join("\n") + "\n";
    let path = write_folder(dir.path(), &o, &int, &jz);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("Interests.txt, line 4: Data Value \"n/a\" is not a number"),
        "{msg}"
    );
    assert!(
        msg.contains("Interests.txt, line 5: OI value 9.5 is outside 1–7"),
        "{msg}"
    );
    assert!(
        msg.contains("Job Zones.txt, line 3: Job Zone 7 is not 1–5"),
        "{msg}"
    );
}

#[test]
fn missing_file_and_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Occupation Data.txt"), OCC_HEADER).unwrap();
    let e = import_release(dir.path(), None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid");
    assert!(
        e.to_string()
            .starts_with("Interests.txt: not found in folder"),
        "{e}"
    );
    let e = import_release(&dir.path().join("nope.zip"), None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.io");
    assert!(e.to_string().contains("nope.zip"), "{e}");
}

#[test]
fn release_names() {
    assert_eq!(release_from_name("db_29_3_text.zip"), "29.3");
    assert_eq!(release_from_name("db_30_1_text"), "30.1");
    assert_eq!(release_from_name("db_x_1_text"), "db_x_1_text");
    assert_eq!(release_from_name("custom"), "custom");
}

fn service_rows(occs: &[Gen]) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let od = occs
        .iter()
        .map(|o| json!({"onetsoc_code": o.code, "title": o.title, "description": "x"}))
        .collect();
    let mut int = Vec::new();
    for o in occs {
        for k in 0..6 {
            // The service may send numbers or strings; mix both.
            let v = if k % 2 == 0 {
                json!(format!("{:.2}", o.oi[k]))
            } else {
                json!((o.oi[k] * 100.0).round() / 100.0)
            };
            int.push(json!({"onetsoc_code": o.code, "element_id": format!("1.B.1.{}", (b'a' + k as u8) as char), "scale_id": "OI", "data_value": v}));
        }
        for j in 0..3 {
            int.push(json!({"onetsoc_code": o.code, "element_id": format!("1.B.1.{}", (b'g' + j as u8) as char), "scale_id": "IH", "data_value": o.ih[j]}));
        }
    }
    let jz = occs
        .iter()
        .map(|o| json!({"onetsoc_code": o.code, "job_zone": o.zone}))
        .collect();
    (od, int, jz)
}

#[test]
fn database_rows_build_same_pack_as_release() {
    let occs = occupations(30);
    let (od, int, jz) = service_rows(&occs);
    let mut stages = Vec::new();
    let pack = from_database_rows("29.3", &od, &int, &jz, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(pack.source, "onet-service");
    assert_eq!(pack.release, "29.3");
    check_matches_generated(&pack, &occs);
    assert!(stages.contains(&Stage::Interests) && stages.contains(&Stage::Building));

    let dir = tempfile::tempdir().unwrap();
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let from_file = import_release(
        &write_folder(dir.path(), &o, &i, &j),
        Some("29.3"),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(from_file.occupations, pack.occupations);
}

#[test]
fn database_rows_errors_name_table_and_row() {
    let occs = occupations(3);
    let (od, mut int, jz) = service_rows(&occs);
    int[4] = json!({"onetsoc_code": occs[0].code, "element_id": "1.B.1.e", "scale_id": "OI"});
    let e = from_database_rows("x", &od, &int, &jz, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid");
    let msg = e.to_string();
    assert!(
        msg.starts_with("interests table, line 5: missing or non-numeric data_value"),
        "{msg}"
    );
    assert!(msg.contains("no OI value for Enterprising"), "{msg}");

    // Titles may come from the interests rows when occupation_data is not fetched.
    let (_, mut int, jz) = service_rows(&occs);
    for row in &mut int {
        let code = row["onetsoc_code"].as_str().unwrap().to_string();
        row["title"] = json!(format!("T {code}"));
    }
    let pack = from_database_rows("x", &[], &int, &jz, &mut no_progress()).unwrap();
    assert!(pack
        .occupations
        .iter()
        .all(|o| o.title == format!("T {}", o.code)));

    let e = from_database_rows("x", &[], &[], &[], &mut no_progress()).unwrap_err();
    assert!(
        e.to_string()
            .contains("no occupation has a complete interest profile"),
        "{e}"
    );
}

#[test]
fn validate_accepts_imports_and_rejects_bad_packs() {
    let occs = occupations(12);
    let (od, int, jz) = service_rows(&occs);
    let good = from_database_rows("29.3", &od, &int, &jz, &mut no_progress()).unwrap();
    validate(&good).unwrap();
    type Spoil = Box<dyn Fn(&mut OccupationPack)>;
    let cases: Vec<(Spoil, &str)> = vec![
        (
            Box::new(|p| p.source = "somewhere".into()),
            "unknown source",
        ),
        (
            Box::new(|p| p.occupations[1].interests[2] = 7.5),
            "outside 1–7",
        ),
        (
            Box::new(|p| p.occupations[1].interests[0] = f32::NAN),
            "outside 1–7",
        ),
        (
            Box::new(|p| p.occupations[2].job_zone = Some(0)),
            "Job Zone 0",
        ),
        (
            Box::new(|p| p.occupations[3].high_point = "RXZ".into()),
            "high-point code",
        ),
        (
            Box::new(|p| p.occupations[4].title = " ".into()),
            "empty code or title",
        ),
        (
            Box::new(|p| {
                let dup = p.occupations[0].clone();
                p.occupations.push(dup)
            }),
            "listed twice",
        ),
    ];
    for (spoil, want) in cases {
        let mut p = good.clone();
        spoil(&mut p);
        let e = validate(&p).unwrap_err();
        assert_eq!(e.code(), "pack.invalid");
        assert!(e.to_string().contains(want), "{e}");
    }
}

/// A zip bomb: `Interests.txt` unpacks to one byte more than the cap (blank lines, which
/// alone would import fine). It is refused by name once the cap is read, not unpacked whole,
/// and a real bomb (or a header declaring gigabytes) cannot exhaust memory.
#[test]
fn a_zip_entry_unpacking_past_the_cap_is_refused() {
    use std::io::Write;
    use waypoint_profiler::release_files::RELEASE_FILE_MAX_BYTES;

    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(3);
    let [(on, o), (iname, i), (jn, j)] = good_files(&occs);
    let path = dir.path().join("db_29_3_text.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, body) in [(&on, &o), (&jn, &j)] {
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.start_file(iname.as_str(), opts.large_file(true)).unwrap();
    z.write_all(i.as_bytes()).unwrap();
    let blank = vec![b'\n'; 1024 * 1024];
    let mut left = RELEASE_FILE_MAX_BYTES + 1 - i.len() as u64;
    while left > 0 {
        let n = left.min(blank.len() as u64) as usize;
        z.write_all(&blank[..n]).unwrap();
        left -= n as u64;
    }
    z.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 2 * 1024 * 1024);

    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.too_large", "{e}");
    let msg = e.to_string();
    assert!(
        msg.starts_with("Interests.txt: is larger than 64 MiB"),
        "{msg}"
    );
}

/// The same cap for a folder: a file past it is refused, not read whole.
#[test]
fn a_folder_file_past_the_cap_is_refused() {
    use waypoint_profiler::release_files::RELEASE_FILE_MAX_BYTES;

    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(3);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let mut big = o.into_bytes();
    big.resize(RELEASE_FILE_MAX_BYTES as usize + 1, b'\n');
    let path = write_folder(
        &dir.path().join("db_29_3_text"),
        std::str::from_utf8(&big).unwrap(),
        &i,
        &j,
    );
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.too_large", "{e}");
    assert!(
        e.to_string()
            .starts_with("Occupation Data.txt: is larger than 64 MiB"),
        "{e}"
    );
}

/// Under the byte cap but past the row cap: one short line too many is refused by name,
/// before the rows are checked (these rows would each be a bad row).
#[test]
fn a_file_past_the_row_cap_is_refused() {
    use waypoint_profiler::release_files::RELEASE_FILE_MAX_ROWS;

    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(3);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let mut many = i.clone();
    many.push_str(&"x\n".repeat(RELEASE_FILE_MAX_ROWS));
    let path = write_folder(&dir.path().join("db_29_3_text"), &o, &many, &j);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.too_large", "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "Interests.txt: has more than {RELEASE_FILE_MAX_ROWS} rows"
        )),
        "{e}"
    );
    // Exactly at the cap is still read (and its rows judged on their own).
    let at_cap = dir.path().join("at_cap");
    let lines = i.lines().count() - 1;
    let mut full = i.clone();
    full.push_str(&"x\n".repeat(RELEASE_FILE_MAX_ROWS - lines));
    let path = write_folder(&at_cap, &o, &full, &j);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid", "{e}");
}

/// Found by the release_files fuzz target: an occupation whose First and Third
/// high points name the same area imported as "RAA", a pack `validate` refuses. The
/// import now refuses it, naming the occupation.
#[test]
fn a_high_point_named_twice_is_refused_at_import() {
    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(3);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let code = &occs[2].code;
    assert_eq!(occs[2].ih.iter().filter(|&&v| v > 0).count(), 3);
    let first = occs[2].ih[0];
    let i: String = i
        .lines()
        .map(|l| {
            if l.starts_with(code.as_str()) && l.contains("\tThird Interest High-Point\t") {
                l.replace(
                    &format!("\tIH\t{:.2}\t", f32::from(occs[2].ih[2])),
                    &format!("\tIH\t{:.2}\t", f32::from(first)),
                )
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    let path = write_folder(&dir.path().join("db_29_3_text"), &o, &i, &j);
    let e = import_release(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.invalid", "{e}");
    let letter = Area::ALL[usize::from(first) - 1].letter();
    assert!(
        e.to_string().contains(&format!(
            "occupation {code} names {letter} as more than one of its high points"
        )),
        "{e}"
    );
}

/// The optional title files get the same cap as the three needed ones: an oversized
/// `Alternate Titles.txt` beside good files is refused, not read whole.
#[test]
fn an_optional_title_file_past_the_cap_is_refused() {
    use waypoint_profiler::release_files::{import_release_with_titles, RELEASE_FILE_MAX_BYTES};

    let dir = tempfile::tempdir().unwrap();
    let occs = occupations(3);
    let [(_, o), (_, i), (_, j)] = good_files(&occs);
    let path = write_folder(&dir.path().join("db_29_3_text"), &o, &i, &j);
    let big = vec![b'\n'; RELEASE_FILE_MAX_BYTES as usize + 1];
    std::fs::write(path.join("Alternate Titles.txt"), big).unwrap();
    let e = import_release_with_titles(&path, None, &mut no_progress()).unwrap_err();
    assert_eq!(e.code(), "pack.too_large", "{e}");
    assert!(
        e.to_string()
            .starts_with("Alternate Titles.txt: is larger than 64 MiB"),
        "{e}"
    );
}
