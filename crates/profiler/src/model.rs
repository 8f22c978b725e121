//! The crate's shared nouns. Other crates (store, app, onet client) build on these,
//! so names and serde shapes are part of the contract.

use serde::{Deserialize, Serialize};

/// Language of the questionnaire, the careers and the report: English (My Next Move) or
/// Spanish (Mi Próximo Paso). The one language type of every crate and of the UI.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// `"en"` or `"es"`, as serialised and stored.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Inverse of [`Lang::code`] (exact, lower case).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// For command-line flags: `en` or `es`, any case.
impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_code(&s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown language {s:?} (use en or es)"))
    }
}

/// A RIASEC interest area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Realistic,
    Investigative,
    Artistic,
    Social,
    Enterprising,
    Conventional,
}

impl Area {
    /// All six areas in RIASEC order (the order of every score array in this crate).
    pub const ALL: [Area; 6] = [
        Area::Realistic,
        Area::Investigative,
        Area::Artistic,
        Area::Social,
        Area::Enterprising,
        Area::Conventional,
    ];

    /// `R`, `I`, `A`, `S`, `E` or `C`.
    pub fn letter(self) -> char {
        b"RIASEC"[self.index()] as char
    }

    /// Position in RIASEC order, 0–5.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The English name, e.g. "Realistic".
    pub fn name(self) -> &'static str {
        match self {
            Area::Realistic => "Realistic",
            Area::Investigative => "Investigative",
            Area::Artistic => "Artistic",
            Area::Social => "Social",
            Area::Enterprising => "Enterprising",
            Area::Conventional => "Conventional",
        }
    }

    /// The serialised spelling, e.g. "realistic" (also O*NET's query and path names).
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Realistic => "realistic",
            Area::Investigative => "investigative",
            Area::Artistic => "artistic",
            Area::Social => "social",
            Area::Enterprising => "enterprising",
            Area::Conventional => "conventional",
        }
    }

    /// Inverse of [`Area::letter`], case-insensitive.
    pub fn from_letter(c: char) -> Option<Area> {
        let i = "RIASEC".find(c.to_ascii_uppercase())?;
        Some(Area::ALL[i])
    }

    /// Accepts "Realistic", "realistic", "R" and so on.
    pub fn from_name(s: &str) -> Option<Area> {
        let s = s.trim();
        if s.chars().count() == 1 {
            return Area::from_letter(s.chars().next()?);
        }
        Area::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for Area {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Which instrument produced a set of answers or scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Interest Profiler Short Form, 60 items, area scores 0–40.
    Ip60,
    /// Mini-IP, 30 items, area scores 0–20.
    Ip30,
    /// Six scores typed in from a paper profiler (no item answers).
    Typed,
}

impl Form {
    /// Number of items, or `None` for typed scores.
    pub fn item_count(self) -> Option<usize> {
        match self {
            Form::Ip60 => Some(60),
            Form::Ip30 => Some(30),
            Form::Typed => None,
        }
    }

    /// Highest possible area score, or `None` for typed scores (their range depends on
    /// the paper form, see [`crate::Scores::typed`]).
    pub fn max_score(self) -> Option<u8> {
        match self {
            Form::Ip60 => Some(40),
            Form::Ip30 => Some(20),
            Form::Typed => None,
        }
    }

    /// The top of the scale scores are shown on: the form's highest score, and the Short
    /// Form's 40 for typed scores.
    pub fn scale_max(self) -> u8 {
        self.max_score().unwrap_or(40)
    }
}

/// A careers tab: the careers of one Job Zone, or of all zones. Serialised as the UI and
/// the cache keys spell it: `"1"`..`"5"` or `"all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Tab {
    #[serde(rename = "1")]
    Zone1,
    #[serde(rename = "2")]
    Zone2,
    #[serde(rename = "3")]
    Zone3,
    #[serde(rename = "4")]
    Zone4,
    #[serde(rename = "5")]
    Zone5,
    #[serde(rename = "all")]
    All,
}

impl Tab {
    /// Every tab, in the order the UI shows them.
    pub const ALL: [Tab; 6] = [
        Tab::Zone1,
        Tab::Zone2,
        Tab::Zone3,
        Tab::Zone4,
        Tab::Zone5,
        Tab::All,
    ];

    /// The Job Zone (1–5) of a zone's tab; `None` for all zones.
    pub fn zone(self) -> Option<u8> {
        match self {
            Tab::All => None,
            t => Some(t as u8 + 1),
        }
    }

    /// The tab of Job Zone `zone`, when it is 1–5.
    pub fn for_zone(zone: u8) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.zone() == Some(zone))
    }

    /// `"1"`..`"5"` or `"all"`, as serialised and stored.
    pub fn key(self) -> &'static str {
        ["1", "2", "3", "4", "5", "all"][self as usize]
    }

    /// Inverse of [`Tab::key`].
    pub fn from_key(key: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == key)
    }
}

impl std::fmt::Display for Tab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl std::str::FromStr for Tab {
    type Err = String;
    fn from_str(s: &str) -> Result<Tab, String> {
        Tab::from_key(s.trim()).ok_or_else(|| {
            format!("{s:?} is not a careers tab: use a Job Zone from 1 to 5, or \"all\".")
        })
    }
}

/// Six raw area scores in RIASEC order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Scores {
    pub realistic: u8,
    pub investigative: u8,
    pub artistic: u8,
    pub social: u8,
    pub enterprising: u8,
    pub conventional: u8,
}

