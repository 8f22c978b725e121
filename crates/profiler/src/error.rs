//! The crate's one error type. `code()` values are stable: the UI and other crates
//! branch on them, so never rename one.

use crate::model::Area;
use waypoint_error_code::ErrorCode;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an answer set was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerProblem {
    /// Neither 30 nor 60 answers.
    WrongLength { got: usize },
    /// A character other than `1`–`5`; `position` is 1-based.
    BadCharacter { position: usize, found: char },
    /// A choice outside 1–5; `item` is 1-based.
    BadValue { item: usize, value: u8 },
    /// Unanswered items, 1-based, ascending.
    Incomplete { missing: Vec<usize> },
}

impl std::fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerProblem::WrongLength { got } => {
                write!(f, "expected 30 or 60 answers, got {got}")
            }
            AnswerProblem::BadCharacter { position, found } => write!(
                f,
                "character {position} is {found:?}; each answer must be a digit from 1 to 5"
            ),
            AnswerProblem::BadValue { item, value } => write!(
                f,
                "item {item} has answer {value}; answers must be from 1 to 5"
            ),
            AnswerProblem::Incomplete { missing } => {
                let noun = if missing.len() == 1 { "item" } else { "items" };
                let verb = if missing.len() == 1 { "is" } else { "are" };
                write!(f, "{noun} {} {verb} unanswered", join_and(missing))
            }
        }
    }
}

/// "3", "3 and 17", "3, 17 and 42".
fn join_and(n: &[usize]) -> String {
    match n {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => {
            let head: Vec<String> = init.iter().map(|x| x.to_string()).collect();
            format!("{} and {last}", head.join(", "))
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("The answers cannot be scored: {0}.")]
    InvalidAnswers(AnswerProblem),

    /// A typed-in score outside the range of the form it came from.
    #[error(
        "The {area} score {value} is out of range: scores from the {form} run from 0 to {max}."
    )]
    InvalidScores {
        area: Area,
        value: u32,
        max: u8,
        form: &'static str,
    },

    /// The form given for typed scores cannot be range-checked.
    #[error("Say which paper form the scores came from (60-item Short Form or 30-item Mini-IP) so they can be checked.")]
    UnknownScoreForm,

    #[error("Job Zone {0} does not exist: choose a Job Zone from 1 to 5, or none for all zones.")]
    InvalidZone(u8),

    /// All six scores are equal, so the profile has no shape to match.
    #[error("All six interest scores are equal ({0}), so no career match would mean anything. Answering with more variety (liking some activities more than others) gives a profile that can be matched.")]
    FlatProfile(u8),

    /// An occupation pack, its rows or a release file is malformed.
    #[error("{}", pack_invalid_message(.file, *.line, .message))]
    PackInvalid {
        /// File or table the problem is in.
        file: String,
        /// 1-based line (release files) or row (Database Services rows).
        line: Option<usize>,
        message: String,
    },

    /// A release file past the import's caps: refused before it is read whole.
    #[error("{file}: {what}; a real O*NET release file is far smaller, so this is not one. The installed data is unchanged.")]
    PackTooLarge { file: String, what: String },

    /// A release file or folder could not be read.
    #[error("Could not read {path}: {message}")]
    PackIo { path: String, message: String },

    /// Reading or writing a batch file failed.
    /// A search keyword that is empty, blank or too long.
    #[error("{0}")]
    InvalidKeyword(String),
    #[error("Batch scoring stopped: {0}")]
    BatchIo(String),
}

fn pack_invalid_message(file: &str, line: Option<usize>, message: &str) -> String {
    match line {
        Some(l) => format!("{file}, line {l}: {message}"),
        None => format!("{file}: {message}"),
    }
}

impl Error {
    /// A stable dotted code for programs (`input.invalid_answers`, `profile.flat`, ...).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidAnswers(_) => ErrorCode::InputInvalidAnswers,
            Error::InvalidScores { .. } | Error::UnknownScoreForm => ErrorCode::InputInvalidScores,
            Error::InvalidZone(_) => ErrorCode::InputInvalidZone,
            Error::FlatProfile(_) => ErrorCode::ProfileFlat,
            Error::PackInvalid { .. } => ErrorCode::PackInvalid,
            Error::PackIo { .. } => ErrorCode::PackIo,
            Error::PackTooLarge { .. } => ErrorCode::PackTooLarge,
            Error::BatchIo(_) => ErrorCode::BatchIo,
            Error::InvalidKeyword(_) => ErrorCode::InputInvalidKeyword,
        }
    }

    pub(crate) fn pack(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Error {
        Error::PackInvalid {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl std::fmt::Display, e: impl std::fmt::Display) -> Error {
        Error::PackIo {
            path: path.to_string(),
            message: e.to_string(),
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_serialises_as_code_and_message() {
        let cases = [
            (
                Error::InvalidAnswers(AnswerProblem::WrongLength { got: 7 }),
                "input.invalid_answers",
            ),
            (
                Error::InvalidScores {
                    area: Area::Social,
                    value: 41,
                    max: 40,
                    form: "60-item Short Form",
                },
                "input.invalid_scores",
            ),
            (Error::UnknownScoreForm, "input.invalid_scores"),
            (Error::InvalidZone(6), "input.invalid_zone"),
            (Error::FlatProfile(20), "profile.flat"),
            (
                Error::pack("Interests.txt", Some(12), "bad"),
                "pack.invalid",
            ),
            (Error::io("/x/y.zip", "No such file"), "pack.io"),
            (Error::BatchIo("disk full".into()), "batch.io"),
        ];
        for (e, code) in cases {
            assert_eq!(e.code(), code);
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(
                v,
                serde_json::json!({"code": code, "message": e.to_string()})
            );
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(
            Error::pack("Interests.txt", Some(12), "bad").to_string(),
            "Interests.txt, line 12: bad"
        );
    }

    #[test]
    fn join_and_reads_naturally() {
        assert_eq!(join_and(&[3]), "3");
        assert_eq!(join_and(&[3, 17]), "3 and 17");
        assert_eq!(join_and(&[3, 17, 42]), "3, 17 and 42");
    }
}
