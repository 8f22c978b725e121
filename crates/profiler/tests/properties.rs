//! Properties of scoring, the high-point code and the matcher, over generated inputs.

use proptest::prelude::*;
use waypoint_profiler::instrument::items;
use waypoint_profiler::profile::{high_point_code, ranking};
use waypoint_profiler::{score_str, Area, Form, Matcher, Occupation, OccupationPack, Scores};

fn answers(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(1u8..=5, n)
        .prop_map(|v| v.iter().map(|d| (b'0' + d) as char).collect())
}

fn any_form() -> impl Strategy<Value = (Form, String)> {
    prop_oneof![
        answers(60).prop_map(|a| (Form::Ip60, a)),
        answers(30).prop_map(|a| (Form::Ip30, a)),
    ]
}

/// The matcher's r for a profile against one occupation.
fn r(profile: [u8; 6], occupation: [f32; 6]) -> Option<f32> {
    let m = Matcher::new(OccupationPack {
        release: "p".into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: vec![Occupation {
            code: "11-1011.00".into(),
            title: "T".into(),
            job_zone: Some(3),
            bright_outlook: None,
            interests: occupation,
            high_point: String::new(),
        }],
    });
    m.rank(&Scores::from_array(profile), None)
        .ok()?
        .first()
        .map(|x| x.correlation)
}

fn flat(v: [u8; 6]) -> bool {
    v.iter().all(|&x| x == v[0])
}

proptest! {
    #[test]
    fn scoring_is_the_sum_of_value_minus_one_per_area((form, a) in any_form()) {
        let scores = score_str(&a).unwrap();
        let mut want = [0u32; 6];
        for (item, d) in items(form).iter().zip(a.bytes()) {
            want[item.area.index()] += u32::from(d - b'0') - 1;
        }
        prop_assert_eq!(scores.as_array().map(u32::from), want);
    }

    #[test]
    fn the_code_is_the_top_three_under_the_riasec_tie_rule(v in proptest::array::uniform6(0u8..=40)) {
        let s = Scores::from_array(v);
        let order = ranking(&s);
        // A permutation of the six areas…
        let mut seen = order.map(Area::index);
        seen.sort_unstable();
        prop_assert_eq!(seen, [0, 1, 2, 3, 4, 5]);
        // …by score, highest first, equal scores in RIASEC order.
        for w in order.windows(2) {
            let (a, b) = (s.get(w[0]), s.get(w[1]));
            prop_assert!(a > b || (a == b && w[0].index() < w[1].index()));
        }
        let code = high_point_code(&s);
        let want: String = order[..3].iter().map(|a| a.letter()).collect();
        prop_assert_eq!(&code, &want);
        // No area left out scores above one in the code.
        let lowest_in = order[..3].iter().map(|a| s.get(*a)).min().unwrap();
        prop_assert!(order[3..].iter().all(|a| s.get(*a) <= lowest_in));
    }

    #[test]
    fn correlation_is_bounded_symmetric_and_shift_free(
        a in proptest::array::uniform6(1u8..=30),
        b in proptest::array::uniform6(1u8..=7),
        shift in 0u8..=10,
    ) {
        prop_assume!(!flat(a) && !flat(b));
        let fb = b.map(f32::from);
        let ab = r(a, fb).unwrap();
        prop_assert!((-1.0..=1.0).contains(&ab), "r = {}", ab);
        let ba = r(b, a.map(f32::from)).unwrap();
        prop_assert!((ab - ba).abs() < 1e-5, "{} vs {}", ab, ba);
        let shifted = r(a.map(|x| x + shift), fb).unwrap();
        prop_assert!((ab - shifted).abs() < 1e-5, "{} vs {}", ab, shifted);
        let occ_shifted = r(a, b.map(|x| f32::from(x) + f32::from(shift))).unwrap();
        prop_assert!((ab - occ_shifted).abs() < 1e-5, "{} vs {}", ab, occ_shifted);
    }
}

proptest! {
    /// Any bytes as a batch input: no panic, one output row per input record, and no
    /// output cell can start a spreadsheet formula.
    #[test]
    fn any_batch_input_gives_safe_rows(input in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut out = Vec::new();
        let summary = waypoint_profiler::batch::run(
            input.as_slice(),
            &mut out,
            waypoint_profiler::BatchOptions::default(),
        )
        .unwrap();
        let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(out.as_slice())
            .records()
            .map(|r| r.unwrap())
            .collect();
        prop_assert_eq!(rows.len() as u64, summary.scored as u64 + summary.failed as u64);
        for row in &rows {
            for cell in row.iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", row);
            }
        }
    }
}
