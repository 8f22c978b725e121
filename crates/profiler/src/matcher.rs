//! Offline career matching by profile correlation.
//!
//! Each occupation is scored by the Pearson correlation r between the person's six area
//! scores and the occupation's six O*NET Occupational Interest values (RIASEC order).
//! Correlation ignores level and scale, so Short Form (0–40), Mini-IP (0–20) and typed
//! scores all match the same way. Results are ranked by r, highest first; equal r are
//! ordered by title (then code). Flat profiles are refused: r is undefined for them.
//! Occupations whose own six values are all equal are never listed, for the same reason.
//!
//! Fit bands ([`fit_for`]) are this project's rule, not O*NET's (whose rule is
//! unpublished):
//!
//! | band  | correlation        |
//! |-------|--------------------|
//! | Best  | r ≥ 0.75           |
//! | Great | 0.55 ≤ r < 0.75    |
//! | Good  | 0.40 ≤ r < 0.55    |
//! | none  | r < 0.40           |
//!
//! The Best cut-off was picked so that O*NET's documented example answer string gets
//! exactly the two "Best" careers O*NET lists for it (with the 29.3 data); the other
//! two are round cut-offs for a clear and a moderate resemblance.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Fit, Occupation, OccupationPack, Scores};
use crate::profile::ensure_not_flat;

/// Lowest correlation for each band.
pub const BEST_MIN: f32 = 0.75;
pub const GREAT_MIN: f32 = 0.55;
pub const GOOD_MIN: f32 = 0.40;

/// The fit band for a correlation, or `None` below [`GOOD_MIN`].
pub fn fit_for(r: f32) -> Option<Fit> {
    if r >= BEST_MIN {
        Some(Fit::Best)
    } else if r >= GREAT_MIN {
        Some(Fit::Great)
    } else if r >= GOOD_MIN {
        Some(Fit::Good)
    } else {
        None
    }
}

/// One ranked occupation, pointing into [`Matcher::occupations`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub index: usize,
    pub correlation: f32,
    pub fit: Option<Fit>,
}

/// A ranked occupation with its details, for display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerMatch {
    pub code: String,
    pub title: String,
    pub job_zone: Option<u8>,
    pub bright_outlook: Option<bool>,
    pub high_point: String,
    pub correlation: f32,
    pub fit: Option<Fit>,
}

/// A pack prepared for fast matching. Build once per pack, reuse for every profile.
#[derive(Debug, Clone)]
pub struct Matcher {
    release: String,
    source: String,
    occupations: Vec<Occupation>,
    /// Matchable occupations (non-flat profile) by zone: `by_zone[0]` all, `by_zone[z]`
    /// Job Zone z. Contiguous so the hot loop streams through memory.
    by_zone: [Vec<Entry>; 6],
    /// Occupation index by title rank (the inverse of `Entry::title_rank`).
    by_title: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Mean-centred, unit-length interest vector, so r is a 6-term dot product.
    unit: [f32; 6],
    /// Position in title order: the tie-break, precomputed so ranking compares
    /// integers, not strings.
    title_rank: u32,
}

impl From<OccupationPack> for Matcher {
    fn from(pack: OccupationPack) -> Matcher {
        Matcher::new(pack)
    }
}

/// Centres and normalises six values; `None` when all are equal.
fn unit_vector(v: [f32; 6]) -> Option<[f32; 6]> {
    let mean = v.iter().sum::<f32>() / 6.0;
    let mut c = v.map(|x| x - mean);
    let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
    // Values carry two decimals at most, so anything this small is an all-equal row.
    if !norm.is_finite() || norm < 1e-6 {
        return None;
    }
    c.iter_mut().for_each(|x| *x /= norm);
    Some(c)
}

fn check_zone(zone: Option<u8>) -> Result<usize> {
    match zone {
        None => Ok(0),
        Some(z @ 1..=5) => Ok(z as usize),
        Some(z) => Err(Error::InvalidZone(z)),
    }
}

/// Maps r to a u32 that sorts ascending as r sorts descending.
#[inline]
fn desc_key(r: f32) -> u32 {
    let b = r.to_bits();
    let asc = if b >> 31 == 1 { !b } else { b | 0x8000_0000 };
    !asc
}

#[inline]
fn from_desc_key(k: u32) -> f32 {
    let asc = !k;
    let b = if asc >> 31 == 1 {
        asc & 0x7fff_ffff
    } else {
        !asc
    };
    f32::from_bits(b)
}

