//! Matching one profile against a generated 923-occupation pack (target ≤ 20 µs), answer
//! strings scored per second on one core (target ≥ 200,000/s), and CSV rows per second
//! through `batch::run`, the `waypoint-cli batch` command's work.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use waypoint_profiler::batch::{self, BatchOptions};
use waypoint_profiler::{score_str, Answers, Matcher, Occupation, OccupationPack};

/// 923 occupations, as many as O*NET profiles, with two-decimal values 1–7 and
/// realistic zone sizes.
fn generated_pack() -> OccupationPack {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let occupations = (0..923)
        .map(|i| {
            let interests = [0; 6].map(|_: i32| 1.0 + (next() % 601) as f32 / 100.0);
            Occupation {
                code: format!("{:02}-{:04}.00", 11 + i % 43, 1000 + i),
                title: format!("Generated Occupation {:03}", (i * 37) % 923),
                job_zone: Some((i % 5) as u8 + 1),
                bright_outlook: Some(i % 3 == 0),
                interests,
                high_point: "RIA".into(),
            }
        })
        .collect();
    OccupationPack {
        release: "bench".into(),
        source: "release-file".into(),
        occupations,
    }
}

fn answer_strings(n: usize) -> Vec<String> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            (0..60)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (b'1' + (x % 5) as u8) as char
                })
                .collect()
        })
        .collect()
}

fn matching(c: &mut Criterion) {
    let m = Matcher::new(generated_pack());
    let scores = Answers::parse("553421321134342523523523254115342111351145453111231155343444")
        .unwrap()
        .scores();
    let mut g = c.benchmark_group("match_923");
    g.bench_function("rank_all", |b| {
        b.iter(|| m.rank(black_box(&scores), None).unwrap())
    });
    g.bench_function("top_20", |b| {
        b.iter(|| m.top(black_box(&scores), None, 20).unwrap())
    });
    g.bench_function("top_20_zone_3", |b| {
        b.iter(|| m.top(black_box(&scores), Some(3), 20).unwrap())
    });
    g.bench_function("build_matcher", |b| {
        b.iter_batched(generated_pack, Matcher::new, BatchSize::LargeInput)
    });
    g.finish();
}

fn scoring(c: &mut Criterion) {
    let strings = answer_strings(1000);
    let mut g = c.benchmark_group("score_answer_strings");
    g.throughput(Throughput::Elements(strings.len() as u64));
    g.bench_function("score_str", |b| {
        b.iter(|| {
            for s in &strings {
                black_box(score_str(black_box(s)).unwrap());
            }
        })
    });
    g.bench_function("parse_then_score", |b| {
        b.iter(|| {
            for s in &strings {
                black_box(Answers::parse(black_box(s)).unwrap().scores());
            }
        })
    });
    g.finish();
}

/// `id,answers` rows in, scored rows out, in memory (no disk in the figure): scores and
/// high-point code only, then with the top 5 careers from the 923-occupation pack.
fn batch_rows(c: &mut Criterion) {
    let strings = answer_strings(1000);
    let mut input = String::from("id,answers\n");
    for (i, s) in strings.iter().enumerate() {
        input.push_str(&format!("p{i:04},{s}\n"));
    }
    let m = Matcher::new(generated_pack());
    let mut g = c.benchmark_group("batch_rows");
    g.throughput(Throughput::Elements(strings.len() as u64));
    let mut out = Vec::with_capacity(1 << 20);
    for (name, matcher, top_k) in [("scores_only", None, 0), ("top_5_careers", Some(&m), 5)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                let opts = BatchOptions {
                    zone: None,
                    top_k,
                    matcher,
                };
                let summary = batch::run(black_box(input.as_bytes()), &mut out, opts).unwrap();
                assert_eq!(summary.scored, strings.len());
            })
        });
    }
    g.finish();
}

criterion_group!(benches, matching, scoring, batch_rows);
criterion_main!(benches);
