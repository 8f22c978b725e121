//! Career search and browse: O*NET (cached), else the cache, else the offline pack.

use std::time::Duration;

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::{AltTitle, Area, Occupation, OccupationPack, Tab, TitleSource};
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{Lang, Source};
use waypoint_services::{ErrorCode, OnetSettings, Services};
use waypoint_store::Store;

const KEY: &str = "search-key";
const DEAD: &str = "http://127.0.0.1:9/";

fn services(base: &str, dir: &std::path::Path, key: bool) -> Services {
    let (store, _) = Store::open(dir).unwrap();
    let mut settings = OnetSettings::new(base);
    settings.request_timeout = Duration::from_secs(5);
    settings.retry = RetryPolicy::none();
    let s = Services::new(
        store,
        KeyStore::new("org.waypoint.profiler.tests", "services-search"),
        settings,
    );
    if key {
        s.use_key(SecretString::from(KEY.to_string()));
    }
    s
}

fn occ(code: &str, title: &str, zone: u8, hp: &str, interests: [f32; 6]) -> Occupation {
    Occupation {
        code: code.into(),
        title: title.into(),
        job_zone: Some(zone),
        bright_outlook: None,
        interests,
        high_point: hp.into(),
    }
}

fn install_pack(s: &Services) {
    let pack = OccupationPack {
        release: "29.3".into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: vec![
            occ(
                "27-2031.00",
                "Dancers",
                2,
                "AR",
                [4.0, 1.0, 7.0, 3.0, 2.0, 1.0],
            ),
            occ(
                "47-2111.00",
                "Electricians",
                2,
                "RC",
                [7.0, 3.0, 1.0, 2.0, 2.0, 4.0],
            ),
            occ(
                "29-1141.00",
                "Registered Nurses",
                3,
                "SI",
                [2.0, 5.0, 1.0, 7.0, 2.0, 3.0],
            ),
            occ(
                "27-2032.00",
                "Choreographers",
                4,
                "AE",
                [2.0, 2.0, 6.5, 3.0, 4.0, 1.0],
            ),
        ],
    };
    let titles = vec![AltTitle {
        code: "27-2031.00".into(),
        title: "Ballet Dancer".into(),
        shown: true,
        source: TitleSource::Reported,
    }];
    s.store()
        .replace_pack_with_titles(&pack, &titles, time::OffsetDateTime::now_utc())
        .unwrap();
}

#[tokio::test]
async fn online_results_are_cached_and_served_when_onet_is_down() {
    let server = TestServer::start(KEY).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = services(server.base_url(), dir.path(), true);
    let want = server.occupations()[3].clone();
    let p = s.search_careers(&want.title, 1, Lang::En).await.unwrap();
    assert_eq!(p.source, Source::Api);
    assert_eq!(p.rows[0].code, want.code);
    assert_eq!(p.rows[0].bright_outlook, Some(want.bright_outlook));
    assert_eq!(p.rows[0].job_zone, None, "no pack: Job Zone unknown");
    assert!(p.notice.is_none());

    server.set_faults(vec![FaultRule::new(
        "mnm/search",
        Fault::Status { status: 503 },
    )]);
    // Another case of the same keyword hits the same cache row.
    let cached = s
        .search_careers(&want.title.to_uppercase(), 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert_eq!(cached.rows, p.rows);
    assert_eq!(cached.notice.unwrap().code, ErrorCode::OnetServerError);
    // Not cached, nothing offline: O*NET's failure is the answer.
    let e = s.search_careers("senior", 1, Lang::En).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::OnetServerError);
}

#[tokio::test]
async fn offline_search_uses_the_pack_with_its_titles_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(DEAD, dir.path(), true);
    install_pack(&s);
    let p = s.search_careers("ballet", 1, Lang::En).await.unwrap();
    assert_eq!(p.source, Source::Estimate);
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].code, "27-2031.00");
    assert_eq!(p.rows[0].job_zone, Some(2));
    assert_eq!(p.rows[0].matched.as_deref(), Some("Ballet Dancer"));
    // Unreachable O*NET is the notice, said by its code.
    assert_eq!(p.notice.unwrap().code, ErrorCode::NetworkOffline);

    let no_key_dir = tempfile::tempdir().unwrap();
    let s = services(DEAD, no_key_dir.path(), false);
    install_pack(&s);
    let p = s.search_careers("electrican", 1, Lang::En).await.unwrap();
    assert_eq!(p.rows[0].code, "47-2111.00");
    assert_eq!(p.notice.unwrap().code, ErrorCode::SearchOffline);
    assert_eq!(s.also_called("27-2031.00").unwrap(), ["Ballet Dancer"]);
    for k in ["", "  ", &"x".repeat(200)] {
        let e = s.search_careers(k, 1, Lang::En).await.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputInvalidKeyword);
    }
    assert!(s
        .search_careers("%", 1, Lang::En)
        .await
        .unwrap()
        .rows
        .is_empty());
    let e = s.search_careers("dancers", 9, Lang::En).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::InputPageOutOfRange);
}

