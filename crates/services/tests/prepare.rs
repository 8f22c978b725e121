//! "Prepare for offline use" against the O*NET test server: everything is cached under the
//! keys the offline fallbacks read, so with the server gone a Spanish Mini-IP, the Spanish
//! Job Zones and the offline careers still work; a part that fails leaves the rest.

use std::path::Path;
use std::time::Duration;

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::{Form, Tab};
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{Lang, Source};
use waypoint_services::prepare::{PreparePart, PrepareProgress, PrepareSummary};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

/// A loopback address nothing listens on: the server is gone.
const DEAD: &str = "http://127.0.0.1:9/";

fn services(dir: &Path, base: &str, key: Option<&str>) -> Services {
    let mut s = OnetSettings::new(base);
    s.request_timeout = Duration::from_secs(5);
    s.retry = RetryPolicy {
        max_retries: 1,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
        jitter: false,
    };
    let (store, _) = Store::open(dir).unwrap();
    let svc = Services::new(
        store,
        KeyStore::new("org.waypoint.profiler.tests", "services-prepare"),
        s,
    );
    if let Some(k) = key {
        svc.use_key(SecretString::from(k.to_string()));
    }
    svc
}

async fn prepare(svc: &Services) -> (PrepareSummary, Vec<PrepareProgress>) {
    let mut seen = Vec::new();
    let summary = svc
        .prepare_offline(&mut |p| seen.push(p))
        .await
        .expect("a key is set");
    (summary, seen)
}

fn failed(summary: &PrepareSummary) -> Vec<(PreparePart, String)> {
    summary
        .parts
        .iter()
        .filter_map(|p| p.error.as_ref().map(|e| (p.part, e.code.to_string())))
        .collect()
}

#[tokio::test]
async fn prepared_then_offline_a_spanish_mini_ip_job_zones_and_careers_work() {
    let server = TestServer::start("test-key").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    {
        let svc = services(dir.path(), server.base_url(), Some("test-key"));
        let (summary, seen) = prepare(&svc).await;
        assert!(summary.complete, "{:?}", failed(&summary));
        assert_eq!(summary.parts.len(), PreparePart::ALL.len());
        assert!(summary.parts.iter().all(|p| p.cached_at.is_some()));
        // One report before each part, then the end.
        assert_eq!(seen.len(), PreparePart::ALL.len() + 1);
        assert_eq!(seen[0].part, Some(PreparePart::Occupations));
        assert_eq!((seen[0].done, seen[0].total), (0, 9));
        let last = seen.last().unwrap();
        assert_eq!((last.part, last.done, last.total), (None, 9, 9));
        assert!(svc.pack_status().unwrap().installed);
        assert!(!server
            .requests_to("mpp/interestprofiler/questions_30")
            .is_empty());
    }
    drop(server);

    // The key is still set, the server is gone: everything comes from this computer.
    let svc = services(dir.path(), DEAD, Some("test-key"));
    let q = svc.questionnaire(Form::Ip30, Lang::Es).await.unwrap();
    assert_eq!(
        (q.source, q.lang, q.items.len()),
        (Source::Cache, Lang::Es, 30)
    );
    assert!(
        q.items.iter().all(|i| i.text.starts_with("[es] ")),
        "{:?}",
        q.items[0]
    );
    assert!(q.options.iter().all(|o| o.label.starts_with("[es] ")));
    assert_eq!(q.notice, None);
    let q60 = svc.questionnaire(Form::Ip60, Lang::En).await.unwrap();
    assert_eq!((q60.source, q60.items.len()), (Source::Cache, 60));

    let zones = svc.job_zones(Lang::Es);
    assert_eq!(zones.len(), 5);
    assert!(zones.iter().all(|z| z.source == Source::Cache));
    assert!(
        zones.iter().all(|z| z.title.starts_with("[es] ")),
        "{:?}",
        zones[0]
    );

    // A Spanish Mini-IP answered offline gets Waypoint's estimate from the prepared pack.
    let d = svc.start_draft(Form::Ip30, Lang::Es).unwrap();
    for (i, v) in "533142315524153241352341523451".chars().enumerate() {
        svc.record_answer(&d.id, i as u32 + 1, v.to_digit(10).unwrap() as u8)
            .unwrap();
    }
    let out = svc.submit_answers(&d.id, None).await.unwrap();
    let page = svc
        .careers(&out.session_id, Tab::All, 1, Lang::Es)
        .await
        .unwrap();
    assert_eq!(page.source, Source::Estimate);
    assert!(page.total > 0 && !page.rows.is_empty());
}

