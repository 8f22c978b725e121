//! Input checks that run before any request, so bad input never costs a
//! round trip (or a rate-limit slot).

use crate::error::{Error, Result};
use crate::types::Area;
use serde::{Deserialize, Serialize};

/// 30 (Mini-IP) or 60 (Short Form) digits 1–5, in question order.
pub fn answers(s: &str) -> Result<()> {
    for (i, ch) in s.chars().enumerate() {
        if !('1'..='5').contains(&ch) {
            return Err(Error::InvalidAnswers(format!(
                "answer {} is {ch:?}; every answer must be a digit from 1 to 5",
                i + 1
            )));
        }
    }
    let n = s.chars().count();
    if n != 30 && n != 60 {
        return Err(Error::InvalidAnswers(format!(
            "answers must be 30 or 60 digits long, found {n}"
        )));
    }
    Ok(())
}

pub fn zone(z: Option<i64>) -> Result<Option<u8>> {
    match z {
        None => Ok(None),
        Some(z @ 1..=5) => Ok(Some(z as u8)),
        Some(z) => Err(Error::InvalidZone(z)),
    }
}

/// `^\d\d-\d\d\d\d\.\d\d$`
pub fn career_code(code: &str) -> Result<()> {
    let b = code.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            7 => *c == b'.',
            _ => c.is_ascii_digit(),
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidCode(code.to_string()))
    }
}

/// The longest search keyword accepted, in characters. The contract sets no limit; a
/// career title or a few words fit well within it, and a pasted paragraph does not.
pub const MAX_KEYWORD_CHARS: usize = 100;

/// A search keyword, trimmed: not empty or blank, at most [`MAX_KEYWORD_CHARS`]
/// characters, no control characters. Wildcards, quotes and emoji are left alone: they
/// are searched for as written.
pub fn keyword(s: &str) -> Result<&str> {
    let k = s.trim();
    if k.is_empty() {
        return Err(Error::InvalidKeyword(
            "type a word to search for; the search is empty".into(),
        ));
    }
    let n = k.chars().count();
    if n > MAX_KEYWORD_CHARS {
        return Err(Error::InvalidKeyword(format!(
            "the search is {n} characters long; use at most {MAX_KEYWORD_CHARS}"
        )));
    }
    if k.chars().any(char::is_control) {
        return Err(Error::InvalidKeyword(
            "the search holds a control character (a tab or line break, say); type words only"
                .into(),
        ));
    }
    Ok(k)
}

/// Requested rows `start..=end`, 1-based and inclusive like the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}

impl Range {
    pub fn new(start: u32, end: u32) -> Self {
        Range { start, end }
    }
    pub fn first(n: u32) -> Self {
        Range { start: 1, end: n }
    }
    pub fn check(self) -> Result<Self> {
        if self.start < 1 {
            return Err(Error::InvalidRange(format!(
                "start must be 1 or more, not {}",
                self.start
            )));
        }
        if self.end < self.start {
            return Err(Error::InvalidRange(format!(
                "end ({}) must not be less than start ({})",
                self.end, self.start
            )));
        }
        Ok(self)
    }
}

/// Six RIASEC area scores, each ≥ 0 (enforced by the type once parsed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores(pub [u32; 6]);

impl Scores {
    /// From signed values, e.g. user input; rejects counts ≠ 6 and negatives.
    pub fn from_values(values: &[i64]) -> Result<Self> {
        if values.len() != 6 {
            return Err(Error::InvalidScores(format!(
                "six scores are needed (R, I, A, S, E, C), found {}",
                values.len()
            )));
        }
        let mut out = [0u32; 6];
        for (i, v) in values.iter().enumerate() {
            out[i] = u32::try_from(*v).map_err(|_| {
                Error::InvalidScores(format!(
                    "the {} score must be a whole number of 0 or more, not {v}",
                    Area::ALL[i].as_str()
                ))
            })?;
        }
        Ok(Scores(out))
    }

    pub fn get(&self, area: Area) -> u32 {
        self.0[Area::ALL.iter().position(|a| *a == area).unwrap_or(0)]
    }
}

impl std::str::FromStr for Scores {
    type Err = Error;
    /// "R,I,A,S,E,C", e.g. "27,13,23,25,14,14".
    fn from_str(s: &str) -> Result<Self> {
        let mut values = Vec::new();
        for (i, part) in s.split(',').enumerate() {
            let part = part.trim();
            let v: i64 = part.parse().map_err(|_| {
                Error::InvalidScores(format!(
                    "score {} is {part:?}; scores are six whole numbers separated by commas (R,I,A,S,E,C)",
                    i + 1
                ))
            })?;
            values.push(v);
        }
        Scores::from_values(&values)
    }
}

