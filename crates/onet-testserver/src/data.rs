//! Data served by the fake: the real Interest Profiler items (bundled with O*NET
//! attribution: "O*NET Interest Profiler", O*NET is a trademark of USDOL/ETA) and a
//! deterministic *synthetic* occupation set. Nothing here is real occupational data;
//! the occupations exist only so careers, reports and Database Services have
//! something contract-shaped to page, filter and rank.

use serde::Deserialize;

pub const AREAS: [&str; 6] = [
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
];

pub const AREA_TITLES: [&str; 6] = [
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
];

pub const AREA_DESCRIPTIONS: [&str; 6] = [
    "Hands-on work with tools, machines, materials, plants or animals.",
    "Working with ideas, research and problems that need careful thought.",
    "Creative work with forms, designs, words and patterns; self-expression.",
    "Helping, teaching, advising and serving other people.",
    "Starting projects, leading people, persuading and making decisions.",
    "Following set procedures, working with data and details, keeping order.",
];

pub const AREA_ELEMENT_IDS: [&str; 6] = [
    "1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f",
];

pub const ANSWER_OPTIONS: [&str; 5] = [
    "Strongly Dislike",
    "Dislike",
    "Unsure",
    "Like",
    "Strongly Like",
];

#[derive(Debug, Clone)]
pub struct Item {
    pub index: u32,
    /// Index into [`AREAS`].
    pub area: usize,
    pub text: String,
}

#[derive(Deserialize)]
struct RawItem {
    index: u32,
    area: String,
    text: String,
}

fn parse_items(json: &str) -> Vec<Item> {
    let raw: Vec<RawItem> = serde_json::from_str(json).expect("bundled item list is valid JSON");
    raw.into_iter()
        .map(|r| Item {
            index: r.index,
            area: area_index(&r.area).expect("bundled item has a RIASEC area"),
            text: r.text,
        })
        .collect()
}

pub fn area_index(name: &str) -> Option<usize> {
    AREAS.iter().position(|a| a.eq_ignore_ascii_case(name))
}

// The instrument files are the profiler crate's own, so server and app cannot drift apart.
pub fn ip60() -> Vec<Item> {
    parse_items(include_str!("../../profiler/data/ip60.json"))
}

pub fn ip30() -> Vec<Item> {
    parse_items(include_str!("../../profiler/data/ip30.json"))
}

#[derive(Debug, Clone)]
pub struct JobZone {
    pub code: u8,
    pub title: String,
    pub experience: String,
    pub training: String,
    pub education: String,
    pub examples: String,
    pub svp_range: String,
}

#[derive(Deserialize)]
struct RawZones {
    job_zones: Vec<RawZone>,
}

#[derive(Deserialize)]
struct RawZone {
    zone: u8,
    title: String,
    svp_range: String,
    education: String,
    experience: String,
    training: String,
    example_occupations: Vec<String>,
}

pub fn job_zones() -> Vec<JobZone> {
    let raw: RawZones = serde_json::from_str(include_str!("../../profiler/data/job_zones.json"))
        .expect("bundled job zones are valid JSON");
    raw.job_zones
        .into_iter()
        .map(|z| JobZone {
            code: z.zone,
            title: z.title,
            experience: z.experience,
            training: z.training,
            education: z.education,
            examples: z.example_occupations.join(", "),
            svp_range: z.svp_range,
        })
        .collect()
}

/// Scores an answers string exactly as O*NET does: each answer contributes
/// (value − 1) to its item's area. Written independently of the app's own
/// scoring so the two can be checked against each other.
pub fn score(answers: &str, items60: &[Item], items30: &[Item]) -> Option<[u32; 6]> {
    let items = match answers.len() {
        60 => items60,
        30 => items30,
        _ => return None,
    };
    let mut scores = [0u32; 6];
    for (ch, item) in answers.chars().zip(items.iter()) {
        let v = ch.to_digit(10).filter(|v| (1..=5).contains(v))?;
        scores[item.area] += v - 1;
    }
    Some(scores)
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub code: String,
    pub title: String,
    pub interests: [f64; 6],
    pub job_zone: u8,
    pub bright_outlook: bool,
    pub seed: u64,
}

