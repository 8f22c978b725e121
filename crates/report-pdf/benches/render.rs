//! Size and time figures for the README: `cargo bench -p waypoint-report-pdf --bench render`.
//! A bench target (not a test) so the test step never spends its minutes here.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use common::{sample, typed_sample};
use waypoint_report_pdf::{render, Lang, Paper};

fn main() {
    for (name, input) in [
        ("en letter, 7 careers, QR", sample(Lang::En, Paper::Letter)),
        ("es a4, 7 careers, QR", sample(Lang::Es, Paper::A4)),
        ("typed, no careers", typed_sample(Lang::En)),
    ] {
        let first = Instant::now();
        let pdf = render(&input).unwrap();
        let first = first.elapsed();
        let n = 50;
        let t = Instant::now();
        for _ in 0..n {
            render(&input).unwrap();
        }
        let per = t.elapsed() / n;
        println!(
            "{name}: {:.1} KB, first call {:.1} ms (includes font parsing on the first sample), then {:.2} ms each",
            pdf.len() as f64 / 1024.0,
            first.as_secs_f64() * 1000.0,
            per.as_secs_f64() * 1000.0
        );
    }
}