/// Database Services table id, `^\w+$`.
pub fn table_id(id: &str) -> Result<()> {
    if is_word(id) {
        Ok(())
    } else {
        Err(Error::InvalidQuery(format!("{id:?} is not a table id")))
    }
}

pub(crate) fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

const VALUE_OPS: [&str; 12] = [
    "eq",
    "contains",
    "startswith",
    "endswith",
    "lt",
    "lte",
    "gt",
    "gte",
    "before",
    "onbefore",
    "after",
    "onafter",
];

/// `^\w+\.n?(na|((eq|…|onafter)\..+))$`
pub fn filter(f: &str) -> Result<()> {
    let bad = || Error::InvalidQuery(format!("filter {f:?} is not column.operator.value"));
    let (col, rest) = f.split_once('.').ok_or_else(bad)?;
    if !is_word(col) {
        return Err(bad());
    }
    let rest = rest.strip_prefix('n').filter(|r| {
        // "na" itself starts with n: only strip when what is left is still an operator.
        *r == "na" || VALUE_OPS.iter().any(|op| r.starts_with(&format!("{op}.")))
    });
    let rest = rest.unwrap_or(&f[col.len() + 1..]);
    if rest == "na" {
        return Ok(());
    }
    let ok = VALUE_OPS.iter().any(|op| {
        rest.strip_prefix(op)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|v| !v.is_empty())
    });
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// `^\w+(\.descending)?$`
pub fn sort(s: &str) -> Result<()> {
    if is_word(s.strip_suffix(".descending").unwrap_or(s)) {
        Ok(())
    } else {
        Err(Error::InvalidQuery(format!(
            "sort {s:?} is not a column id (optionally followed by .descending)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_errors_name_position_and_length() {
        let mut s = "3".repeat(60);
        assert!(answers(&s).is_ok());
        assert!(answers(&"5".repeat(30)).is_ok());
        s.replace_range(16..17, "0");
        let e = answers(&s).unwrap_err();
        assert_eq!(e.code(), "input.invalid_answers");
        assert!(e.to_string().contains("answer 17 is '0'"), "{e}");
        let e = answers(&"1".repeat(45)).unwrap_err();
        assert!(e.to_string().contains("found 45"), "{e}");
        assert!(answers("").is_err());
    }

    #[test]
    fn codes_ranges_zones_scores() {
        assert!(career_code("15-1252.00").is_ok());
        for bad in [
            "15-1252",
            "151252.00",
            "15-1252.0a",
            "15_1252.00",
            " 15-1252.00",
        ] {
            assert_eq!(career_code(bad).unwrap_err().code(), "input.invalid_code");
        }
        assert!(Range::new(1, 1).check().is_ok());
        assert!(Range::new(0, 5).check().is_err());
        assert!(Range::new(6, 5).check().is_err());
        assert_eq!(zone(Some(5)).unwrap(), Some(5));
        assert_eq!(zone(Some(0)).unwrap_err().code(), "input.invalid_zone");
        assert_eq!(zone(Some(6)).unwrap_err().code(), "input.invalid_zone");
        assert_eq!(
            "1,2,3,4,5,6".parse::<Scores>().unwrap().0,
            [1, 2, 3, 4, 5, 6]
        );
        for bad in ["1,2,3,4,5", "1,2,3,4,5,-1", "1,2,x,4,5,6", "1,2,3,4,5,6,7"] {
            assert_eq!(
                bad.parse::<Scores>().unwrap_err().code(),
                "input.invalid_scores",
                "{bad}"
            );
        }
    }

    #[test]
    fn filters_follow_the_contract_regex() {
        for ok in [
            "scale_id.eq.OI",
            "title.ncontains.chief",
            "date_updated.before.2020-01-01",
            "onetsoc_code.na",
            "onetsoc_code.nna",
            "data_value.gte.4.5",
        ] {
            assert!(filter(ok).is_ok(), "{ok}");
        }
        for bad in [
            "scale_id",
            "scale_id.eq",
            "scale_id.eq.",
            "a-b.eq.1",
            "x.like.1",
            "x.na.1",
        ] {
            assert!(filter(bad).is_err(), "{bad}");
        }
        assert!(sort("onetsoc_code.descending").is_ok());
        assert!(sort("onetsoc_code.asc").is_err());
    }
}