/// splitmix64: tiny, deterministic, good enough to spread synthetic values.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const MAJOR_GROUPS: [u8; 22] = [
    11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53,
];

const FIELDS: [&str; 30] = [
    "Aquatic",
    "Archival",
    "Avionics",
    "Botanical",
    "Cargo",
    "Ceramic",
    "Civic",
    "Coastal",
    "Culinary",
    "Dental",
    "Digital",
    "Energy",
    "Forest",
    "Freight",
    "Geodetic",
    "Harbor",
    "Imaging",
    "Textile",
    "Library",
    "Marine",
    "Museum",
    "Orchard",
    "Pipeline",
    "Print",
    "Quarry",
    "Rail",
    "Signal",
    "Solar",
    "Theater",
    "Vineyard",
];

const ROLES: [&str; 30] = [
    "Analysts",
    "Assistants",
    "Builders",
    "Clerks",
    "Coaches",
    "Coordinators",
    "Designers",
    "Directors",
    "Drafters",
    "Engineers",
    "Estimators",
    "Fabricators",
    "Guides",
    "Inspectors",
    "Installers",
    "Instructors",
    "Managers",
    "Mechanics",
    "Operators",
    "Planners",
    "Programmers",
    "Researchers",
    "Restorers",
    "Sales Agents",
    "Schedulers",
    "Scientists",
    "Specialists",
    "Supervisors",
    "Technicians",
    "Writers",
];

pub const OCCUPATION_COUNT: usize = 900;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// About 900 synthetic occupations. Codes are unique by construction
/// (major group cycles, detail code steps by 10 per cycle).
pub fn occupations() -> Vec<Occupation> {
    (0..OCCUPATION_COUNT)
        .map(|i| {
            let seed = i as u64;
            let mut rng = Rng::new(seed);
            let major = MAJOR_GROUPS[i % MAJOR_GROUPS.len()];
            let detail = 1011 + (i / MAJOR_GROUPS.len()) * 10 + (i % 7);
            let code = format!("{major:02}-{detail:04}.00");
            let title = format!("{} {}", FIELDS[i % 30], ROLES[(i / 30) % 30]);
            let mut interests = [0.0; 6];
            for v in interests.iter_mut() {
                *v = round2(1.0 + rng.unit() * 3.0);
            }
            let high = rng.below(6) as usize;
            let second = (high + 1 + rng.below(5) as usize) % 6;
            interests[high] = round2(5.0 + rng.unit() * 2.0);
            interests[second] = round2(3.5 + rng.unit() * 2.0);
            let job_zone = 1 + rng.below(5) as u8;
            let bright_outlook = rng.below(4) == 0;
            Occupation {
                code,
                title,
                interests,
                job_zone,
                bright_outlook,
                seed,
            }
        })
        .collect()
}

/// Pearson correlation; `None` for a flat profile, where it is undefined.
pub fn correlation(a: &[f64; 6], b: &[f64; 6]) -> Option<f64> {
    let ma = a.iter().sum::<f64>() / 6.0;
    let mb = b.iter().sum::<f64>() / 6.0;
    let (mut num, mut da, mut db) = (0.0, 0.0, 0.0);
    for i in 0..6 {
        num += (a[i] - ma) * (b[i] - mb);
        da += (a[i] - ma).powi(2);
        db += (b[i] - mb).powi(2);
    }
    if da == 0.0 || db == 0.0 {
        return None;
    }
    Some(num / (da.sqrt() * db.sqrt()))
}

