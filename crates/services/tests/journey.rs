//! The services behind the app's commands, against the O*NET test server on loopback and a
//! real SQLite file in a temporary folder. No window, no keychain (the key is passed in).

use std::time::{Duration, Instant};

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::{instrument, Answers, Form, Occupation, OccupationPack, Tab};
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{ApiCheck, KeyCheck, Lang, Source};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

struct Env {
    services: Services,
    dir: tempfile::TempDir,
}

/// Fast retries so fault tests take milliseconds, not seconds.
fn settings(base: &str) -> OnetSettings {
    let mut s = OnetSettings::new(base);
    s.request_timeout = Duration::from_secs(5);
    s.retry = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
        jitter: false,
    };
    s
}

fn env(base: &str, key: Option<&str>) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    // A keychain entry no person uses; without a Secret Service it simply reports an error.
    let keys = KeyStore::new("org.waypoint.profiler.tests", "services-journey");
    let services = Services::new(store, keys, settings(base));
    if let Some(k) = key {
        services.use_key(SecretString::from(k.to_string()));
    }
    Env { services, dir }
}

/// A loopback address nothing listens on: "offline".
const DEAD: &str = "http://127.0.0.1:9/";

async fn answered(s: &Services, answers: &str, form: Form, lang: Lang) -> String {
    let d = s.start_draft(form, lang).unwrap();
    for (i, c) in answers.chars().enumerate() {
        s.record_answer(&d.id, i as u32 + 1, c.to_digit(10).unwrap() as u8)
            .unwrap();
    }
    d.id
}

fn small_pack() -> OccupationPack {
    // Occupations spread over the six areas and five zones, so every tab has rows.
    let occupations = (0..60)
        .map(|i| {
            let mut interests = [1.5f32; 6];
            interests[i % 6] = 7.0;
            interests[(i / 6) % 6] += 2.0;
            Occupation {
                code: format!("{:02}-{:04}.00", 11 + i % 40, 1000 + i),
                title: format!("Occupation {i}"),
                job_zone: Some((i % 5) as u8 + 1),
                bright_outlook: Some(i % 3 == 0),
                interests,
                high_point: String::new(),
            }
        })
        .collect();
    OccupationPack {
        release: "test 1.0".into(),
        source: "release-file".into(),
        occupations,
    }
}

#[tokio::test]
async fn without_a_key_the_bundled_questionnaire_is_used_and_spanish_says_why() {
    let e = env(DEAD, None);
    let q = e
        .services
        .questionnaire(Form::Ip60, Lang::En)
        .await
        .unwrap();
    assert_eq!(q.source, Source::Bundled);
    assert_eq!(q.items.len(), 60);
    assert_eq!(q.items[0].text, instrument::items(Form::Ip60)[0].text);
    assert_eq!(q.options.len(), 5);
    assert!(q.notice.is_none());
    let es = e
        .services
        .questionnaire(Form::Ip30, Lang::Es)
        .await
        .unwrap();
    assert_eq!(es.items.len(), 30);
    assert_eq!(es.lang, Lang::En, "items are never invented in Spanish");
    assert_eq!(es.items[0].text, instrument::items(Form::Ip30)[0].text);
    // The scale is bundled in Spanish (Waypoint's translation), and the notice says so.
    assert_eq!(q.options[0].label, "Strongly Dislike");
    let labels: Vec<&str> = es.options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "No me gusta nada",
            "No me gusta",
            "No sé",
            "Me gusta",
            "Me gusta mucho"
        ]
    );
    let notice = es.notice.unwrap();
    assert!(notice.contains("español"), "{notice}");
    assert!(notice.contains("traducción de Waypoint"), "{notice}");
}

#[tokio::test]
async fn questions_come_from_onet_then_from_the_cache_when_it_is_unreachable() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), Some("test-key"));
    let q = e
        .services
        .questionnaire(Form::Ip60, Lang::Es)
        .await
        .unwrap();
    assert_eq!(
        (q.source, q.lang, q.items.len()),
        (Source::Api, Lang::Es, 60)
    );
    assert_eq!(e.services.online(), Some(true));
    server.set_faults(vec![FaultRule::new("*", Fault::Reset)]);
    let cached = e
        .services
        .questionnaire(Form::Ip60, Lang::Es)
        .await
        .unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert_eq!(cached.items, q.items);
    assert!(cached.fetched_at.is_some());
    assert_eq!(e.services.online(), Some(false));
}

