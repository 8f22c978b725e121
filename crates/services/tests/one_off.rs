//! `pdf::one_off_report`: a report with no store and no keychain (the CLI's `report-pdf`),
//! choosing careers as the app does: O*NET, else the offline estimate, else none.

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::{Answers, Form, Matcher, Occupation, OccupationPack};
use waypoint_services::dto::{Lang, Source};
use waypoint_services::pdf::{one_off_report, OneOffInput, Paper};
use waypoint_services::{OnetSettings, Online};

const KEY: &str = "one-off-key";
const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";
const CAREERS: &str = "mnm/interestprofiler/careers";

fn online(base: &str) -> Online {
    let mut settings = OnetSettings::new(base);
    settings.retry = RetryPolicy::none();
    Online::new(&settings, Some(SecretString::from(KEY.to_string()))).unwrap()
}

fn matcher() -> Matcher {
    let occ = |code: &str, interests: [f32; 6]| Occupation {
        code: code.into(),
        title: format!("Occupation {code}"),
        job_zone: Some(3),
        bright_outlook: None,
        interests,
        high_point: String::new(),
    };
    Matcher::new(OccupationPack {
        release: "29.3".into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: vec![
            occ("11-1011.00", [6.0, 2.0, 4.0, 5.0, 2.0, 2.0]),
            occ("15-1252.00", [2.0, 7.0, 2.0, 2.0, 3.0, 5.0]),
        ],
    })
}

fn answers() -> OneOffInput {
    OneOffInput::Answers(Answers::parse(EXAMPLE).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onet_first_then_the_estimate_when_onet_cannot_answer() {
    let server = TestServer::start(KEY).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let o = online(server.base_url());
    let m = matcher();
    let r = one_off_report(
        answers(),
        Some(3),
        Lang::En,
        Some(Paper::A4),
        Some(&o),
        Some(&m),
        &out,
    )
    .await
    .unwrap();
    assert_eq!(
        (r.careers, r.code.as_str(), r.flat),
        (Source::Api, "RSA", false)
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));

    server.set_faults(vec![FaultRule::new(CAREERS, Fault::Status { status: 503 })]);
    let r = one_off_report(answers(), None, Lang::En, None, Some(&o), Some(&m), &out)
        .await
        .unwrap();
    assert_eq!(r.careers, Source::Estimate);
    // With nothing to fall back on, O*NET's failure is the answer.
    let e = one_off_report(answers(), None, Lang::En, None, Some(&o), None, &out)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("503"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_key_and_no_pack_or_a_flat_profile_print_no_careers_and_ask_nothing() {
    let server = TestServer::start(KEY).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let r = one_off_report(answers(), None, Lang::Es, None, None, None, &out)
        .await
        .unwrap();
    assert_eq!(r.careers, Source::Unavailable);
    let flat = OneOffInput::Scores {
        form: Form::Ip60,
        values: [20; 6],
    };
    let o = online(server.base_url());
    let r = one_off_report(flat, None, Lang::En, None, Some(&o), Some(&matcher()), &out)
        .await
        .unwrap();
    assert_eq!(
        (r.careers, r.code.as_str(), r.flat),
        (Source::Unavailable, "", true)
    );
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}