/// The fake's fit rule (O*NET's own is undocumented): r ≥ .80 Best, ≥ .60
/// Great, ≥ .40 Good; below .40 the occupation is not listed.
pub fn fit_for(r: f64) -> Option<&'static str> {
    if r >= 0.8 {
        Some("Best")
    } else if r >= 0.6 {
        Some("Great")
    } else if r >= 0.4 {
        Some("Good")
    } else {
        None
    }
}

/// Indices of the three highest areas, highest first (ties by area order).
pub fn high_points(v: &[f64; 6]) -> [usize; 3] {
    let mut idx: Vec<usize> = (0..6).collect();
    idx.sort_by(|&a, &b| v[b].partial_cmp(&v[a]).unwrap().then(a.cmp(&b)));
    [idx[0], idx[1], idx[2]]
}

/// (group id, group name, [(element id, element name)])
pub type Catalogue = &'static [(
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
)];

pub const KNOWLEDGE: Catalogue = &[
    (
        "2.C.1",
        "Business and Management",
        &[
            ("2.C.1.a", "Administration and Management"),
            ("2.C.1.d", "Sales and Marketing"),
            ("2.C.1.e", "Customer and Personal Service"),
        ],
    ),
    (
        "2.C.3",
        "Engineering and Technology",
        &[
            ("2.C.3.a", "Computers and Electronics"),
            ("2.C.3.b", "Engineering and Technology"),
            ("2.C.3.c", "Design"),
            ("2.C.3.e", "Mechanical"),
        ],
    ),
    (
        "2.C.4",
        "Math and Science",
        &[
            ("2.C.4.a", "Mathematics"),
            ("2.C.4.c", "Chemistry"),
            ("2.C.4.d", "Biology"),
            ("2.C.4.e", "Psychology"),
        ],
    ),
    (
        "2.C.7",
        "Arts and Humanities",
        &[("2.C.7.a", "English Language"), ("2.C.7.c", "Fine Arts")],
    ),
];

pub const SKILLS: Catalogue = &[
    (
        "2.A.1",
        "Basic Skills",
        &[
            ("2.A.1.a", "Reading Comprehension"),
            ("2.A.1.b", "Active Listening"),
            ("2.A.1.c", "Writing"),
            ("2.A.1.d", "Speaking"),
        ],
    ),
    (
        "2.B.1",
        "People and Technology Skills: Social",
        &[
            ("2.B.1.a", "Social Perceptiveness"),
            ("2.B.1.b", "Coordination"),
            ("2.B.1.c", "Persuasion"),
            ("2.B.1.e", "Instructing"),
        ],
    ),
    (
        "2.B.2",
        "Problem Solving",
        &[("2.B.2.i", "Complex Problem Solving")],
    ),
];

pub const ABILITIES: Catalogue = &[
    (
        "1.A.1.a",
        "Verbal",
        &[
            ("1.A.1.a.1", "Oral Comprehension"),
            ("1.A.1.a.2", "Written Comprehension"),
            ("1.A.1.a.3", "Oral Expression"),
        ],
    ),
    (
        "1.A.1.b",
        "Ideas and Logic",
        &[
            ("1.A.1.b.3", "Problem Sensitivity"),
            ("1.A.1.b.4", "Deductive Reasoning"),
            ("1.A.1.b.5", "Inductive Reasoning"),
        ],
    ),
    (
        "1.A.2.a",
        "Hand and Finger Use",
        &[
            ("1.A.2.a.1", "Arm-Hand Steadiness"),
            ("1.A.2.a.2", "Manual Dexterity"),
        ],
    ),
];

pub const WORK_STYLES: &[(&str, &str)] = &[
    ("1.C.1.a", "Achievement/Effort"),
    ("1.C.3.a", "Cooperation"),
    ("1.C.4.a", "Self-Control"),
    ("1.C.5.a", "Dependability"),
    ("1.C.5.b", "Attention to Detail"),
    ("1.C.6", "Independence"),
    ("1.C.7.a", "Innovation"),
];

