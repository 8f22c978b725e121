//! Open time by history size (issue #22): builds stores with 0, 1,000, 10,000 and 50,000
//! saved results and times `Store::open` on each.
//!
//! `cargo run -p waypoint-store --release --example open_time -- [DIR] [--opens N] [--sizes 0,1000,...]`
//!
//! Prints, per size: the median open time over N opens (15 by default), its range, the ratio
//! to the empty store, and the first open apart (it may migrate or check the file once).
//!
//! The stores are kept in DIR (default `target/open-time`, about 770 MiB for the default
//! sizes) and reused by later runs, so a before/after comparison times the same files. Each result is what the app saves: an IP60
//! answer string with its scores, a label, and a careers snapshot of 20 rows on each of the
//! six tabs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use waypoint_store::{
    CareerRow, CareerSource, CareerTab, Fit, Form, Lang, Session, SessionQuery, Store, Tab, DB_FILE,
};

const NAMES: &[&str] = &[
    "María", "James", "Aisha", "Chen", "Olivia", "Mateo", "Fatima", "Noah", "Sofía", "Liam",
    "Grace", "Diego", "Amara", "Lucas", "Yuki", "Ethan",
];
const WORDS: &[&str] = &[
    "Registered Nurses",
    "Software Developers",
    "Electricians",
    "Elementary School Teachers, Except Special Education",
    "Civil Engineers",
    "Chefs and Head Cooks",
    "Graphic Designers",
    "Accountants and Auditors",
    "Heating, Air Conditioning, and Refrigeration Mechanics and Installers",
    "Veterinary Technologists and Technicians",
    "Social and Human Service Assistants",
    "Landscape Architects",
];

/// A small deterministic generator: the same stores on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

fn session(n: u32, rng: &mut Lcg) -> Session {
    let base = OffsetDateTime::from_unix_timestamp(1_735_689_600).unwrap(); // 2025-01-01
                                                                            // About 140 results a day over a year at 50,000.
    let finished = base + Duration::from_secs(u64::from(n) * 617 + u64::from(rng.below(300)));
    let answers: String = (0..60)
        .map(|_| char::from(b'1' + rng.below(5) as u8))
        .collect();
    let scores = waypoint_profiler::score_str(&answers).expect("valid answers");
    let tabs = [
        Tab::All,
        Tab::Zone1,
        Tab::Zone2,
        Tab::Zone3,
        Tab::Zone4,
        Tab::Zone5,
    ];
    let careers = tabs
        .iter()
        .map(|tab| CareerTab {
            tab: *tab,
            total: 20 + rng.below(150),
            rows: (0..20)
                .map(|r| CareerRow {
                    code: format!("{:02}-{:04}.{:02}", 11 + rng.below(43), rng.below(10000), 0),
                    title: WORDS[rng.below(WORDS.len() as u32) as usize].to_owned(),
                    fit: Some(match r {
                        0..=4 => Fit::Best,
                        5..=11 => Fit::Great,
                        _ => Fit::Good,
                    }),
                    bright_outlook: Some(rng.below(3) == 0),
                    source: CareerSource::Api,
                    fetched_at: finished,
                })
                .collect(),
        })
        .collect();
    Session {
        id: Session::new_id(),
        started_at: finished - Duration::from_secs(600 + u64::from(rng.below(600))),
        finished_at: finished,
        form: Form::Ip60,
        lang: if rng.below(4) == 0 {
            Lang::Es
        } else {
            Lang::En
        },
        answers: Some(answers),
        scores,
        job_zone: Some(1 + rng.below(5) as u8),
        label: Some(format!(
            "{} {}",
            NAMES[rng.below(NAMES.len() as u32) as usize],
            n
        )),
        careers,
    }
}