#[tokio::test]
async fn nothing_to_search_says_what_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(DEAD, dir.path(), false);
    let p = s.search_careers("nurse", 1, Lang::En).await.unwrap();
    assert_eq!(p.source, Source::Unavailable);
    assert_eq!(p.notice.unwrap().code, ErrorCode::CareersNeedData);
}

#[tokio::test]
async fn browse_by_area_online_and_offline() {
    let server = TestServer::start(KEY).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = services(server.base_url(), dir.path(), true);
    let p = s
        .browse_careers(Area::Artistic, Tab::Zone3, 1, Lang::Es)
        .await
        .unwrap();
    assert_eq!(p.source, Source::Api);
    assert!(!p.rows.is_empty());
    assert!(p.rows.iter().all(|r| r.title.starts_with("[es] ")));
    let asked = &server.requests_to("mpp/interestprofiler/interests/artistic")[0];
    assert!(asked.query.as_deref().unwrap().contains("zone=3"));

    let off = tempfile::tempdir().unwrap();
    let s = services(DEAD, off.path(), false);
    install_pack(&s);
    let all = s
        .browse_careers(Area::Artistic, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    let codes: Vec<_> = all.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["27-2031.00", "27-2032.00"],
        "strongest in the area first"
    );
    assert_eq!(all.source, Source::Estimate);
    let z4 = s
        .browse_careers(Area::Artistic, Tab::Zone4, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(z4.rows.len(), 1);
    assert_eq!(z4.rows[0].job_zone, Some(4));
}

#[tokio::test]
async fn a_new_pack_replaces_the_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(DEAD, dir.path(), false);
    install_pack(&s);
    assert_eq!(
        s.search_careers("dancer", 1, Lang::En).await.unwrap().total,
        1
    );
    let release = dir.path().join("db_29_1_text");
    std::fs::create_dir(&release).unwrap();
    std::fs::write(
        release.join("Occupation Data.txt"),
        "O*NET-SOC Code\tTitle\n15-1252.00\tSoftware Developers\n",
    )
    .unwrap();
    let mut int = String::from("O*NET-SOC Code\tElement ID\tScale ID\tData Value\n");
    for (k, v) in ["a", "b", "c", "d", "e", "f"]
        .iter()
        .zip([2, 7, 3, 2, 3, 5])
    {
        int.push_str(&format!("15-1252.00\t1.B.1.{k}\tOI\t{v}\n"));
    }
    std::fs::write(release.join("Interests.txt"), int).unwrap();
    std::fs::write(
        release.join("Job Zones.txt"),
        "O*NET-SOC Code\tJob Zone\n15-1252.00\t4\n",
    )
    .unwrap();
    std::fs::write(
        release.join("Sample of Reported Titles.txt"),
        "O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\n15-1252.00\tSoftware Developers\tGame Programmer\tY\n",
    )
    .unwrap();
    s.import_pack(&release, &mut |_| {}).unwrap();
    assert_eq!(
        s.search_careers("dancer", 1, Lang::En).await.unwrap().total,
        0
    );
    let p = s
        .search_careers("game programmer", 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(p.rows[0].code, "15-1252.00");
    assert_eq!(s.also_called("15-1252.00").unwrap(), ["Game Programmer"]);
}

#[tokio::test]
async fn the_offline_report_shows_the_also_called_titles() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(DEAD, dir.path(), true);
    // No pack: nothing to show offline.
    let e = s.career_report("27-2031.00", Lang::En).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReportUnavailableOffline);
    install_pack(&s);
    let r = s.career_report("27-2031.00", Lang::Es).await.unwrap();
    assert_eq!(r.source, Source::Estimate);
    assert_eq!(r.lang, Lang::En, "the pack is in English");
    assert_eq!(r.sections.len(), 1);
    let ov = &r.sections[0].content;
    assert_eq!(ov["title"], "Dancers");
    assert_eq!(ov["job_zone"], 2);
    assert_eq!(ov["also_called"][0]["title"], "Ballet Dancer");
    // A career the pack does not have is still unavailable.
    let e = s.career_report("15-1252.00", Lang::En).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReportUnavailableOffline);
}