#[tokio::test]
async fn a_draft_survives_reopening_and_resumes_at_the_first_gap() {
    let e = env(DEAD, None);
    let d = e.services.start_draft(Form::Ip60, Lang::En).unwrap();
    for i in 1..=23 {
        e.services.record_answer(&d.id, i, 4).unwrap();
    }
    let path = e.dir.path().to_path_buf();
    drop(e.services);
    let (store, _) = Store::open(&path).unwrap();
    let again = Services::new(store, KeyStore::new("x.tests", "y"), settings(DEAD));
    let r = again
        .resume_draft()
        .unwrap()
        .expect("the draft is still there");
    assert_eq!(r.id, d.id);
    assert_eq!(r.first_unanswered, Some(24));
    assert_eq!(r.answers.iter().filter(|a| a.is_some()).count(), 23);
    let err = again.record_answer(&d.id, 61, 3).unwrap_err();
    assert!(err.to_string().contains("61"), "{err}");
    let err = again.record_answer(&d.id, 5, 6).unwrap_err();
    assert!(err.to_string().contains('6'), "{err}");
}

#[tokio::test]
async fn submit_scores_locally_and_matches_onet_results() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), Some("test-key"));
    let id = answered(&e.services, EXAMPLE, Form::Ip60, Lang::En).await;
    let out = e
        .services
        .submit_answers(&id, Some("  Ana ".into()))
        .await
        .unwrap();
    assert_eq!(out.api_check, ApiCheck::Matched);
    assert_eq!(out.scores, Answers::parse(EXAMPLE).unwrap().scores());
    assert_eq!(out.code, "RSA");
    assert_eq!(out.max_per_area, 40);
    assert!(out.saved);
    assert_eq!(server.requests_to("mnm/interestprofiler/results").len(), 1);
    assert!(
        e.services.resume_draft().unwrap().is_none(),
        "the draft became the result"
    );
    let saved = e.services.get_session(&out.session_id).unwrap();
    assert_eq!(saved.label.as_deref(), Some("Ana"));
    assert_eq!(saved.answers.as_deref(), Some(EXAMPLE));
}

#[tokio::test]
async fn an_incomplete_draft_names_the_missing_items() {
    let e = env(DEAD, None);
    let d = e.services.start_draft(Form::Ip30, Lang::En).unwrap();
    for i in (1..=30).filter(|i| ![3, 17].contains(i)) {
        e.services.record_answer(&d.id, i, 2).unwrap();
    }
    let err = e.services.submit_answers(&d.id, None).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains('3') && msg.contains("17"), "{msg}");
    assert!(
        e.services.resume_draft().unwrap().is_some(),
        "nothing was lost"
    );
}

#[tokio::test]
async fn a_disagreeing_onet_is_a_logged_defect_and_its_numbers_are_shown() {
    let server = TestServer::start("test-key").await.unwrap();
    let body = serde_json::json!({"result": [
        {"href": "x", "code": "realistic", "title": "Realistic", "description": "d", "score": 1},
        {"href": "x", "code": "investigative", "title": "Investigative", "description": "d", "score": 2},
        {"href": "x", "code": "artistic", "title": "Artistic", "description": "d", "score": 3},
        {"href": "x", "code": "social", "title": "Social", "description": "d", "score": 4},
        {"href": "x", "code": "enterprising", "title": "Enterprising", "description": "d", "score": 5},
        {"href": "x", "code": "conventional", "title": "Conventional", "description": "d", "score": 6}
    ]});
    server.set_faults(vec![FaultRule::new(
        "mnm/interestprofiler/results",
        Fault::Canned {
            status: 200,
            content_type: "application/json".into(),
            body: body.to_string(),
        },
    )]);
    let e = env(server.base_url(), Some("test-key"));
    let id = answered(&e.services, EXAMPLE, Form::Ip60, Lang::En).await;
    let out = e.services.submit_answers(&id, None).await.unwrap();
    assert_eq!(out.api_check, ApiCheck::Mismatch);
    assert_eq!(out.scores.as_array(), [1, 2, 3, 4, 5, 6]);
}

