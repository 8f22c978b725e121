//! The bundled instrument: items, answer options, area descriptions, Job Zones and the
//! attribution. The JSON files under `data/` are the single source; everything here is
//! parsed from them once, on first use.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{Area, Form};

const IP60_JSON: &str = include_str!("../data/ip60.json");
const IP30_JSON: &str = include_str!("../data/ip30.json");
const SCALE_JSON: &str = include_str!("../data/scale.json");
const AREAS_JSON: &str = include_str!("../data/areas.json");
const JOB_ZONES_JSON: &str = include_str!("../data/job_zones.json");

/// Attribution to show wherever the instrument or O*NET occupation data is used.
/// Wording follows the O*NET CC BY 4.0 attribution in the reference material; see
/// [`database_attribution`] to name a specific database release.
pub const ATTRIBUTION: &str = "This product includes the O*NET Interest Profiler \
(Short Form and Mini-IP) and information from the O*NET Database by the U.S. Department of \
Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. \
O*NET® is a trademark of USDOL/ETA. The authors of this app have modified all or some of this \
information. USDOL/ETA has not approved, endorsed, or tested these modifications.";

/// The CC BY 4.0 attribution naming one database release, e.g. `"29.3"`.
pub fn database_attribution(release: &str) -> String {
    format!(
        "This product includes information from the O*NET {release} Database by the U.S. \
Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY \
4.0 license. O*NET® is a trademark of USDOL/ETA. The authors of this app have modified all or \
some of this information. USDOL/ETA has not approved, endorsed, or tested these modifications."
    )
}

/// One profiler item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// 1-based position in O*NET's question order (= position in the answer string).
    pub index: u8,
    pub area: Area,
    /// Current O*NET wording (English).
    pub text: String,
}

/// One of the five answer options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    /// The value in answer strings and the API, 1–5.
    pub value: u8,
    /// O*NET's label, e.g. "Strongly Dislike".
    pub label: String,
}

/// A RIASEC area described in the project's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaInfo {
    pub area: Area,
    pub letter: char,
    pub name: String,
    /// O*NET Content Model element, e.g. `1.B.1.a`.
    pub element_id: String,
    pub description: String,
    pub example_fields: Vec<String>,
}

/// One of O*NET's five Job Zones. Title and SVP range are O*NET's exact text; the rest
/// is the project's own paraphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobZone {
    pub zone: u8,
    pub title: String,
    pub svp_range: String,
    pub education: String,
    pub experience: String,
    pub training: String,
    pub typical_work: String,
    pub examples: Vec<String>,
}

#[derive(Deserialize)]
struct RawItem {
    index: u8,
    area: String,
    text: String,
}

fn parse_items(json: &str, n: usize) -> Vec<Item> {
    let raw: Vec<RawItem> = serde_json::from_str(json).expect("bundled item file is valid JSON");
    assert_eq!(raw.len(), n, "bundled item file has {n} items");
    raw.into_iter()
        .enumerate()
        .map(|(i, r)| {
            assert_eq!(
                usize::from(r.index),
                i + 1,
                "bundled items are in index order"
            );
            Item {
                index: r.index,
                area: Area::from_name(&r.area).expect("bundled item has a RIASEC area"),
                text: r.text,
            }
        })
        .collect()
}

fn ip60() -> &'static [Item] {
    static S: OnceLock<Vec<Item>> = OnceLock::new();
    S.get_or_init(|| parse_items(IP60_JSON, 60))
}

fn ip30() -> &'static [Item] {
    static S: OnceLock<Vec<Item>> = OnceLock::new();
    S.get_or_init(|| parse_items(IP30_JSON, 30))
}

/// The items of a form in official order; empty for [`Form::Typed`].
pub fn items(form: Form) -> &'static [Item] {
    match form {
        Form::Ip60 => ip60(),
        Form::Ip30 => ip30(),
        Form::Typed => &[],
    }
}

/// Item → area index (RIASEC 0–5), precomputed so scoring is a table lookup per digit.
pub(crate) fn area_table(form: Form) -> &'static [u8] {
    static T60: OnceLock<Vec<u8>> = OnceLock::new();
    static T30: OnceLock<Vec<u8>> = OnceLock::new();
    let build = |f: Form| items(f).iter().map(|i| i.area.index() as u8).collect();
    match form {
        Form::Ip60 => T60.get_or_init(|| build(Form::Ip60)),
        Form::Ip30 => T30.get_or_init(|| build(Form::Ip30)),
        Form::Typed => &[],
    }
}

/// The five answer options, values 1–5, with O*NET's labels.
pub fn answer_options() -> &'static [AnswerOption] {
    static S: OnceLock<Vec<AnswerOption>> = OnceLock::new();
    S.get_or_init(|| {
        #[derive(Deserialize)]
        struct Scale {
            answer_options: Vec<AnswerOption>,
        }
        let s: Scale = serde_json::from_str(SCALE_JSON).expect("bundled scale.json is valid");
        s.answer_options
    })
}

