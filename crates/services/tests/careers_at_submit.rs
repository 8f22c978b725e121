//! Careers page 1 of every tab is asked for at submit, alongside O*NET's `results` check,
//! and `prefetch_careers` files what arrived (one commit) instead of asking again.

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::Form;
use waypoint_secrets::KeyStore;
use waypoint_services::careers::TABS;
use waypoint_services::dto::{ApiCheck, Lang, Source};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";
const CAREERS: &str = "mnm/interestprofiler/careers";

fn services(base: &str) -> (Services, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let mut settings = OnetSettings::new(base);
    settings.retry = RetryPolicy::none();
    let s = Services::new(
        store,
        KeyStore::new("org.waypoint.profiler.tests", "careers-at-submit"),
        settings,
    );
    s.use_key(SecretString::from("test-key".to_string()));
    (s, dir)
}

fn draft(s: &Services, answers: &str) -> String {
    let d = s.start_draft(Form::Ip60, Lang::En).unwrap();
    for (i, c) in answers.chars().enumerate() {
        s.record_answer(&d.id, i as u32 + 1, c.to_digit(10).unwrap() as u8)
            .unwrap();
    }
    d.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tabs_are_requested_with_the_results_check_and_filed_without_asking_again() {
    let server = TestServer::start("test-key").await.unwrap();
    // Only the check is slow: the careers pages have long arrived when it answers.
    server.set_faults(vec![FaultRule::new(
        "mnm/interestprofiler/results",
        Fault::Latency { ms: 300 },
    )]);
    let (s, _dir) = services(server.base_url());
    let out = s.submit_answers(&draft(&s, EXAMPLE), None).await.unwrap();
    assert_eq!(out.api_check, ApiCheck::Matched);
    assert_eq!(s.careers_requested_at_submit(&out.session_id), TABS.len());
    let asked = server.requests_to(CAREERS);
    assert_eq!(asked.len(), TABS.len(), "every tab asked for at submit");
    let check = &server.requests_to("mnm/interestprofiler/results")[0];
    assert!(
        asked.iter().all(|r| r.at_ms < check.at_ms + 300),
        "careers asked for while the check was pending"
    );
    // Nothing is filed before a tab takes the pages up.
    assert!(s.get_session(&out.session_id).unwrap().snapshot.is_empty());

    let tabs = s.prefetch_careers(&out.session_id, out.lang).await;
    assert_eq!(
        s.careers_requested_at_submit(&out.session_id),
        0,
        "all taken up"
    );
    assert_eq!(
        server.requests_to(CAREERS).len(),
        TABS.len(),
        "no second request"
    );
    for (t, name) in tabs.iter().zip(TABS) {
        let t = t.as_ref().unwrap();
        assert_eq!((t.tab.as_str(), t.source), (name, Source::Api));
        assert!(!t.rows.is_empty());
    }
    let saved = s.get_session(&out.session_id).unwrap();
    assert_eq!(saved.snapshot.len(), TABS.len());

    // Taken up once: a tab opened later asks O*NET again, as before.
    let again = s.careers(&out.session_id, "3", 1, out.lang).await.unwrap();
    assert_eq!(again.rows, tabs[3].as_ref().unwrap().rows);
    assert_eq!(server.requests_to(CAREERS).len(), TABS.len() + 1);

    // And the pages filed at submit are in the cache for when O*NET is unreachable.
    server.set_faults(vec![FaultRule::new("*", Fault::Reset)]);
    let cached = s.careers(&out.session_id, "5", 1, out.lang).await.unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert_eq!(cached.rows, tabs[5].as_ref().unwrap().rows);
}

#[tokio::test]
async fn a_flat_profile_asks_for_no_careers() {
    let server = TestServer::start("test-key").await.unwrap();
    let (s, _dir) = services(server.base_url());
    let out = s
        .submit_answers(&draft(&s, &"3".repeat(60)), None)
        .await
        .unwrap();
    assert!(out.flat);
    // Requests are registered before submit returns, so this needs no waiting.
    assert_eq!(s.careers_requested_at_submit(&out.session_id), 0);
    assert!(server.requests_to(CAREERS).is_empty());
}

#[tokio::test]
async fn each_tab_reports_its_own_failure_when_the_early_requests_fail() {
    let server = TestServer::start("test-key").await.unwrap();
    server.set_faults(vec![FaultRule::new(CAREERS, Fault::Reset)]);
    let (s, _dir) = services(server.base_url());
    let out = s.submit_answers(&draft(&s, EXAMPLE), None).await.unwrap();
    assert_eq!(out.api_check, ApiCheck::Matched);
    let tabs = s.prefetch_careers(&out.session_id, out.lang).await;
    // No cache and no occupation pack: each tab says the connection broke.
    for t in &tabs {
        assert_eq!(t.as_ref().unwrap_err().code(), "network.interrupted");
    }
    assert!(s.get_session(&out.session_id).unwrap().snapshot.is_empty());
    assert_eq!(s.online(), Some(false));
}

#[tokio::test]
async fn a_kiosk_result_keeps_its_tabs_in_memory() {
    let server = TestServer::start("test-key").await.unwrap();
    let (s, _dir) = services(server.base_url());
    s.set_save_results(false);
    let out = s.submit_answers(&draft(&s, EXAMPLE), None).await.unwrap();
    assert!(!out.saved);
    let tabs = s.prefetch_careers(&out.session_id, out.lang).await;
    assert!(tabs
        .iter()
        .all(|t| t.as_ref().unwrap().source == Source::Api));
    assert!(
        s.list_sessions().unwrap().is_empty(),
        "nothing filed in history"
    );
    assert_eq!(
        s.get_session(&out.session_id).unwrap().snapshot.len(),
        TABS.len()
    );
}

#[tokio::test]
async fn only_the_newest_results_pages_are_kept_waiting() {
    let server = TestServer::start("test-key").await.unwrap();
    let (s, _dir) = services(server.base_url());
    let first = s.submit_answers(&draft(&s, EXAMPLE), None).await.unwrap();
    let second = s.submit_answers(&draft(&s, EXAMPLE), None).await.unwrap();
    // The first result's early pages were dropped: its tabs ask O*NET again.
    let before = server.requests_to(CAREERS).len();
    for t in s.prefetch_careers(&first.session_id, first.lang).await {
        assert_eq!(t.unwrap().source, Source::Api);
    }
    assert_eq!(server.requests_to(CAREERS).len(), before + TABS.len());
    // The second's are taken up.
    for t in s.prefetch_careers(&second.session_id, second.lang).await {
        assert_eq!(t.unwrap().source, Source::Api);
    }
    assert_eq!(server.requests_to(CAREERS).len(), before + TABS.len());
}