impl Matcher {
    pub fn new(pack: OccupationPack) -> Matcher {
        let OccupationPack {
            release,
            source,
            occupations,
        } = pack;
        let n = occupations.len();
        let mut by_title: Vec<u32> = (0..n as u32).collect();
        by_title.sort_by(|&a, &b| {
            let (a, b) = (&occupations[a as usize], &occupations[b as usize]);
            a.title.cmp(&b.title).then_with(|| a.code.cmp(&b.code))
        });
        let mut title_rank = vec![0u32; n];
        for (rank, &i) in by_title.iter().enumerate() {
            title_rank[i as usize] = rank as u32;
        }
        let mut by_zone: [Vec<Entry>; 6] = Default::default();
        for (i, o) in occupations.iter().enumerate() {
            let Some(unit) = unit_vector(o.interests) else {
                continue;
            };
            let e = Entry {
                unit,
                title_rank: title_rank[i],
            };
            by_zone[0].push(e);
            if let Some(z @ 1..=5) = o.job_zone {
                by_zone[z as usize].push(e);
            }
        }
        Matcher {
            release,
            source,
            occupations,
            by_zone,
            by_title,
        }
    }

    pub fn release(&self) -> &str {
        &self.release
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// The Job Zone of the occupation `code`, when the pack has it.
    pub fn job_zone(&self, code: &str) -> Option<u8> {
        self.occupations
            .iter()
            .find(|o| o.code == code)
            .and_then(|o| o.job_zone)
    }

    /// Number of occupations that can be matched (in a zone, or all).
    pub fn matchable(&self, zone: Option<u8>) -> Result<usize> {
        Ok(self.by_zone[check_zone(zone)?].len())
    }

    /// Sort keys: correlation descending, then title order. Unique per occupation, so an
    /// unstable sort gives a deterministic order.
    fn keys(&self, scores: &Scores, zone: Option<u8>) -> Result<Vec<u64>> {
        let z = check_zone(zone)?;
        ensure_not_flat(scores)?;
        let person = unit_vector(scores.as_array().map(f32::from))
            .ok_or(Error::FlatProfile(scores.realistic))?;
        Ok(self.by_zone[z]
            .iter()
            .map(|e| {
                let u = &e.unit;
                let r = person[0] * u[0]
                    + person[1] * u[1]
                    + person[2] * u[2]
                    + person[3] * u[3]
                    + person[4] * u[4]
                    + person[5] * u[5];
                // Rounding can push |r| a hair past 1.
                let r = r.clamp(-1.0, 1.0);
                (u64::from(desc_key(r)) << 32) | u64::from(e.title_rank)
            })
            .collect())
    }

    fn decode(&self, key: u64) -> Ranked {
        let r = from_desc_key((key >> 32) as u32);
        Ranked {
            index: self.by_title[(key & 0xffff_ffff) as usize] as usize,
            correlation: r,
            fit: fit_for(r),
        }
    }

    /// Every matchable occupation (in `zone`, if given), best first.
    pub fn rank(&self, scores: &Scores, zone: Option<u8>) -> Result<Vec<Ranked>> {
        let mut keys = self.keys(scores, zone)?;
        keys.sort_unstable();
        Ok(keys.into_iter().map(|k| self.decode(k)).collect())
    }

    /// The best `k` occupations (in `zone`, if given), best first.
    pub fn top_ranked(&self, scores: &Scores, zone: Option<u8>, k: usize) -> Result<Vec<Ranked>> {
        let mut keys = self.keys(scores, zone)?;
        if k == 0 {
            return Ok(Vec::new());
        }
        if k < keys.len() {
            keys.select_nth_unstable(k - 1);
            keys.truncate(k);
        }
        keys.sort_unstable();
        Ok(keys.into_iter().map(|k| self.decode(k)).collect())
    }

    /// The best `k` occupations with their details.
    pub fn top(&self, scores: &Scores, zone: Option<u8>, k: usize) -> Result<Vec<CareerMatch>> {
        Ok(self
            .top_ranked(scores, zone, k)?
            .into_iter()
            .map(|r| self.career(r))
            .collect())
    }

    pub fn career(&self, r: Ranked) -> CareerMatch {
        let o = &self.occupations[r.index];
        CareerMatch {
            code: o.code.clone(),
            title: o.title.clone(),
            job_zone: o.job_zone,
            bright_outlook: o.bright_outlook,
            high_point: o.high_point.clone(),
            correlation: r.correlation,
            fit: r.fit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(code: &str, title: &str, zone: Option<u8>, interests: [f32; 6]) -> Occupation {
        Occupation {
            code: code.into(),
            title: title.into(),
            job_zone: zone,
            bright_outlook: None,
            interests,
            high_point: String::new(),
        }
    }

    fn pearson(a: [f64; 6], b: [f64; 6]) -> f64 {
        let ma = a.iter().sum::<f64>() / 6.0;
        let mb = b.iter().sum::<f64>() / 6.0;
        let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
        for k in 0..6 {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma).powi(2);
            sbb += (b[k] - mb).powi(2);
        }
        sab / (saa * sbb).sqrt()
    }

    fn pack(occupations: Vec<Occupation>) -> OccupationPack {
        OccupationPack {
            release: "test".into(),
            source: OccupationPack::SOURCE_RELEASE_FILE.into(),
            occupations,
        }
    }

    /// Deterministic pseudo-random interest values 1.00–7.00 (two decimals).
    fn generated(n: usize) -> Vec<Occupation> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n)
            .map(|i| {
                let mut v = [0f32; 6];
                for slot in &mut v {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *slot = 1.0 + (x % 601) as f32 / 100.0;
                }
                occ(
                    &format!("{:02}-{:04}.00", 11 + i % 40, i),
                    &format!("Occupation {}", i % 97),
                    Some((i % 5) as u8 + 1),
                    v,
                )
            })
            .collect()
    }

