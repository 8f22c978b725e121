//! The answer-string parser (`Answers::parse`, its fast twin `score_str`, and
//! `Answers::from_choices`): never a panic, a crate error on bad input, and every answer
//! string that parses round-trips and scores as the sum of value − 1 per area.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypoint_profiler::{score_str, AnswerProblem, Answers, Area, Error};

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        check_string(s);
    }
    // The UI's per-item choices: a zero byte is an unanswered item.
    let choices: Vec<Option<u8>> = data.iter().map(|&b| (b != 0).then_some(b % 8)).collect();
    match Answers::from_choices(&choices) {
        Ok(a) => {
            let values: Vec<u8> = choices.iter().map(|c| c.unwrap()).collect();
            assert_eq!(a.values(), values.as_slice());
            assert_eq!(Answers::parse(&a.to_answer_string()), Ok(a));
        }
        Err(e) => assert!(matches!(e, Error::InvalidAnswers(_)), "{e:?}"),
    }
});

fn check_string(s: &str) {
    let parsed = Answers::parse(s);
    // The batch path must agree with the full parser, error included.
    assert_eq!(score_str(s), parsed.clone().map(|a| a.scores()));
    match parsed {
        Ok(a) => {
            assert_eq!(a.to_answer_string(), s);
            assert_eq!(a.len(), s.len());
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), a);

            let scores = a.scores();
            let max = a.form().max_score().unwrap();
            assert!(scores.as_array().iter().all(|&v| v <= max), "{scores:?}");
            let sum: u32 = a.values().iter().map(|&v| u32::from(v) - 1).sum();
            let total: u32 = Area::ALL.iter().map(|&x| u32::from(scores.get(x))).sum();
            assert_eq!(sum, total);
        }
        Err(e) => {
            let _ = (e.code(), e.to_string());
            match e {
                Error::InvalidAnswers(AnswerProblem::WrongLength { got }) => {
                    assert_eq!(got, s.chars().count());
                    assert!(got != 30 && got != 60);
                }
                // The position is counted in characters and names the character found.
                Error::InvalidAnswers(AnswerProblem::BadCharacter { position, found }) => {
                    assert_eq!(s.chars().nth(position - 1), Some(found), "{s:?}");
                    assert!(!('1'..='5').contains(&found));
                    assert!(s
                        .chars()
                        .take(position - 1)
                        .all(|c| ('1'..='5').contains(&c)));
                }
                other => panic!("unexpected error for an answer string: {other:?}"),
            }
        }
    }
}