/// The six RIASEC areas in RIASEC order.
pub fn areas() -> &'static [AreaInfo] {
    static S: OnceLock<Vec<AreaInfo>> = OnceLock::new();
    S.get_or_init(|| {
        #[derive(Deserialize)]
        struct Raw {
            code: String,
            name: String,
            onet_element_id: String,
            description: String,
            example_fields: Vec<String>,
        }
        #[derive(Deserialize)]
        struct File {
            areas: Vec<Raw>,
        }
        let f: File = serde_json::from_str(AREAS_JSON).expect("bundled areas.json is valid");
        let mut out: Vec<AreaInfo> = f
            .areas
            .into_iter()
            .map(|r| {
                let area = Area::from_name(&r.name).expect("bundled area name");
                AreaInfo {
                    area,
                    letter: r.code.chars().next().unwrap_or(area.letter()),
                    name: r.name,
                    element_id: r.onet_element_id,
                    description: r.description,
                    example_fields: r.example_fields,
                }
            })
            .collect();
        out.sort_by_key(|a| a.area);
        out
    })
}

/// Description of one area.
pub fn area_info(area: Area) -> &'static AreaInfo {
    &areas()[area.index()]
}

/// The five Job Zones, 1 to 5.
pub fn job_zones() -> &'static [JobZone] {
    static S: OnceLock<Vec<JobZone>> = OnceLock::new();
    S.get_or_init(|| {
        #[derive(Deserialize)]
        struct Raw {
            zone: u8,
            title: String,
            svp_range: String,
            education: String,
            experience: String,
            training: String,
            typical_work: String,
            example_occupations: Vec<String>,
        }
        #[derive(Deserialize)]
        struct File {
            job_zones: Vec<Raw>,
        }
        let f: File = serde_json::from_str(JOB_ZONES_JSON).expect("bundled job_zones.json");
        f.job_zones
            .into_iter()
            .map(|r| JobZone {
                zone: r.zone,
                title: r.title,
                svp_range: r.svp_range,
                education: r.education,
                experience: r.experience,
                training: r.training,
                typical_work: r.typical_work,
                examples: r.example_occupations,
            })
            .collect()
    })
}

/// One Job Zone, or `None` outside 1–5.
pub fn job_zone(zone: u8) -> Option<&'static JobZone> {
    job_zones().iter().find(|z| z.zone == zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip60_cycles_pairs_and_has_ten_per_area() {
        let ip60 = items(Form::Ip60);
        assert_eq!(ip60.len(), 60);
        for (i, item) in ip60.iter().enumerate() {
            assert_eq!(item.index as usize, i + 1);
            // O*NET order: R R I I A A S S E E C C, five times.
            assert_eq!(item.area, Area::ALL[(i % 12) / 2], "item {}", i + 1);
        }
        for a in Area::ALL {
            assert_eq!(ip60.iter().filter(|i| i.area == a).count(), 10);
        }
        assert_eq!(ip60[0].text, "Build kitchen cabinets");
        assert_eq!(ip60[2].text, "Develop a new medicine");
        assert_eq!(
            ip60[22].text,
            "Install software across computers on a large network"
        );
    }

    #[test]
    fn ip30_cycles_riasec_with_five_per_area() {
        let ip30 = items(Form::Ip30);
        assert_eq!(ip30.len(), 30);
        for (i, item) in ip30.iter().enumerate() {
            assert_eq!(item.area, Area::ALL[i % 6], "item {}", i + 1);
        }
        assert_eq!(ip30[0].text, "Build kitchen cabinets");
        assert_eq!(ip30[1].text, "Develop a new medicine");
        assert!(items(Form::Typed).is_empty());
    }

    // Texts, order, areas, scale and Job Zones are checked against the shared reference
    // files in tests/instrument_reference.rs.

    #[test]
    fn answer_options_have_onet_labels() {
        let labels: Vec<(u8, &str)> = answer_options()
            .iter()
            .map(|o| (o.value, o.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (1, "Strongly Dislike"),
                (2, "Dislike"),
                (3, "Unsure"),
                (4, "Like"),
                (5, "Strongly Like")
            ]
        );
    }

    #[test]
    fn areas_are_in_riasec_order_with_element_ids() {
        let a = areas();
        assert_eq!(a.len(), 6);
        for (i, info) in a.iter().enumerate() {
            assert_eq!(info.area, Area::ALL[i]);
            assert_eq!(info.letter, info.area.letter());
            assert_eq!(
                info.element_id,
                format!("1.B.1.{}", (b'a' + i as u8) as char)
            );
            assert!(!info.description.is_empty());
        }
        assert_eq!(area_info(Area::Social).name, "Social");
    }

    #[test]
    fn job_zones_titles_and_svp_exact() {
        let z = job_zones();
        assert_eq!(z.len(), 5);
        assert_eq!(z[0].title, "Job Zone One: Little or No Preparation Needed");
        assert_eq!(z[0].svp_range, "(Below 4.0)");
        assert_eq!(z[2].svp_range, "(6.0 to < 7.0)");
        assert_eq!(z[4].title, "Job Zone Five: Extensive Preparation Needed");
        assert_eq!(z[4].svp_range, "(8.0 and above)");
        for (i, jz) in z.iter().enumerate() {
            assert_eq!(jz.zone as usize, i + 1);
            assert!(!jz.education.is_empty() && !jz.training.is_empty());
            assert!(!jz.examples.is_empty());
        }
        assert!(job_zone(0).is_none() && job_zone(6).is_none());
    }

    #[test]
    fn attribution_has_required_phrases() {
        for text in [ATTRIBUTION.to_string(), database_attribution("29.3")] {
            assert!(text.contains("CC BY 4.0"));
            assert!(text.contains("O*NET® is a trademark of USDOL/ETA"));
            assert!(text.contains("has not approved, endorsed, or tested"));
        }
        assert!(database_attribution("29.3").contains("O*NET 29.3 Database"));
    }
}