impl Scores {
    pub fn from_array(a: [u8; 6]) -> Scores {
        Scores {
            realistic: a[0],
            investigative: a[1],
            artistic: a[2],
            social: a[3],
            enterprising: a[4],
            conventional: a[5],
        }
    }

    pub fn as_array(&self) -> [u8; 6] {
        [
            self.realistic,
            self.investigative,
            self.artistic,
            self.social,
            self.enterprising,
            self.conventional,
        ]
    }

    pub fn get(&self, area: Area) -> u8 {
        self.as_array()[area.index()]
    }
}

/// One occupation with its O*NET interest profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occupation {
    /// O*NET-SOC code, e.g. `27-2031.00`.
    pub code: String,
    pub title: String,
    /// Job Zone 1–5, when known.
    pub job_zone: Option<u8>,
    /// Bright Outlook flag; `None` when the source does not say (release files never do).
    pub bright_outlook: Option<bool>,
    /// Occupational Interest (OI) values in RIASEC order, 1.0–7.0.
    pub interests: [f32; 6],
    /// O*NET's high-point code as letters, first to third, e.g. `"AS"`; empty when unknown.
    pub high_point: String,
}

/// A set of occupations usable for offline matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OccupationPack {
    /// Database release, e.g. `29.3`.
    pub release: String,
    /// `"onet-service"` (Database Services) or `"release-file"` (an imported release).
    pub source: String,
    pub occupations: Vec<Occupation>,
}

impl OccupationPack {
    pub const SOURCE_SERVICE: &'static str = "onet-service";
    pub const SOURCE_RELEASE_FILE: &'static str = "release-file";
}

/// How well an occupation fits a profile. Spelled as the O*NET API spells it; the rule
/// that assigns it offline is ours, see [`crate::matcher::fit_for`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Fit {
    Best,
    Great,
    Good,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serde_shapes_are_the_contract() {
        assert_eq!(
            serde_json::to_value(Area::ALL).unwrap(),
            json!([
                "realistic",
                "investigative",
                "artistic",
                "social",
                "enterprising",
                "conventional"
            ])
        );
        assert_eq!(
            serde_json::to_value([Form::Ip60, Form::Ip30, Form::Typed]).unwrap(),
            json!(["ip60", "ip30", "typed"])
        );
        assert_eq!(
            serde_json::to_value([Fit::Best, Fit::Great, Fit::Good]).unwrap(),
            json!(["Best", "Great", "Good"])
        );
        assert_eq!(
            serde_json::to_value(Lang::ALL).unwrap(),
            json!(["en", "es"])
        );
        let s = Scores::from_array([27, 13, 23, 25, 14, 14]);
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(
            v,
            json!({"realistic": 27, "investigative": 13, "artistic": 23, "social": 25, "enterprising": 14, "conventional": 14})
        );
        assert_eq!(serde_json::from_value::<Scores>(v).unwrap(), s);
        let pack = OccupationPack {
            release: "29.3".into(),
            source: OccupationPack::SOURCE_SERVICE.into(),
            occupations: vec![Occupation {
                code: "27-2031.00".into(),
                title: "Dancers".into(),
                job_zone: Some(3),
                bright_outlook: None,
                interests: [1.5, 1.0, 7.0, 4.25, 2.0, 1.0],
                high_point: "AS".into(),
            }],
        };
        let back: OccupationPack =
            serde_json::from_str(&serde_json::to_string(&pack).unwrap()).unwrap();
        assert_eq!(back, pack);
    }

    #[test]
    fn area_letters_and_names() {
        let letters: String = Area::ALL.iter().map(|a| a.letter()).collect();
        assert_eq!(letters, "RIASEC");
        for a in Area::ALL {
            assert_eq!(Area::from_letter(a.letter()), Some(a));
            assert_eq!(Area::from_letter(a.letter().to_ascii_lowercase()), Some(a));
            assert_eq!(Area::from_name(a.name()), Some(a));
            assert_eq!(Area::from_name(&a.name().to_lowercase()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), json!(a.as_str()));
            assert_eq!(
                Scores::from_array([0, 1, 2, 3, 4, 5]).get(a),
                a.index() as u8
            );
        }
        assert_eq!(Area::from_letter('X'), None);
        assert_eq!(Area::from_name("Rational"), None);
    }

    #[test]
    fn tabs_are_keyed_by_zone_or_all() {
        assert_eq!(
            serde_json::to_value(Tab::ALL).unwrap(),
            json!(["1", "2", "3", "4", "5", "all"])
        );
        for t in Tab::ALL {
            assert_eq!(Tab::from_key(t.key()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), json!(t.key()));
            assert_eq!(t.zone().and_then(Tab::for_zone), t.zone().map(|_| t));
        }
        assert_eq!(Tab::Zone3.zone(), Some(3));
        assert_eq!(Tab::All.zone(), None);
        assert_eq!(Tab::for_zone(0), None);
        assert_eq!(Tab::for_zone(6), None);
        assert!("7"
            .parse::<Tab>()
            .unwrap_err()
            .contains("Job Zone from 1 to 5"));
    }

    #[test]
    fn lang_codes_round_trip_and_flags_ignore_case() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(l.code().to_uppercase().parse::<Lang>(), Ok(l));
        }
        assert_eq!(Lang::from_code("EN"), None);
        assert!("fr".parse::<Lang>().unwrap_err().contains("\"fr\""));
    }
}
