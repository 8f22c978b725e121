//! Answers and scoring. Each answer counts value − 1 (0–4), summed per area: 0–40 on the
//! Short Form, 0–20 on the Mini-IP — the rule the O*NET `results` service uses.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{AnswerProblem, Error, Result};
use crate::instrument::area_table;
use crate::model::{Area, Form, Scores};

/// A complete set of answers to the Short Form (60) or the Mini-IP (30).
///
/// Stored inline (no heap), so parsing and scoring allocate nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Answers {
    form: Form,
    values: [u8; 60],
}

impl Answers {
    /// Parses an API answer string: 30 or 60 digits, each 1–5.
    pub fn parse(s: &str) -> Result<Answers> {
        let bytes = s.as_bytes();
        let form = form_for_len(s.chars().count())?;
        let mut values = [0u8; 60];
        for (i, &b) in bytes.iter().enumerate() {
            if !(b'1'..=b'5').contains(&b) {
                // Only reached on error, so finding the char position is fine here.
                let (pos, found) = s
                    .char_indices()
                    .enumerate()
                    .find(|(_, (byte_at, _))| *byte_at >= i)
                    .map(|(n, (_, c))| (n + 1, c))
                    .unwrap_or((i + 1, b as char));
                return Err(Error::InvalidAnswers(AnswerProblem::BadCharacter {
                    position: pos,
                    found,
                }));
            }
            values[i] = b - b'0';
        }
        Ok(Answers { form, values })
    }

    /// Builds answers from per-item choices (`None` = unanswered), 30 or 60 of them.
    pub fn from_choices(choices: &[Option<u8>]) -> Result<Answers> {
        let form = form_for_len(choices.len())?;
        let mut values = [0u8; 60];
        let mut missing = Vec::new();
        for (i, c) in choices.iter().enumerate() {
            match *c {
                None => missing.push(i + 1),
                Some(v @ 1..=5) => values[i] = v,
                Some(v) => {
                    return Err(Error::InvalidAnswers(AnswerProblem::BadValue {
                        item: i + 1,
                        value: v,
                    }))
                }
            }
        }
        if !missing.is_empty() {
            return Err(Error::InvalidAnswers(AnswerProblem::Incomplete { missing }));
        }
        Ok(Answers { form, values })
    }

    /// [`Form::Ip60`] or [`Form::Ip30`].
    pub fn form(&self) -> Form {
        self.form
    }

    /// Answer values 1–5 in item order.
    pub fn values(&self) -> &[u8] {
        &self.values[..self.len()]
    }

    pub fn len(&self) -> usize {
        if self.form == Form::Ip30 {
            30
        } else {
            60
        }
    }

    /// Always false: an `Answers` is complete by construction.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The API's `answers` parameter.
    pub fn to_answer_string(&self) -> String {
        self.values().iter().map(|v| (b'0' + v) as char).collect()
    }

    pub fn scores(&self) -> Scores {
        sum_by_area(self.values(), area_table(self.form), 1)
    }
}

impl FromStr for Answers {
    type Err = Error;
    fn from_str(s: &str) -> Result<Answers> {
        Answers::parse(s)
    }
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Answers({:?}, {})", self.form, self.to_answer_string())
    }
}

impl std::fmt::Display for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_answer_string())
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_answer_string())
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Answers::parse(&s).map_err(serde::de::Error::custom)
    }
}

fn form_for_len(n: usize) -> Result<Form> {
    match n {
        60 => Ok(Form::Ip60),
        30 => Ok(Form::Ip30),
        got => Err(Error::InvalidAnswers(AnswerProblem::WrongLength { got })),
    }
}

#[inline]
fn sum_by_area(values: &[u8], table: &[u8], offset: u8) -> Scores {
    let mut sums = [0u8; 6];
    for (&v, &a) in values.iter().zip(table) {
        sums[a as usize] += v - offset;
    }
    Scores::from_array(sums)
}

/// Scores an answer string straight from its bytes: the hot path for batch work.
/// Same result as `Answers::parse(s)?.scores()`.
pub fn score_str(s: &str) -> Result<Scores> {
    let b = s.as_bytes();
    let form = match b.len() {
        60 => Form::Ip60,
        30 => Form::Ip30,
        _ => return Answers::parse(s).map(|a| a.scores()),
    };
    if !b.iter().all(|c| (b'1'..=b'5').contains(c)) {
        return Answers::parse(s).map(|a| a.scores());
    }
    Ok(sum_by_area(b, area_table(form), b'1'))
}

