//! The pack's other titles ("also called", alternate) stored with it, replaced with it.

mod common;

use common::*;
use waypoint_profiler::{AltTitle, Occupation, OccupationPack, TitleSource};

fn pack(release: &str) -> OccupationPack {
    OccupationPack {
        release: release.into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: ["27-2031.00", "47-2111.00"]
            .iter()
            .map(|c| Occupation {
                code: (*c).into(),
                title: format!("Title {c}"),
                job_zone: Some(2),
                bright_outlook: None,
                interests: [1.0; 6],
                high_point: "A".into(),
            })
            .collect(),
    }
}

fn title(code: &str, t: &str, shown: bool, source: TitleSource) -> AltTitle {
    AltTitle {
        code: code.into(),
        title: t.into(),
        shown,
        source,
    }
}

#[test]
fn titles_round_trip_in_order_and_go_with_the_next_pack() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert!(store.load_pack_titles().unwrap().is_empty());
    let titles = vec![
        title("27-2031.00", "Ballet Dancer", true, TitleSource::Reported),
        title("27-2031.00", "Ballerina", false, TitleSource::Reported),
        title(
            "47-2111.00",
            "Wireman \"100%\" 🚀",
            false,
            TitleSource::Alternate,
        ),
    ];
    store
        .replace_pack_with_titles(&pack("29.3"), &titles, t0())
        .unwrap();
    drop(store);
    let store = open(dir.path());
    assert_eq!(store.load_pack_titles().unwrap(), titles);
    // A pack imported without title files leaves none of the old ones behind.
    store.replace_pack(&pack("29.2"), t0()).unwrap();
    assert!(store.load_pack_titles().unwrap().is_empty());
}

#[test]
fn a_failed_replace_keeps_the_previous_titles() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let titles = vec![title("27-2031.00", "Dancer", true, TitleSource::Reported)];
    store
        .replace_pack_with_titles(&pack("29.3"), &titles, t0())
        .unwrap();
    let mut bad = pack("29.4");
    bad.occupations[1].code = bad.occupations[0].code.clone();
    store.replace_pack_with_titles(&bad, &[], t0()).unwrap_err();
    assert_eq!(store.load_pack_titles().unwrap(), titles);
}
