//! Fidelity with real O*NET data, read at test time from the shared reference folder
//! (never copied into the repo). See `shared/mod.rs` for what happens when it is absent.

use std::path::PathBuf;

use serde_json::{json, Value};
use waypoint_profiler::{from_database_rows, Answers, Fit, Matcher, OccupationPack};

const ONET_EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

mod shared;

fn shared_occupations(test: &str) -> Option<PathBuf> {
    shared::shared_path("instrument/occupations/interests.csv", test)
        .map(|f| f.parent().unwrap().to_path_buf())
}

fn read_csv(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|x| x.unwrap()).collect()
}

/// Letter → O*NET's IH number: empty = 0 (none), R = 1 … C = 6.
fn high_point_number(letter: &str) -> usize {
    match letter.trim() {
        "" => 0,
        l => "RIASEC"
            .find(l)
            .map(|i| i + 1)
            .expect("high point is a RIASEC letter"),
    }
}

/// Re-shapes the reference CSVs into Database Services rows, so the library's own
/// row path builds the pack.
fn pack_from_shared(dir: &std::path::Path, interests_file: &str) -> OccupationPack {
    let od: Vec<Value> = read_csv(&dir.join("occupations.csv"))
        .iter()
        .map(|r| json!({"onetsoc_code": &r[0], "title": &r[1]}))
        .collect();
    let mut int = Vec::new();
    for r in read_csv(&dir.join(interests_file)) {
        for k in 0..6 {
            int.push(json!({"onetsoc_code": &r[0], "element_id": format!("1.B.1.{}", (b'a' + k as u8) as char), "scale_id": "OI", "data_value": &r[1 + k]}));
        }
        for j in 0..3 {
            let n = high_point_number(&r[7 + j]);
            int.push(json!({"onetsoc_code": &r[0], "element_id": format!("1.B.1.{}", (b'g' + j as u8) as char), "scale_id": "IH", "data_value": n}));
        }
    }
    let jz: Vec<Value> = read_csv(&dir.join("job_zones.csv"))
        .iter()
        .map(|r| json!({"onetsoc_code": &r[0], "job_zone": &r[1]}))
        .collect();
    from_database_rows("29.3", &od, &int, &jz, &mut |_| {}).expect("reference data builds a pack")
}

/// Writes the reference CSVs as an O*NET release folder (tab-separated, O*NET headers)
/// in a temp dir, so the release importer runs on real data too.
fn write_release(dir: &std::path::Path, src: &std::path::Path) {
    let mut occ = String::from("O*NET-SOC Code\tTitle\tDescription\n");
    for r in read_csv(&src.join("occupations.csv")) {
        occ.push_str(&format!("{}\t{}\t-\n", &r[0], &r[1]));
    }
    let mut int = String::from(
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source\n",
    );
    for r in read_csv(&src.join("interests.csv")) {
        for k in 0..6 {
            int.push_str(&format!(
                "{}\t1.B.1.{}\tx\tOI\t{}\t11/2023\tMachine Learning\n",
                &r[0],
                (b'a' + k as u8) as char,
                &r[1 + k]
            ));
        }
        for j in 0..3 {
            let n = high_point_number(&r[7 + j]);
            int.push_str(&format!(
                "{}\t1.B.1.{}\tx\tIH\t{n}.00\t11/2023\tMachine Learning\n",
                &r[0],
                (b'g' + j as u8) as char
            ));
        }
    }
    let mut jz = String::from("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n");
    for r in read_csv(&src.join("job_zones.csv")) {
        jz.push_str(&format!("{}\t{}\t08/2023\tAnalyst\n", &r[0], &r[1]));
    }
    std::fs::write(dir.join("Occupation Data.txt"), occ).unwrap();
    std::fs::write(dir.join("Interests.txt"), int).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), jz).unwrap();
}

#[test]
fn release_import_and_service_rows_agree_on_real_data() {
    let Some(src) = shared_occupations("release_import_and_service_rows_agree_on_real_data") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db_29_3_text");
    std::fs::create_dir(&dir).unwrap();
    write_release(&dir, &src);
    let imported = waypoint_profiler::import_release(&dir, None, &mut |_| {}).unwrap();
    assert_eq!(imported.release, "29.3");
    let rows = pack_from_shared(&src, "interests.csv");
    assert_eq!(imported.occupations.len(), rows.occupations.len());
    for (a, b) in imported.occupations.iter().zip(&rows.occupations) {
        assert_eq!(a, b);
    }
    // High points carry over as letters, with no letter repeated.
    for o in &imported.occupations {
        let seen: std::collections::HashSet<char> = o.high_point.chars().collect();
        assert!(
            !o.high_point.is_empty() && seen.len() == o.high_point.len(),
            "{o:?}"
        );
    }
    waypoint_profiler::pack::validate(&imported).unwrap();
    let zones: Vec<usize> = (1..=5u8)
        .map(|z| {
            imported
                .occupations
                .iter()
                .filter(|o| o.job_zone == Some(z))
                .count()
        })
        .collect();
    // Zone sizes as recorded in the reference data's provenance notes.
    assert_eq!(zones, [31, 295, 219, 224, 154]);
}

#[test]
fn documented_example_ranks_skincare_and_dancers_first() {
    let Some(dir) = shared_occupations("documented_example_ranks_skincare_and_dancers_first")
    else {
        return;
    };
    for file in ["interests.csv", "interests_2026.csv"] {
        let pack = pack_from_shared(&dir, file);
        assert_eq!(pack.occupations.len(), 923, "{file}");
        let m = Matcher::new(pack);
        let scores = Answers::parse(ONET_EXAMPLE).unwrap().scores();
        let top = m.top(&scores, None, 2).unwrap();
        let mut codes: Vec<&str> = top.iter().map(|c| c.code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["27-2031.00", "39-5094.00"], "{file}: {top:?}");
        // Both are Job Zone 3, so the zone filter keeps them on top.
        let z3 = m.top(&scores, Some(3), 2).unwrap();
        assert_eq!(
            z3.iter().map(|c| &c.code).collect::<Vec<_>>(),
            top.iter().map(|c| &c.code).collect::<Vec<_>>()
        );
        if file == "interests.csv" {
            // The Best cut-off was chosen to reproduce O*NET's two "Best" careers here.
            let best = m
                .rank(&scores, None)
                .unwrap()
                .iter()
                .filter(|r| r.fit == Some(Fit::Best))
                .count();
            assert_eq!(best, 2);
            let dancers = m
                .occupations()
                .iter()
                .find(|o| o.code == "27-2031.00")
                .unwrap();
            assert_eq!(dancers.title, "Dancers");
            assert_eq!(dancers.job_zone, Some(3));
            assert!(!dancers.high_point.is_empty());
        }
    }
}