impl Scores {
    /// Scores typed in from a paper profiler, checked against the range of the form they
    /// came from: 0–40 for the 60-item Short Form, 0–20 for the Mini-IP.
    /// `Form::Typed` is refused: it does not say which range applies.
    pub fn typed(values: [u32; 6], from: Form) -> Result<Scores> {
        let (max, form) = match from {
            Form::Ip60 => (40u8, "60-item Short Form"),
            Form::Ip30 => (20u8, "30-item Mini-IP"),
            Form::Typed => return Err(Error::UnknownScoreForm),
        };
        let mut out = [0u8; 6];
        for (i, &v) in values.iter().enumerate() {
            if v > u32::from(max) {
                return Err(Error::InvalidScores {
                    area: Area::ALL[i],
                    value: v,
                    max,
                    form,
                });
            }
            out[i] = v as u8;
        }
        Ok(Scores::from_array(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::items;

    const ONET_EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

    /// Independent reference: walks the item list, not the precomputed table.
    fn expected(form: Form, value_of: impl Fn(usize, Area) -> u8) -> [u8; 6] {
        let mut s = [0u8; 6];
        for it in items(form) {
            s[it.area.index()] += value_of(it.index as usize, it.area) - 1;
        }
        s
    }

    fn string_from(form: Form, value_of: impl Fn(usize, Area) -> u8) -> String {
        items(form)
            .iter()
            .map(|it| (b'0' + value_of(it.index as usize, it.area)) as char)
            .collect()
    }

    #[test]
    fn onet_documented_example() {
        let s = Answers::parse(ONET_EXAMPLE).unwrap().scores();
        assert_eq!(s.as_array(), [27, 13, 23, 25, 14, 14]);
        assert_eq!(score_str(ONET_EXAMPLE).unwrap(), s);
    }

    #[test]
    fn uniform_and_single_area_vectors_both_forms() {
        for form in [Form::Ip60, Form::Ip30] {
            let max = form.max_score().unwrap();
            for v in 1..=5u8 {
                let s = string_from(form, |_, _| v);
                let got = Answers::parse(&s).unwrap().scores();
                assert_eq!(got.as_array(), expected(form, |_, _| v));
                assert_eq!(got.as_array(), [max / 4 * (v - 1); 6]);
                assert_eq!(score_str(&s).unwrap(), got);
            }
            for target in Area::ALL {
                let f = |_: usize, a: Area| if a == target { 5 } else { 1 };
                let got = Answers::parse(&string_from(form, f)).unwrap().scores();
                assert_eq!(got.as_array(), expected(form, f));
                assert_eq!(got.get(target), max);
                for other in Area::ALL.into_iter().filter(|a| *a != target) {
                    assert_eq!(got.get(other), 0);
                }
            }
        }
    }

    #[test]
    fn varied_strings_match_reference() {
        for form in [Form::Ip60, Form::Ip30] {
            for seed in 0..50usize {
                let f = |i: usize, a: Area| ((i * 7 + a.index() * 3 + seed) % 5 + 1) as u8;
                let s = string_from(form, f);
                assert_eq!(score_str(&s).unwrap().as_array(), expected(form, f));
            }
        }
    }

    #[test]
    fn wrong_length() {
        let e = Answers::parse("12345").unwrap_err();
        assert_eq!(
            e,
            Error::InvalidAnswers(AnswerProblem::WrongLength { got: 5 })
        );
        assert!(e.to_string().contains("expected 30 or 60 answers, got 5"));
        assert_eq!(e.code(), "input.invalid_answers");
        assert!(score_str("").is_err());
    }

    #[test]
    fn bad_character_reports_position_and_char() {
        let mut s = ONET_EXAMPLE.to_string();
        s.replace_range(16..17, "0");
        let e = Answers::parse(&s).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidAnswers(AnswerProblem::BadCharacter {
                position: 17,
                found: '0'
            })
        );
        assert!(e.to_string().contains("character 17 is '0'"), "{e}");
        assert_eq!(score_str(&s).unwrap_err(), e);
        // A multi-byte character is counted as one position.
        let s: String = std::iter::repeat_n('3', 29).chain(['é']).collect();
        assert_eq!(
            Answers::parse(&s).unwrap_err(),
            Error::InvalidAnswers(AnswerProblem::BadCharacter {
                position: 30,
                found: 'é'
            })
        );
    }

    #[test]
    fn incomplete_choices_list_missing_items() {
        let mut c = vec![Some(3u8); 60];
        c[2] = None;
        c[16] = None;
        c[41] = None;
        let e = Answers::from_choices(&c).unwrap_err();
        assert!(
            e.to_string().contains("items 3, 17 and 42 are unanswered"),
            "{e}"
        );
        c[2] = Some(3);
        c[16] = Some(3);
        let e = Answers::from_choices(&c).unwrap_err();
        assert!(e.to_string().contains("item 42 is unanswered"), "{e}");
        c[41] = Some(6);
        let e = Answers::from_choices(&c).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidAnswers(AnswerProblem::BadValue { item: 42, value: 6 })
        );
        assert!(Answers::from_choices(&[Some(1); 31]).is_err());
    }

    #[test]
    fn choices_and_string_agree_and_round_trip() {
        let choices: Vec<Option<u8>> = ONET_EXAMPLE.bytes().map(|b| Some(b - b'0')).collect();
        let a = Answers::from_choices(&choices).unwrap();
        assert_eq!(a, Answers::parse(ONET_EXAMPLE).unwrap());
        assert_eq!(a.to_answer_string(), ONET_EXAMPLE);
        assert_eq!(a.form(), Form::Ip60);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), a);
        let short = Answers::parse(&ONET_EXAMPLE[..30]).unwrap();
        assert_eq!(short.form(), Form::Ip30);
        assert_eq!(short.values().len(), 30);
    }

    #[test]
    fn typed_scores_range_checked_per_form() {
        assert_eq!(
            Scores::typed([27, 13, 23, 25, 14, 14], Form::Ip60)
                .unwrap()
                .as_array(),
            [27, 13, 23, 25, 14, 14]
        );
        assert!(Scores::typed([40; 6], Form::Ip60).is_ok());
        assert!(Scores::typed([20; 6], Form::Ip30).is_ok());
        let e = Scores::typed([0, 0, 21, 0, 0, 0], Form::Ip30).unwrap_err();
        assert_eq!(e.code(), "input.invalid_scores");
        assert!(e.to_string().contains("Artistic score 21"), "{e}");
        assert!(e.to_string().contains("0 to 20"), "{e}");
        assert!(Scores::typed([0, 0, 0, 0, 0, 41], Form::Ip60).is_err());
        assert_eq!(
            Scores::typed([1; 6], Form::Typed).unwrap_err().code(),
            "input.invalid_scores"
        );
    }
}
