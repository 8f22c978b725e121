//! Fidelity with real O*NET data, read at test time from the shared reference folder
//! (never copied into the repo). Skips when the folder is absent.

use std::path::PathBuf;

use serde_json::{json, Value};
use waypoint_profiler::{from_database_rows, Answers, Fit, Matcher, OccupationPack};

const ONET_EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

fn shared_occupations() -> Option<PathBuf> {
    // WAYPOINT_SHARED_DIR may name the shared root or the occupations folder itself.
    let candidates: Vec<PathBuf> = match std::env::var_os("WAYPOINT_SHARED_DIR") {
        Some(d) => vec![
            PathBuf::from(&d).join("instrument/occupations"),
            PathBuf::from(d),
        ],
        None => vec![PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/instrument/occupations")],
    };
    candidates
        .into_iter()
        .find(|d| d.join("interests.csv").is_file())
}

fn read_csv(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|x| x.unwrap()).collect()
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
            let n = "RIASEC".find(&r[7 + j]).map(|i| i + 1).unwrap_or(0);
            if r[7 + j].is_empty() || n > 0 {
                int.push(json!({"onetsoc_code": &r[0], "element_id": format!("1.B.1.{}", (b'g' + j as u8) as char), "scale_id": "IH", "data_value": n}));
            }
        }
    }
    let jz: Vec<Value> = read_csv(&dir.join("job_zones.csv"))
        .iter()
        .map(|r| json!({"onetsoc_code": &r[0], "job_zone": &r[1]}))
        .collect();
    from_database_rows("29.3", &od, &int, &jz, &mut |_| {}).expect("reference data builds a pack")
}

#[test]
fn documented_example_ranks_skincare_and_dancers_first() {
    let Some(dir) = shared_occupations() else {
        println!("skipped: shared/instrument/occupations not found (set WAYPOINT_SHARED_DIR)");
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
