//! Offline career search, per keystroke (target: under 1 ms). Over the real O*NET 29.3
//! occupations and their ~7,800 reported titles when the shared reference folder is there
//! (`WAYPOINT_SHARED_DIR`, or `shared/` beside the repository), else over generated ones;
//! and again with ~50,000 generated alternate titles added, as a release with
//! `Alternate Titles.txt` has.

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use waypoint_profiler::{AltTitle, Occupation, OccupationPack, SearchIndex, TitleSource};

const WORDS: [&str; 24] = [
    "nurse",
    "electrician",
    "dancer",
    "welder",
    "designer",
    "engineer",
    "teacher",
    "analyst",
    "operator",
    "assistant",
    "manager",
    "technician",
    "mechanic",
    "clerk",
    "inspector",
    "installer",
    "game",
    "civil",
    "registered",
    "industrial",
    "medical",
    "software",
    "senior",
    "lead",
];

fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

fn generated(n: usize, titles_per: usize) -> (OccupationPack, Vec<AltTitle>) {
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let mut word = move || WORDS[(next() % WORDS.len() as u64) as usize];
    let occupations: Vec<Occupation> = (0..n)
        .map(|i| Occupation {
            code: format!("{:02}-{:04}.00", 11 + i % 43, 1000 + i),
            title: format!("{} {} {i}", word(), word()),
            job_zone: Some((i % 5) as u8 + 1),
            bright_outlook: None,
            interests: [1.0; 6],
            high_point: String::new(),
        })
        .collect();
    let titles = generated_titles(&occupations, titles_per, TitleSource::Reported);
    let pack = OccupationPack {
        release: "bench".into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations,
    };
    (pack, titles)
}

const SYLLABLES: [&str; 20] = [
    "ba", "con", "de", "el", "fa", "gen", "hi", "in", "ja", "ka", "lo", "mar", "ne", "or", "pe",
    "qui", "ro", "sta", "tu", "ver",
];

/// Alternate titles over a vocabulary of about 8,000 made-up words (three syllables), as
/// varied as real titles rather than the same two dozen words over and over.
fn generated_titles(occ: &[Occupation], per: usize, source: TitleSource) -> Vec<AltTitle> {
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let mut word = move || {
        let mut w = String::new();
        for _ in 0..3 {
            w.push_str(SYLLABLES[(next() % SYLLABLES.len() as u64) as usize]);
        }
        w
    };
    occ.iter()
        .flat_map(|o| {
            (0..per)
                .map(|k| AltTitle {
                    code: o.code.clone(),
                    title: format!("{} {} {} {k}", word(), word(), word()),
                    shown: false,
                    source,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The real pack and titles, through the release importer.
fn real() -> Option<(OccupationPack, Vec<AltTitle>)> {
    let root = std::env::var_os("WAYPOINT_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let src = root.join("instrument/occupations");
    let titles = src.join("Sample of Reported Titles.txt");
    if !titles.exists() {
        eprintln!(
            "search bench: {} not found, using generated data",
            titles.display()
        );
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let read = |f: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(src.join(f))
            .unwrap()
            .records()
            .map(|r| r.unwrap())
            .collect()
    };
    let mut occ = String::from("O*NET-SOC Code\tTitle\n");
    for r in read("occupations.csv") {
        occ.push_str(&format!("{}\t{}\n", &r[0], &r[1]));
    }
    let mut int = String::from("O*NET-SOC Code\tElement ID\tScale ID\tData Value\n");
    for r in read("interests.csv") {
        for k in 0..6 {
            let e = (b'a' + k as u8) as char;
            int.push_str(&format!("{}\t1.B.1.{e}\tOI\t{}\n", &r[0], &r[1 + k]));
        }
    }
    let mut jz = String::from("O*NET-SOC Code\tJob Zone\n");
    for r in read("job_zones.csv") {
        jz.push_str(&format!("{}\t{}\n", &r[0], &r[1]));
    }
    std::fs::write(d.join("Occupation Data.txt"), occ).unwrap();
    std::fs::write(d.join("Interests.txt"), int).unwrap();
    std::fs::write(d.join("Job Zones.txt"), jz).unwrap();
    std::fs::copy(&titles, d.join("Sample of Reported Titles.txt")).unwrap();
    Some(waypoint_profiler::import_release_with_titles(d, Some("29.3"), &mut |_| {}).unwrap())
}

/// Every prefix of each word as typed, plus typos and literal symbols.
fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for w in ["electrician", "registered nurse", "game designer"] {
        for (i, _) in w.char_indices().skip(1) {
            out.push(w[..i].to_string());
        }
        out.push(w.to_string());
    }
    out.extend(["nurce", "electrican", "%", "dancre"].map(String::from));
    out
}

fn bench(c: &mut Criterion) {
    let (pack, titles) = real().unwrap_or_else(|| generated(923, 8));
    let keys = keystrokes();
    let mut g = c.benchmark_group("search");
    let ix = SearchIndex::new(&pack, &titles);
    eprintln!(
        "search bench: {} occupations, {} titles searched, {} keystrokes per iteration",
        pack.occupations.len(),
        ix.title_count(),
        keys.len()
    );
    g.bench_function("per_keystroke_reported_titles", |b| {
        let mut i = 0;
        b.iter(|| {
            let k = &keys[i % keys.len()];
            i += 1;
            black_box(ix.search(k).unwrap().len())
        })
    });
    g.bench_function("typo_electrican_reported_titles", |b| {
        b.iter(|| black_box(ix.search(black_box("electrican")).unwrap().len()))
    });
    let mut more = titles.clone();
    more.extend(generated_titles(
        &pack.occupations,
        54,
        TitleSource::Alternate,
    ));
    let big = SearchIndex::new(&pack, &more);
    eprintln!(
        "search bench: with alternates, {} titles",
        big.title_count()
    );
    g.bench_function("per_keystroke_with_50k_alternates", |b| {
        let mut i = 0;
        b.iter(|| {
            let k = &keys[i % keys.len()];
            i += 1;
            black_box(big.search(k).unwrap().len())
        })
    });
    g.bench_function("build_index_reported_titles", |b| {
        b.iter(|| black_box(SearchIndex::new(&pack, &titles).title_count()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