#[tokio::test]
async fn typed_scores_are_range_checked_for_their_form() {
    let e = env(DEAD, None);
    let err = e
        .services
        .submit_scores(Form::Ip30, [21, 0, 0, 0, 0, 0], Lang::En, None)
        .unwrap_err();
    assert!(err.to_string().contains("20"), "{err}");
    let ok = e
        .services
        .submit_scores(Form::Ip30, [20, 3, 9, 12, 0, 4], Lang::En, None)
        .unwrap();
    assert_eq!((ok.max_per_area, ok.code.as_str()), (20, "RSA"));
    assert_eq!(ok.api_check, ApiCheck::NotApplicable);
}

#[tokio::test]
async fn careers_page_through_every_tab_and_refuse_bad_tabs_and_pages() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), Some("test-key"));
    let id = answered(&e.services, EXAMPLE, Form::Ip60, Lang::En).await;
    let out = e.services.submit_answers(&id, None).await.unwrap();
    let s = &e.services;
    let all = s
        .careers(&out.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!((all.source, all.rows.len()), (Source::Api, 20));
    assert!(all.total > 40, "total {}", all.total);
    let p2 = s
        .careers(&out.session_id, Tab::All, 2, Lang::En)
        .await
        .unwrap();
    assert_eq!(p2.page, 2);
    assert!(
        p2.rows.iter().all(|r| !all.rows.contains(r)),
        "page 2 repeats page 1"
    );
    let z3 = s
        .careers(&out.session_id, Tab::Zone3, 1, Lang::En)
        .await
        .unwrap();
    assert!(z3.total < all.total);
    let past = s
        .careers(&out.session_id, Tab::Zone3, 999, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(past.code(), "input.page_out_of_range");
    assert_eq!(
        s.careers(&out.session_id, Tab::All, 0, Lang::En)
            .await
            .unwrap_err()
            .code(),
        "input.invalid"
    );
    // What was shown is in the result's snapshot.
    let saved = s.get_session(&out.session_id).unwrap();
    let snap_all = saved.snapshot.iter().find(|t| t.tab == Tab::All).unwrap();
    assert_eq!(snap_all.rows.len(), 40);
    assert_eq!(snap_all.total, all.total);
    assert!(saved.snapshot.iter().any(|t| t.tab == Tab::Zone3));
}

#[tokio::test]
async fn a_full_page_is_collected_when_the_server_returns_fewer_rows_than_asked() {
    let server = TestServer::start("test-key").await.unwrap();
    server.set_page_cap(7);
    let e = env(server.base_url(), Some("test-key"));
    let out = e
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    let page = e
        .services
        .careers(&out.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 20);
    assert_eq!(server.requests_to("mnm/interestprofiler/careers").len(), 3);
}

#[tokio::test]
async fn prefetch_fetches_every_tab_concurrently() {
    let server = TestServer::start("test-key").await.unwrap();
    server.set_faults(vec![FaultRule::new(
        "mnm/interestprofiler/careers",
        Fault::Latency { ms: 100 },
    )]);
    let e = env(server.base_url(), Some("test-key"));
    let out = e
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    let t = Instant::now();
    let tabs = e.services.prefetch_careers(&out.session_id, Lang::En).await;
    let concurrent = t.elapsed();
    assert_eq!(tabs.len(), 6);
    assert!(tabs
        .iter()
        .all(|t| t.as_ref().unwrap().source == Source::Api));
    let t = Instant::now();
    for tab in waypoint_services::careers::TABS {
        e.services
            .careers(&out.session_id, tab, 1, Lang::En)
            .await
            .unwrap();
    }
    let sequential = t.elapsed();
    println!(
        "all six tabs ready, 100 ms latency per request: concurrent {} ms, one after another {} ms",
        concurrent.as_millis(),
        sequential.as_millis()
    );
    let saved = e.services.get_session(&out.session_id).unwrap();
    assert_eq!(
        saved.snapshot.len(),
        6,
        "every tab's first page is in the snapshot"
    );
}

#[tokio::test]
async fn offline_careers_fall_back_to_the_cache_then_the_estimate_then_a_clear_state() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), Some("test-key"));
    let out = e
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    let online = e
        .services
        .careers(&out.session_id, Tab::Zone2, 1, Lang::En)
        .await
        .unwrap();
    server.set_faults(vec![FaultRule::new("*", Fault::Reset)]);
    let cached = e
        .services
        .careers(&out.session_id, Tab::Zone2, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert_eq!(cached.rows, online.rows);
    assert!(cached.fetched_at.is_some());
    assert_eq!(cached.notice.unwrap().code, "network.interrupted");

    // A tab never fetched, with no pack: the error says what happened (the connection broke).
    let err = e
        .services
        .careers(&out.session_id, Tab::Zone4, 1, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network.interrupted", "{err}");

    // With no key at all and no pack: the "add a key or import data" state.
    let nokey = env(DEAD, None);
    let o2 = nokey
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    let none = nokey
        .services
        .careers(&o2.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(none.source, Source::Unavailable);
    let why = none.notice.unwrap();
    assert_eq!(why.code, "careers.need_data");
    assert!(why.message.contains("O*NET key"));

    // With a pack installed: Waypoint's estimate, marked as such, paged and zoned.
    nokey
        .services
        .store()
        .replace_pack(&small_pack(), time::OffsetDateTime::now_utc())
        .unwrap();
    let est = nokey
        .services
        .careers(&o2.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(
        (est.source, est.total, est.rows.len()),
        (Source::Estimate, 60, 20)
    );
    assert!(est.rows[0].fit.is_some());
    let why = est.notice.unwrap();
    assert_eq!(why.code, "careers.estimate");
    assert!(why.message.contains("test 1.0"), "{why:?}");
    let z1 = nokey
        .services
        .careers(&o2.session_id, Tab::Zone1, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!(z1.total, 12);
    let snap = nokey.services.get_session(&o2.session_id).unwrap();
    assert!(snap
        .snapshot
        .iter()
        .flat_map(|t| &t.rows)
        .all(|r| r.estimate));
}

#[tokio::test]
async fn the_estimate_pages_to_its_end_and_a_damaged_cached_page_is_skipped() {
    let e = env(DEAD, None);
    e.services
        .store()
        .replace_pack(&small_pack(), time::OffsetDateTime::now_utc())
        .unwrap();
    let out = e
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    // Page 1 as the cache would hold it, but no longer a careers page.
    let key = waypoint_store::CacheKey::new(
        "careers",
        &[("by", "30,12,25,20,10,8"), ("tab", "all"), ("start", "1")],
        Lang::En,
    )
    .unwrap()
    .personal();
    e.services
        .store()
        .cache_put(
            &key,
            &serde_json::json!({"not": "a page"}),
            None,
            time::OffsetDateTime::now_utc(),
        )
        .unwrap();
    let s = &e.services;
    let p1 = s
        .careers(&out.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap();
    assert_eq!((p1.source, p1.total), (Source::Estimate, 60));
    // 60 careers are three pages of 20: the last one is full, the fourth is past the end.
    let p3 = s
        .careers(&out.session_id, Tab::All, 3, Lang::En)
        .await
        .unwrap();
    assert_eq!((p3.page, p3.rows.len()), (3, 20));
    assert!(p3.rows.iter().all(|r| !p1.rows.contains(r)));
    let past = s
        .careers(&out.session_id, Tab::All, 4, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(past.code(), "input.page_out_of_range");
    assert!(past.to_string().contains("3 page(s)"), "{past}");
}

#[tokio::test]
async fn a_flat_profile_gets_no_arbitrary_careers() {
    let e = env(DEAD, None);
    e.services
        .store()
        .replace_pack(&small_pack(), time::OffsetDateTime::now_utc())
        .unwrap();
    let o = e
        .services
        .submit_scores(Form::Ip60, [10; 6], Lang::En, None)
        .unwrap();
    assert!(o.flat && o.code.is_empty());
    let err = e
        .services
        .careers(&o.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "profile.flat");
}

#[tokio::test]
async fn rate_limits_are_reported_as_such_when_nothing_else_is_available() {
    let server = TestServer::start("test-key").await.unwrap();
    server.set_faults(vec![FaultRule::new(
        "mnm/interestprofiler/careers",
        Fault::RateLimited {
            retry_after: Some(60),
        },
    )]);
    let e = env(server.base_url(), Some("test-key"));
    let o = e
        .services
        .submit_scores(Form::Ip60, [30, 12, 25, 20, 10, 8], Lang::En, None)
        .unwrap();
    let err = e
        .services
        .careers(&o.session_id, Tab::All, 1, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "onet.rate_limited");
    assert_eq!(
        e.services.online(),
        Some(true),
        "a 429 proves the service is reachable"
    );
}

#[tokio::test]
async fn career_reports_come_from_onet_then_the_cache_then_say_unavailable() {
    let server = TestServer::start("test-key").await.unwrap();
    let code = server.occupations()[5].code.clone();
    let e = env(server.base_url(), Some("test-key"));
    let r = e.services.career_report(&code, Lang::Es).await.unwrap();
    assert_eq!(r.source, Source::Api);
    assert_eq!(r.sections[0].id, "overview");
    assert!(r.sections.len() >= 8, "{} sections", r.sections.len());
    assert!(r
        .sections
        .iter()
        .any(|s| s.title == "Perspectivas laborales"));
    server.set_faults(vec![FaultRule::new("*", Fault::Reset)]);
    let cached = e.services.career_report(&code, Lang::Es).await.unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert!(cached.fetched_at.is_some());
    assert_eq!(cached.sections, r.sections);
    let other = server.occupations()[6].code.clone();
    let err = e
        .services
        .career_report(&other, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "report.unavailable_offline");
    let bad = e
        .services
        .career_report("15-12x", Lang::En)
        .await
        .unwrap_err();
    assert_eq!(bad.code(), "input.invalid_code");
}

#[tokio::test]
async fn an_unreadable_cached_report_is_damaged_data_not_bad_input() {
    let e = env(DEAD, None);
    let code = "15-1252.00";
    let key = waypoint_store::CacheKey::new("report", &[("code", code)], Lang::En).unwrap();
    e.services
        .store()
        .cache_put(
            &key,
            &serde_json::json!({"not": "a report"}),
            None,
            time::OffsetDateTime::now_utc(),
        )
        .unwrap();
    let err = e.services.career_report(code, Lang::En).await.unwrap_err();
    assert_eq!(err.code(), "store.data");
}

#[tokio::test]
async fn a_wrong_key_is_rejected_and_a_network_failure_is_not_mistaken_for_one() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), None);
    // The keychain is not reachable in this test, so only verdicts that store nothing are
    // checked here; storing is covered by the keychain test under a real Secret Service.
    assert_eq!(
        e.services.set_key("wrong-key", false).await.unwrap(),
        KeyCheck::Rejected
    );
    assert!(!e.services.has_key());
    // A rejected attempt is not a secret to hide: a common word typed by mistake must not be
    // blanked in every later log line.
    assert_eq!(
        e.services.set_key("information", false).await.unwrap(),
        KeyCheck::Rejected
    );
    assert_eq!(
        waypoint_logging::redact("more information here"),
        "more information here"
    );
    let offline = env(DEAD, None);
    assert_eq!(
        offline.services.set_key("some-key", false).await.unwrap(),
        KeyCheck::OfflineUnverified
    );
    assert!(!offline.services.has_key());
    let err = e.services.set_key("has space", false).await.unwrap_err();
    assert_eq!(err.code(), "input.invalid");
}

#[tokio::test]
async fn history_reads_back_compares_exports_and_imports() {
    let e = env(DEAD, None);
    let a = e
        .services
        .submit_scores(
            Form::Ip60,
            [30, 12, 25, 20, 10, 8],
            Lang::En,
            Some("first".into()),
        )
        .unwrap();
    let b = e
        .services
        .submit_scores(Form::Ip60, [20, 22, 25, 10, 10, 8], Lang::Es, None)
        .unwrap();
    e.services.choose_zone(&a.session_id, Some(3)).unwrap();
    assert_eq!(
        e.services
            .choose_zone(&a.session_id, Some(7))
            .unwrap_err()
            .code(),
        "input.invalid_zone"
    );
    let list = e.services.list_sessions().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(e.services.get_session(&a.session_id).unwrap().zone, Some(3));
    let c = e
        .services
        .compare_sessions(&a.session_id, &b.session_id)
        .unwrap();
    assert_eq!(c.areas[0].delta, -10);
    assert_eq!(c.areas[1].delta, 10);
    let json = e.services.export_json(None).unwrap();
    let csv = e.services.export_csv(None).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let other = env(DEAD, None);
    let r = other.services.import_json(&json).unwrap();
    assert_eq!(r.imported, 2);
    let again = other.services.import_json(&json).unwrap();
    assert_eq!((again.imported, again.skipped_identical), (0, 2));
    e.services.forget_everything().unwrap();
    assert!(e.services.list_sessions().unwrap().is_empty());
}

#[tokio::test]
async fn the_key_never_reaches_the_database_or_any_answer() {
    let key = "SECRET-key-0123456789";
    let server = TestServer::start(key).await.unwrap();
    let e = env(server.base_url(), Some(key));
    let mut seen = String::new();
    let q = e
        .services
        .questionnaire(Form::Ip60, Lang::En)
        .await
        .unwrap();
    seen += &serde_json::to_string(&q).unwrap();
    let id = answered(&e.services, EXAMPLE, Form::Ip60, Lang::En).await;
    let o = e.services.submit_answers(&id, None).await.unwrap();
    seen += &serde_json::to_string(&o).unwrap();
    for p in e.services.prefetch_careers(&o.session_id, Lang::En).await {
        seen += &serde_json::to_string(&p.unwrap()).unwrap();
    }
    let code = server.occupations()[0].code.clone();
    seen +=
        &serde_json::to_string(&e.services.career_report(&code, Lang::En).await.unwrap()).unwrap();
    server.set_faults(vec![FaultRule::new("*", Fault::Status { status: 500 })]);
    let err = e
        .services
        .career_report(&server.occupations()[1].code, Lang::En)
        .await
        .unwrap_err();
    seen += &err.to_string();
    seen += &format!("{err:?}");
    seen += &serde_json::to_string(&e.services.key_status()).unwrap();
    assert!(!seen.contains(key));
    drop(e.services);
    for entry in std::fs::read_dir(e.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let found = bytes.windows(key.len()).any(|w| w == key.as_bytes());
            assert!(!found, "the key is in {}", path.display());
        }
    }
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_with(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            found.extend(files_with(&p, needle));
        } else if std::fs::read(&p)
            .unwrap_or_default()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
        {
            found.push(p);
        }
    }
    found
}

#[tokio::test]
async fn a_kiosk_wipe_leaves_no_byte_of_the_visitor_in_the_data_folder() {
    let server = TestServer::start("test-key").await.unwrap();
    let e = env(server.base_url(), Some("test-key"));
    let s = &e.services;
    s.set_save_results(false);
    // One visitor finishes the profiler, looks at careers and a report, prints; the next
    // one's unfinished draft is what the idle timeout finds.
    let first = answered(s, EXAMPLE, Form::Ip60, Lang::En).await;
    let out = s.submit_answers(&first, None).await.unwrap();
    assert!(!out.saved);
    assert!(s
        .prefetch_careers(&out.session_id, Lang::En)
        .await
        .iter()
        .all(Result::is_ok));
    let code = server.occupations()[3].code.clone();
    s.career_report(&code, Lang::En).await.unwrap();
    let pdf = s.temp_dir().unwrap().join("report.pdf");
    s.save_report_pdf(&out.session_id, Lang::En, None, &pdf)
        .unwrap();
    let mini = &EXAMPLE[..30];
    let second = answered(s, mini, Form::Ip30, Lang::Es).await;

    let data = e.dir.path();
    let markers = [EXAMPLE, mini, second.as_str(), out.session_id.as_str()];
    for m in &markers[..3] {
        assert!(!files_with(data, m).is_empty(), "{m} not on disk before");
    }
    assert!(pdf.exists());

    let report = s.wipe_visitor().unwrap();
    assert_eq!(report.drafts, 1);
    assert!(report.cache_entries >= 6, "{report:?}");

    for m in markers {
        assert_eq!(files_with(data, m), Vec::<std::path::PathBuf>::new(), "{m}");
    }
    assert!(!pdf.parent().unwrap().exists(), "temporary folder kept");
    assert!(s.resume_draft().unwrap().is_none());
    assert_eq!(
        s.get_session(&out.session_id).unwrap_err().code(),
        "store.not_found"
    );
    // What describes no one stays, so the next visitor is not slowed down.
    server.set_faults(vec![FaultRule::new("*", Fault::Reset)]);
    let cached = s.career_report(&code, Lang::En).await.unwrap();
    assert_eq!(cached.source, Source::Cache);
}
