//! Issue #23: find a career by name in a real window, offline. The data folder holds an
//! occupation pack with reported titles (as an imported release leaves it); O*NET cannot be
//! reached. Typing "dancer" in the header's search box lists Dancers, labelled offline; its
//! report shows what the pack knows, "also called" titles included; Back returns to the
//! same results. Run by `cargo xtask test`.

mod common;

use std::sync::Arc;

use common::*;
use waypoint_profiler::{AltTitle, Occupation, OccupationPack, TitleSource};
use waypoint_store::Store;

/// Nothing listens here: O*NET is unreachable.
const DEAD: &str = "http://127.0.0.1:9/";

fn pack() -> (OccupationPack, Vec<AltTitle>) {
    let occ = |code: &str, title: &str, zone: u8, interests: [f32; 6]| Occupation {
        code: code.into(),
        title: title.into(),
        job_zone: Some(zone),
        bright_outlook: None,
        interests,
        high_point: String::new(),
    };
    let pack = OccupationPack {
        release: "29.3".into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: vec![
            occ("27-2031.00", "Dancers", 2, [4.0, 1.0, 7.0, 3.0, 2.0, 1.0]),
            occ(
                "27-2032.00",
                "Choreographers",
                4,
                [2.0, 2.0, 6.5, 3.0, 4.0, 1.0],
            ),
            occ(
                "47-2111.00",
                "Electricians",
                2,
                [7.0, 3.0, 1.0, 2.0, 2.0, 4.0],
            ),
        ],
    };
    let title = |t: &str, shown: bool| AltTitle {
        code: "27-2031.00".into(),
        title: t.into(),
        shown,
        source: TitleSource::Reported,
    };
    (
        pack,
        vec![title("Ballet Dancer", true), title("Ballerina", false)],
    )
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through `cargo xtask test`"]
async fn search_dancer_open_the_report_and_come_back() {
    let data = Arc::new(tempfile::tempdir().unwrap());
    {
        let (store, _) = Store::open(data.path()).unwrap();
        let (p, titles) = pack();
        store
            .replace_pack_with_titles(&p, &titles, time::OffsetDateTime::now_utc())
            .unwrap();
    }
    let app = App::launch_in(data, &[("WAYPOINT_API_BASE", DEAD)]).await;
    app.type_into("#career-search", "dancer").await;
    app.wait_text_eq("main h1", "Careers matching “dancer”")
        .await;
    app.wait_text_eq("[data-testid=found-list] .career-title", "Dancers")
        .await;
    app.wait_for("[data-testid=search-offline]").await;
    shot(&app, "search", "results").await;

    app.click("[data-testid=found-list] .career[data-code=\"27-2031.00\"] button")
        .await;
    app.wait_text_eq("main h1", "Dancers").await;
    app.wait_for("[data-testid=report-offline]").await;
    app.wait_text("[data-section=overview]", "the also-called title", |t| {
        t.contains("Ballet Dancer") && !t.contains("Ballerina")
    })
    .await;
    shot(&app, "search", "report").await;

    app.click("[data-testid=report-back]").await;
    app.wait_text_eq("main h1", "Careers matching “dancer”")
        .await;
    app.wait_text_eq("[data-testid=found-list] .career-title", "Dancers")
        .await;
    app.close().await;
}