#[tokio::test]
async fn a_failing_part_is_reported_and_the_others_are_cached_and_nothing_is_lost() {
    let server = TestServer::start("test-key").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let svc = services(dir.path(), server.base_url(), Some("test-key"));
    // The first time everything goes well.
    assert!(prepare(&svc).await.0.complete);
    let before = svc.job_zones(Lang::Es);

    // Then the Spanish Job Zones answer 503 and the Spanish Mini-IP's connection is cut.
    server.set_faults(vec![
        FaultRule::new(
            "mpp/interestprofiler/job_zones",
            Fault::Status { status: 503 },
        ),
        FaultRule::new("mpp/interestprofiler/questions_30", Fault::Reset),
    ]);
    let (summary, _) = prepare(&svc).await;
    assert!(!summary.complete);
    let mut bad = failed(&summary);
    bad.sort_by_key(|(p, _)| p.as_str());
    assert_eq!(
        bad,
        vec![
            (PreparePart::JobZonesEs, "onet.server_error".to_string()),
            (
                PreparePart::Questions30Es,
                "network.interrupted".to_string()
            ),
        ]
    );
    for p in summary.parts.iter().filter(|p| p.error.is_none()) {
        assert!(p.cached_at.is_some(), "{:?}", p.part);
    }
    drop(server);

    // What the first run cached is still there.
    let offline = services(dir.path(), DEAD, Some("test-key"));
    assert_eq!(offline.job_zones(Lang::Es), before);
    let q = offline.questionnaire(Form::Ip30, Lang::Es).await.unwrap();
    assert_eq!((q.source, q.lang), (Source::Cache, Lang::Es));
}

#[tokio::test]
async fn a_first_run_with_a_failing_part_caches_the_others_only() {
    let server = TestServer::start("test-key").await.unwrap();
    server.set_faults(vec![FaultRule::new(
        "mpp/interestprofiler/questions",
        Fault::Status { status: 500 },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let svc = services(dir.path(), server.base_url(), Some("test-key"));
    let (summary, _) = prepare(&svc).await;
    assert_eq!(failed(&summary).len(), 1, "{:?}", failed(&summary));
    assert_eq!(failed(&summary)[0].0, PreparePart::Questions60Es);
    drop(server);

    let offline = services(dir.path(), DEAD, Some("test-key"));
    // Never downloaded: the English items with the notice, as before.
    let q60 = offline.questionnaire(Form::Ip60, Lang::Es).await.unwrap();
    assert_eq!((q60.source, q60.lang), (Source::Bundled, Lang::En));
    assert!(q60.notice.is_some());
    // The rest was cached.
    let q30 = offline.questionnaire(Form::Ip30, Lang::Es).await.unwrap();
    assert_eq!((q30.source, q30.lang), (Source::Cache, Lang::Es));
    assert!(offline.pack_status().unwrap().installed);
}

#[tokio::test]
async fn without_a_key_nothing_is_fetched() {
    let server = TestServer::start("test-key").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let svc = services(dir.path(), server.base_url(), None);
    let err = svc.prepare_offline(&mut |_| {}).await.unwrap_err();
    assert_eq!(err.code().to_string(), "onet.no_key");
    assert!(server.requests().is_empty());
    // Never prepared: the Spanish Job Zones are Waypoint's bundled ones.
    assert!(svc
        .job_zones(Lang::Es)
        .iter()
        .all(|z| z.source == Source::Bundled));
}