pub const TECHNOLOGY: &[(u64, &str, &[&str])] = &[
    (
        43232604,
        "Computer aided design CAD software",
        &["Autodesk AutoCAD", "Bentley MicroStation"],
    ),
    (43232110, "Spreadsheet software", &["Microsoft Excel"]),
    (43233501, "Electronic mail software", &["Microsoft Outlook"]),
    (
        43232306,
        "Data base user interface and query software",
        &["Microsoft Access", "Structured query language SQL"],
    ),
    (43232202, "Document management software", &["Adobe Acrobat"]),
];

pub const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("NY", "New York"),
    ("OH", "Ohio"),
    ("TX", "Texas"),
    ("WA", "Washington"),
    ("WI", "Wisconsin"),
];

pub const STATE_OUTLOOKS: [&str; 3] = ["Bright", "Average", "Below Average"];

pub const INDUSTRIES: &[(u32, &str)] = &[
    (23, "Construction"),
    (31, "Manufacturing"),
    (44, "Retail Trade"),
    (54, "Professional, Science, & Technical"),
    (61, "Education"),
    (62, "Health & Counseling"),
    (71, "Arts, Entertainment, & Recreation"),
];

pub const EDUCATION_BY_ZONE: [&str; 5] = [
    "no formal educational credential",
    "high school diploma/GED",
    "certificate after high school",
    "bachelor's degree",
    "master's degree",
];

pub const SECTIONS: [(&str, &str); 9] = [
    ("knowledge", "Knowledge"),
    ("skills", "Skills"),
    ("abilities", "Abilities"),
    ("personality", "Personality"),
    ("technology", "Technology"),
    ("education", "Education"),
    ("job_outlook", "Job Outlook"),
    ("check_out_my_state", "Check Out My State"),
    ("explore_more", "Explore More"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn occupation_codes_are_unique_and_well_formed() {
        let occ = occupations();
        assert_eq!(occ.len(), OCCUPATION_COUNT);
        let codes: HashSet<_> = occ.iter().map(|o| o.code.clone()).collect();
        assert_eq!(codes.len(), occ.len());
        let titles: HashSet<_> = occ.iter().map(|o| o.title.clone()).collect();
        assert_eq!(titles.len(), occ.len());
        for o in &occ {
            let b = o.code.as_bytes();
            assert_eq!(b.len(), 10, "{}", o.code);
            assert!(b[2] == b'-' && b[7] == b'.', "{}", o.code);
            assert!(o.interests.iter().all(|v| (1.0..=7.0).contains(v)));
            assert!((1..=5).contains(&o.job_zone));
        }
        // Every zone is represented, so zone filters are meaningful.
        for z in 1..=5 {
            assert!(occ.iter().any(|o| o.job_zone == z));
        }
    }

    #[test]
    fn bundled_instrument_has_expected_shape() {
        let (a, b) = (ip60(), ip30());
        assert_eq!(a.len(), 60);
        assert_eq!(b.len(), 30);
        for items in [&a, &b] {
            let per_area = items.len() / 6;
            for area in 0..6 {
                assert_eq!(items.iter().filter(|i| i.area == area).count(), per_area);
            }
            for (n, item) in items.iter().enumerate() {
                assert_eq!(item.index as usize, n + 1);
            }
        }
        assert_eq!(job_zones().len(), 5);
    }

    #[test]
    fn scoring_matches_onet_example() {
        // O*NET's documented example string; README of the instrument gives
        // R27 I13 A23 S25 E14 C14 for it.
        let s = score(
            "553421321134342523523523254115342111351145453111231155343444",
            &ip60(),
            &ip30(),
        )
        .unwrap();
        assert_eq!(s, [27, 13, 23, 25, 14, 14]);
        assert_eq!(score(&"1".repeat(30), &ip60(), &ip30()), Some([0; 6]));
        assert_eq!(score(&"5".repeat(30), &ip60(), &ip30()), Some([20; 6]));
        assert_eq!(score("12", &ip60(), &ip30()), None);
    }
}
