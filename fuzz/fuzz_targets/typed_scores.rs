//! Typed scores: the `submit_scores` command's arguments as the UI sends them (JSON with
//! the crate's own `Form` and `Scores` decoding), then `Scores::typed`'s range check,
//! compared with an independent statement of the rule. Bytes that are not such JSON
//! drive `Scores::typed` over the whole `u32` range instead.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use waypoint_profiler::{Area, Error, Form, Scores};

/// The fields of the `submit_scores` IPC call that carry the scores.
#[derive(Deserialize)]
struct Args {
    form: Form,
    scores: Scores,
}

fuzz_target!(|data: &[u8]| {
    if let Ok(args) = serde_json::from_slice::<Args>(data) {
        // A decoded value re-encodes to the same value.
        let json = serde_json::to_string(&args.scores).unwrap();
        assert_eq!(serde_json::from_str::<Scores>(&json).unwrap(), args.scores);
        let form_json = serde_json::to_string(&args.form).unwrap();
        assert_eq!(serde_json::from_str::<Form>(&form_json).unwrap(), args.form);
        check(args.form, args.scores.as_array().map(u32::from));
    } else if data.len() >= 25 {
        let form = [Form::Ip60, Form::Ip30, Form::Typed][usize::from(data[0] % 3)];
        let mut values = [0u32; 6];
        for (v, b) in values.iter_mut().zip(data[1..].chunks_exact(4)) {
            *v = u32::from_le_bytes(b.try_into().unwrap());
        }
        check(form, values);
    }
});

fn check(form: Form, values: [u32; 6]) {
    let got = Scores::typed(values, form);
    let max = match form {
        Form::Ip60 => 40,
        Form::Ip30 => 20,
        Form::Typed => {
            assert_eq!(got, Err(Error::UnknownScoreForm));
            return;
        }
    };
    match values.iter().position(|&v| v > max) {
        None => assert_eq!(got.unwrap().as_array().map(u32::from), values),
        Some(i) => match &got {
            Err(Error::InvalidScores {
                area,
                value,
                max: m,
                ..
            }) => {
                assert_eq!(
                    (*area, *value, u32::from(*m)),
                    (Area::ALL[i], values[i], max)
                );
                assert!(got
                    .unwrap_err()
                    .to_string()
                    .contains(&values[i].to_string()));
            }
            other => panic!("{values:?} on {form:?}: expected InvalidScores, got {other:?}"),
        },
    }
}
