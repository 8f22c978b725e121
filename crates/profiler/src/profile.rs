//! Profile summary: the high-point code and flat-profile detection.
//!
//! Tie rule: areas are ranked by score, highest first; equal scores keep RIASEC order
//! (R before I before A before S before E before C). So scores R10 I20 A20 S5 E5 C5 give
//! `IAR`, and an all-equal profile would give `RIA` — which is why flat profiles are
//! flagged instead of being summarised as if they had a shape.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Area, Scores};

/// What a set of scores says, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub scores: Scores,
    /// All six areas, highest score first (ties in RIASEC order).
    pub ranking: [Area; 6],
    /// The top three letters, e.g. `"RSA"`.
    pub high_point: String,
    /// All six scores equal: no career match is meaningful.
    pub flat: bool,
}

/// All six areas ordered by score, highest first; ties keep RIASEC order.
pub fn ranking(scores: &Scores) -> [Area; 6] {
    let mut order = Area::ALL;
    // Stable sort keeps RIASEC order among equal scores: that is the tie rule.
    order.sort_by_key(|a| std::cmp::Reverse(scores.get(*a)));
    order
}

/// The three-letter high-point code (top three areas by score, ties in RIASEC order).
pub fn high_point_code(scores: &Scores) -> String {
    ranking(scores)[..3].iter().map(|a| a.letter()).collect()
}

/// True when all six scores are equal.
pub fn is_flat(scores: &Scores) -> bool {
    let a = scores.as_array();
    a.iter().all(|&v| v == a[0])
}

/// `Err(FlatProfile)` when the profile has no shape to match.
pub fn ensure_not_flat(scores: &Scores) -> Result<()> {
    if is_flat(scores) {
        Err(Error::FlatProfile(scores.realistic))
    } else {
        Ok(())
    }
}

pub fn summarize(scores: &Scores) -> ProfileSummary {
    let ranking = ranking(scores);
    ProfileSummary {
        scores: *scores,
        ranking,
        high_point: ranking[..3].iter().map(|a| a.letter()).collect(),
        flat: is_flat(scores),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onet_example_high_point() {
        let s = Scores::from_array([27, 13, 23, 25, 14, 14]);
        assert_eq!(high_point_code(&s), "RSA");
        let p = summarize(&s);
        assert!(!p.flat);
        assert_eq!(
            p.ranking[3..],
            [Area::Enterprising, Area::Conventional, Area::Investigative]
        );
    }

    #[test]
    fn ties_break_in_riasec_order() {
        assert_eq!(
            high_point_code(&Scores::from_array([10, 20, 20, 5, 5, 5])),
            "IAR"
        );
        assert_eq!(
            high_point_code(&Scores::from_array([0, 0, 0, 9, 9, 9])),
            "SEC"
        );
        assert_eq!(
            high_point_code(&Scores::from_array([3, 1, 2, 3, 3, 2])),
            "RSE"
        );
        // Reversing the input order of equal scores must not change the answer.
        assert_eq!(
            high_point_code(&Scores::from_array([1, 1, 1, 1, 2, 2])),
            "ECR"
        );
    }

    #[test]
    fn flat_profiles_detected() {
        for v in [0u8, 7, 40] {
            let s = Scores::from_array([v; 6]);
            assert!(is_flat(&s));
            assert!(summarize(&s).flat);
            let e = ensure_not_flat(&s).unwrap_err();
            assert_eq!(e.code(), "profile.flat");
            assert!(e.to_string().contains("no career match"), "{e}");
        }
        let nearly = Scores::from_array([7, 7, 7, 7, 7, 8]);
        assert!(!is_flat(&nearly));
        assert!(ensure_not_flat(&nearly).is_ok());
    }
}