    #[test]
    fn correlation_matches_reference_and_ranking_is_sorted() {
        let m = Matcher::new(pack(generated(300)));
        let s = Scores::from_array([27, 13, 23, 25, 14, 14]);
        let ranked = m.rank(&s, None).unwrap();
        assert_eq!(ranked.len(), 300);
        for r in &ranked {
            let o = &m.occupations()[r.index];
            let want = pearson(s.as_array().map(f64::from), o.interests.map(f64::from));
            assert!((f64::from(r.correlation) - want).abs() < 1e-5);
            assert_eq!(r.fit, fit_for(r.correlation));
        }
        for w in ranked.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(a.correlation >= b.correlation);
            if a.correlation == b.correlation {
                let (ta, tb) = (&m.occupations()[a.index], &m.occupations()[b.index]);
                assert!((&ta.title, &ta.code) < (&tb.title, &tb.code));
            }
        }
        // top() agrees with the head of rank().
        let top = m.top_ranked(&s, None, 10).unwrap();
        assert_eq!(top, ranked[..10]);
        assert_eq!(m.top_ranked(&s, None, 1000).unwrap(), ranked);
        assert!(m.top_ranked(&s, None, 0).unwrap().is_empty());
    }

    #[test]
    fn equal_correlations_are_ordered_by_title() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        // Same shape at another level and scale: identical r.
        let w = [2.0, 3.5, 5.0, 6.5, 8.0, 9.5].map(|x: f32| x * 0.5 + 1.0);
        let m = Matcher::new(pack(vec![
            occ("1", "Zoologists", None, v),
            occ("2", "Astronomers", None, w),
            occ("3", "Bakers", None, v),
            occ("4", "Bakers", None, v),
        ]));
        let s = Scores::from_array([0, 4, 8, 12, 16, 20]);
        let r = m.rank(&s, None).unwrap();
        let codes: Vec<&str> = r
            .iter()
            .map(|x| m.occupations()[x.index].code.as_str())
            .collect();
        assert_eq!(codes, ["2", "3", "4", "1"]);
        assert!(r
            .iter()
            .all(|x| (x.correlation - 1.0).abs() < 1e-6 && x.fit == Some(Fit::Best)));
    }

    #[test]
    fn zone_filter_and_invalid_zone() {
        let m = Matcher::new(pack(generated(100)));
        let s = Scores::from_array([1, 30, 2, 10, 5, 8]);
        let all = m.rank(&s, None).unwrap();
        for z in 1..=5u8 {
            let ranked = m.rank(&s, Some(z)).unwrap();
            assert_eq!(ranked.len(), 20);
            assert!(ranked
                .iter()
                .all(|r| m.occupations()[r.index].job_zone == Some(z)));
            // Same relative order as the unfiltered ranking.
            let filtered: Vec<_> = all
                .iter()
                .filter(|r| m.occupations()[r.index].job_zone == Some(z))
                .copied()
                .collect();
            assert_eq!(ranked, filtered);
        }
        for bad in [0u8, 6, 255] {
            let e = m.rank(&s, Some(bad)).unwrap_err();
            assert_eq!(e.code(), "input.invalid_zone");
            assert!(e.to_string().contains("from 1 to 5"));
        }
    }

    #[test]
    fn flat_profiles_refused_and_flat_occupations_skipped() {
        let mut occs = generated(10);
        occs.push(occ("flat", "Flat", Some(1), [3.5; 6]));
        let m = Matcher::new(pack(occs));
        assert_eq!(m.matchable(None).unwrap(), 10);
        for v in [0u8, 20, 40] {
            let e = m.rank(&Scores::from_array([v; 6]), None).unwrap_err();
            assert_eq!(e.code(), "profile.flat");
            assert_eq!(m.top(&Scores::from_array([v; 6]), None, 5).unwrap_err(), e);
        }
        let r = m
            .rank(&Scores::from_array([1, 2, 3, 4, 5, 6]), None)
            .unwrap();
        assert!(r.iter().all(|x| m.occupations()[x.index].code != "flat"));
    }

    #[test]
    fn fit_bands_follow_thresholds() {
        assert_eq!(fit_for(1.0), Some(Fit::Best));
        assert_eq!(fit_for(BEST_MIN), Some(Fit::Best));
        assert_eq!(
            fit_for(f32::from_bits(BEST_MIN.to_bits() - 1)),
            Some(Fit::Great)
        );
        assert_eq!(fit_for(GREAT_MIN), Some(Fit::Great));
        assert_eq!(
            fit_for(f32::from_bits(GREAT_MIN.to_bits() - 1)),
            Some(Fit::Good)
        );
        assert_eq!(fit_for(GOOD_MIN), Some(Fit::Good));
        assert_eq!(fit_for(f32::from_bits(GOOD_MIN.to_bits() - 1)), None);
        assert_eq!(fit_for(-1.0), None);
        // Banding is monotone in r along a real ranking.
        let m = Matcher::new(pack(generated(200)));
        let r = m
            .rank(&Scores::from_array([5, 30, 12, 3, 20, 9]), None)
            .unwrap();
        let band = |f: Option<Fit>| match f {
            Some(Fit::Best) => 0,
            Some(Fit::Great) => 1,
            Some(Fit::Good) => 2,
            None => 3,
        };
        assert!(r.windows(2).all(|w| band(w[0].fit) <= band(w[1].fit)));
    }

    /// Pins the published cut-offs as literals, so a change to a constant fails here
    /// instead of moving both the code and the test that reads it.
    #[test]
    fn fit_bands_use_the_documented_cut_offs() {
        assert_eq!((BEST_MIN, GREAT_MIN, GOOD_MIN), (0.75, 0.55, 0.40));
        let cases: [(f32, Option<Fit>); 12] = [
            (1.0, Some(Fit::Best)),
            (0.75, Some(Fit::Best)),
            (0.7499, Some(Fit::Great)),
            (0.6, Some(Fit::Great)),
            (0.55, Some(Fit::Great)),
            (0.5499, Some(Fit::Good)),
            (0.45, Some(Fit::Good)),
            (0.40, Some(Fit::Good)),
            (0.3999, None),
            (0.2, None),
            (0.0, None),
            (-0.8, None),
        ];
        for (r, want) in cases {
            assert_eq!(fit_for(r), want, "r = {r}");
        }
    }

    #[test]
    fn sort_key_round_trips_and_orders() {
        let vals = [-1.0f32, -0.5, -0.0, 0.0, 1e-7, 0.3, 0.75, 1.0];
        for &v in &vals {
            assert_eq!(from_desc_key(desc_key(v)), v);
        }
        for w in vals.windows(2) {
            assert!(desc_key(w[0]) >= desc_key(w[1]));
        }
    }

    #[test]
    fn career_details_and_scale_invariance() {
        let m = Matcher::new(pack(generated(50)));
        let s60 = Scores::from_array([40, 8, 20, 4, 12, 0]);
        let s30 = Scores::from_array([20, 4, 10, 2, 6, 0]);
        let a = m.top(&s60, None, 5).unwrap();
        let b = m.top(&s30, None, 5).unwrap();
        let codes = |v: &[CareerMatch]| v.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&a), codes(&b));
        assert_eq!(
            a[0].title,
            m.occupations()[m.rank(&s60, None).unwrap()[0].index].title
        );
    }
}
