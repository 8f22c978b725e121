//! Offline search over the real O*NET 29.3 occupations and their reported titles, read
//! from the shared reference folder at test time (never copied into the repo).

use std::path::Path;

use waypoint_profiler::{import_release_with_titles, SearchIndex};

mod shared;

fn read_csv(path: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|x| x.unwrap()).collect()
}

/// The reference CSVs as an O*NET release folder, with or without the reported titles.
fn write_release(dir: &Path, src: &Path, with_titles: bool) {
    let mut occ = String::from("O*NET-SOC Code\tTitle\tDescription\n");
    for r in read_csv(&src.join("occupations.csv")) {
        occ.push_str(&format!("{}\t{}\t-\n", &r[0], &r[1]));
    }
    let mut int = String::from("O*NET-SOC Code\tElement ID\tScale ID\tData Value\n");
    for r in read_csv(&src.join("interests.csv")) {
        for k in 0..6 {
            let e = (b'a' + k as u8) as char;
            int.push_str(&format!("{}\t1.B.1.{e}\tOI\t{}\n", &r[0], &r[1 + k]));
        }
    }
    let mut jz = String::from("O*NET-SOC Code\tJob Zone\n");
    for r in read_csv(&src.join("job_zones.csv")) {
        jz.push_str(&format!("{}\t{}\n", &r[0], &r[1]));
    }
    std::fs::write(dir.join("Occupation Data.txt"), occ).unwrap();
    std::fs::write(dir.join("Interests.txt"), int).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), jz).unwrap();
    if with_titles {
        std::fs::copy(
            src.join("Sample of Reported Titles.txt"),
            dir.join("Sample of Reported Titles.txt"),
        )
        .unwrap();
    }
}

fn shared_src(test: &str) -> Option<std::path::PathBuf> {
    shared::shared_path("instrument/occupations/Sample of Reported Titles.txt", test)
        .map(|f| f.parent().unwrap().to_path_buf())
}

fn top(ix: &SearchIndex, k: &str, n: usize) -> Vec<String> {
    ix.search(k)
        .unwrap()
        .iter()
        .take(n)
        .map(|h| h.occupation.code.clone())
        .collect()
}

#[test]
fn reported_titles_are_imported_searched_and_shown() {
    let Some(src) = shared_src("reported_titles_are_imported_searched_and_shown") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    write_release(tmp.path(), &src, true);
    let (pack, titles) = import_release_with_titles(tmp.path(), Some("29.3"), &mut |_| {}).unwrap();
    // Every one of the file's 7,796 rows is of a profiled occupation.
    assert_eq!(titles.len(), 7796);
    assert!(titles.iter().any(|t| t.shown) && titles.iter().any(|t| !t.shown));
    let ix = SearchIndex::new(&pack, &titles);

    assert_eq!(top(&ix, "dancer", 1), ["27-2031.00"]);
    assert_eq!(top(&ix, "Electrician", 1), ["47-2111.00"]);
    assert_eq!(
        top(&ix, "electrican", 1),
        ["47-2111.00"],
        "one letter missing"
    );
    assert!(top(&ix, "nurse", 5).contains(&"29-1141.00".to_string()));
    assert!(top(&ix, "nurce", 5).contains(&"29-1141.00".to_string()));
    // Found only through a reported title: "Wireman" is an electrician.
    let hit = &ix.search("wireman").unwrap()[0];
    assert_eq!(hit.occupation.code, "47-2111.00");
    assert!(hit.matched.is_some());
    for k in ["%", "_", "\"", "🚀"] {
        assert!(
            ix.search(k).unwrap().len() < 5,
            "{k:?} must not match everything"
        );
    }
    let also = ix.also_called("27-2031.00");
    assert!(also.contains(&"Ballet Dancer"));
    assert!(!also.contains(&"Ballerina"), "not shown in My Next Move");
}

#[test]
fn a_release_without_title_files_still_imports() {
    let Some(src) = shared_src("a_release_without_title_files_still_imports") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    write_release(tmp.path(), &src, false);
    let (pack, titles) = import_release_with_titles(tmp.path(), Some("29.3"), &mut |_| {}).unwrap();
    assert!(titles.is_empty());
    let ix = SearchIndex::new(&pack, &titles);
    assert_eq!(top(&ix, "dancers", 1), ["27-2031.00"]);
    assert!(ix.also_called("27-2031.00").is_empty());
}