fn count(dir: &Path) -> usize {
    if !dir.join(DB_FILE).exists() {
        return usize::MAX;
    }
    let c = rusqlite::Connection::open(dir.join(DB_FILE)).expect("open for counting");
    c.query_row("SELECT count(*) FROM sessions", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
        .unwrap_or(usize::MAX)
}

/// One growing store, copied aside (closed, so checkpointed) at each size.
fn build(root: &Path, sizes: &[usize]) -> Vec<(usize, PathBuf)> {
    let work = root.join("growing");
    let mut out = Vec::new();
    let mut rng = Lcg(22);
    let mut have = 0usize;
    let mut fresh = true;
    for &size in sizes {
        let dir = root.join(format!("n{size}"));
        if count(&dir) == size {
            out.push((size, dir));
            continue;
        }
        if fresh {
            let _ = std::fs::remove_dir_all(&work);
            fresh = false;
        }
        let t = Instant::now();
        {
            let (store, _) = Store::open(&work).expect("open the growing store");
            while have < size {
                store
                    .save_session(&session(have as u32, &mut rng))
                    .expect("save");
                have += 1;
            }
        } // closed: the WAL is checkpointed into the main file
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(work.join(DB_FILE), dir.join(DB_FILE)).unwrap();
        eprintln!("built {size} results in {:.1?}", t.elapsed());
        out.push((size, dir));
    }
    // Only the copies are timed; the 50,000 store alone is 630 MiB.
    let _ = std::fs::remove_dir_all(&work);
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
        .join("open-time");
    let mut opens = 15usize;
    let mut sizes = vec![0usize, 1_000, 10_000, 50_000];
    while let Some(a) = args.next() {
        match a.as_str() {
            "--opens" => opens = args.next().and_then(|v| v.parse().ok()).expect("--opens N"),
            "--sizes" => {
                sizes = args
                    .next()
                    .expect("--sizes a,b,c")
                    .split(',')
                    .map(|s| s.parse().expect("a number"))
                    .collect()
            }
            _ => root = PathBuf::from(a),
        }
    }
    sizes.sort_unstable();
    std::fs::create_dir_all(&root).unwrap();
    let stores = build(&root, &sizes);

    // The first open of a store may migrate it (a new schema, once) and check it (no record of
    // a clean close yet): reported apart. Then rounds over all sizes, so that the machine's
    // load drifting during the run weighs on every size alike.
    let first: Vec<Duration> = stores.iter().map(|(_, dir)| time_open(dir)).collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); stores.len()];
    for _ in 0..opens {
        for (i, (_, dir)) in stores.iter().enumerate() {
            times[i].push(time_open(dir));
        }
    }
    let largest = stores.last().cloned();
    println!("Store::open by history size, median of {opens} opens (min-max), first open apart:");
    let mut empty = None;
    for (((size, dir), mut times), first) in stores.into_iter().zip(times).zip(first) {
        let mb = std::fs::metadata(dir.join(DB_FILE)).map_or(0, |m| m.len()) as f64 / 1048576.0;
        times.sort_unstable();
        let median = times[times.len() / 2];
        let ratio = match empty {
            None => {
                empty = Some(median);
                String::new()
            }
            Some(e) => format!(
                "  {:.2}x empty",
                median.as_secs_f64() / e.as_secs_f64().max(1e-9)
            ),
        };
        println!(
            "{size:>7} results {mb:>7.1} MiB  open {:>9.2?} ({:.2?}-{:.2?}){ratio}  first {first:.2?}",
            median,
            times[0],
            times[times.len() - 1]
        );
    }
    if let Some((size, dir)) = largest.filter(|(n, _)| *n > 10_000) {
        history(size, &dir);
    }
}

/// The history list and the later integrity check on the largest store.
fn history(size: usize, dir: &Path) {
    let (store, _) = Store::open(dir).expect("open");
    let t = Instant::now();
    let all = store.list_sessions().expect("list");
    let full = t.elapsed();
    assert_eq!(all.len(), size);
    let page = |label: Option<&str>, after: Option<String>| {
        let t = Instant::now();
        let p = store
            .list_sessions_page(&SessionQuery {
                label: label.map(str::to_owned),
                after,
                limit: 50,
            })
            .expect("page");
        (t.elapsed(), p)
    };
    let (first, mut p) = page(None, None);
    for _ in 0..199 {
        p = page(None, p.next).1;
    }
    let (deep, _) = page(None, p.next);
    let (search, found) = page(Some("maría"), None);
    let t = Instant::now();
    let healthy = store.check_integrity().expect("check").is_none();
    let check = t.elapsed();
    assert!(healthy);
    println!("History at {size} results:");
    println!("  list_sessions (all):                       {full:.2?}");
    println!("  list_sessions_page, first 50:              {first:.2?}");
    println!("  list_sessions_page, 50 after 10,000:       {deep:.2?}");
    println!(
        "  list_sessions_page, label \"maría\", first 50 of {}: {search:.2?}",
        found.total
    );
    println!("  check_integrity (after the window is up): {check:.2?}");
}

fn time_open(dir: &Path) -> Duration {
    let t = Instant::now();
    let (store, report) = Store::open(dir).expect("open");
    let d = t.elapsed();
    assert!(
        report.recovered_from.is_none(),
        "a generated store was damaged"
    );
    drop(store);
    d
}
