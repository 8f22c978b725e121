//! Error kinds, retries, timeouts and tolerant decoding, driven by the test
//! server's fault plan.

mod common;

use common::*;
use std::time::{Duration, Instant};
use waypoint_onet::*;
use waypoint_onet_testserver::{Fault, FaultRule};

const ABOUT: &str = "about";

fn gap_ms(s: &waypoint_onet_testserver::TestServer, path: &str, i: usize) -> u64 {
    let r = s.requests_to(path);
    r[i + 1].at_ms - r[i].at_ms
}

#[tokio::test]
async fn rate_limited_with_retry_after_waits_then_succeeds() {
    let s = server().await;
    let c = client_for(&s);
    s.add_fault(
        FaultRule::new(
            ABOUT,
            Fault::RateLimited {
                retry_after: Some(1),
            },
        )
        .times(1),
    );
    let t = Instant::now();
    c.about().await.unwrap();
    assert_eq!(s.requests_to(ABOUT).len(), 2, "exactly one retry");
    assert!(gap_ms(&s, ABOUT, 0) >= 1000, "Retry-After honoured");
    assert!(t.elapsed() >= Duration::from_secs(1));
    assert_eq!(s.requests_to(ABOUT)[0].status, Some(429));
}

#[tokio::test]
async fn rate_limited_without_retry_after_backs_off_doubling() {
    let s = server().await;
    let c = client_for(&s);
    s.add_fault(FaultRule::new(ABOUT, Fault::RateLimited { retry_after: None }).times(3));
    c.about().await.unwrap();
    assert_eq!(s.requests_to(ABOUT).len(), 4);
    // fast_policy: 20, 40, 80 ms (no jitter).
    assert!(gap_ms(&s, ABOUT, 0) >= 20);
    assert!(gap_ms(&s, ABOUT, 1) >= 40);
    assert!(gap_ms(&s, ABOUT, 2) >= 80);
}

#[tokio::test]
async fn rate_limited_for_good_reports_retry_after() {
    let s = server().await;
    let c = builder_for(&s)
        .retry_policy(RetryPolicy {
            max_retry_after: Duration::from_secs(2),
            ..fast_policy()
        })
        .build()
        .unwrap();
    // Longer than the client will wait: fail at once, telling when to retry.
    s.add_fault(FaultRule::new(
        ABOUT,
        Fault::RateLimited {
            retry_after: Some(120),
        },
    ));
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.rate_limited");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
    assert!(e.to_string().contains("120"), "{e}");
    assert!(e.is_retryable());
    assert_eq!(s.requests_to(ABOUT).len(), 1);
}

#[tokio::test]
async fn service_unavailable_twice_then_ok_takes_three_requests() {
    let s = server().await;
    let c = client_for(&s);
    let path = "mnm/interestprofiler/careers";
    s.add_fault(FaultRule::new(path, Fault::Status { status: 503 }).times(2));
    let by = CareerMatch::Answers(ANSWERS60.into());
    let page = c
        .careers(Lang::En, &by, None, Range::first(5))
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 5);
    let statuses: Vec<_> = s.requests_to(path).iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![Some(503), Some(503), Some(200)]);
}

#[tokio::test]
async fn persistent_server_error_gives_up_after_the_retry_budget() {
    let s = server().await;
    let c = client_for(&s);
    s.add_fault(FaultRule::new(ABOUT, Fault::Status { status: 500 }));
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.server_error");
    assert!(e.to_string().contains("500"), "{e}");
    assert_eq!(s.requests_to(ABOUT).len(), 4, "1 try + 3 retries");
}

#[tokio::test]
async fn unauthorized_is_not_retried_and_missing_key_sends_nothing() {
    let s = server().await;
    let c = builder_for(&s)
        .api_key(SecretString::from("wrong-key"))
        .build()
        .unwrap();
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.unauthorized");
    assert!(e.to_string().contains("401"), "{e}");
    assert_eq!(s.requests().len(), 1);
    assert_eq!(
        s.requests()[0].key,
        waypoint_onet_testserver::KeyState::Invalid
    );

    let c = builder_for(&s).maybe_api_key(None).build().unwrap();
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.unauthorized");
    assert_eq!(s.requests().len(), 1, "no request without a key");
}

#[tokio::test]
async fn not_found_and_invalid_parameter_are_not_retried() {
    let s = server().await;
    let c = builder_for(&s)
        .base_url(format!("{}no-such-prefix", s.base_url()))
        .build()
        .unwrap();
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.not_found");
    assert_eq!(s.requests().len(), 1);

    let c = client_for(&s);
    s.clear_requests();
    // A flat profile: valid input, refused by the server with 422.
    let by = CareerMatch::Scores(Scores([10; 6]));
    let e = c
        .careers(Lang::En, &by, None, Range::first(5))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "onet.invalid_parameter");
    assert!(e.to_string().contains("flat profile"), "API text kept: {e}");
    assert_eq!(s.requests().len(), 1);
}

#[tokio::test]
async fn timeout_is_retried_then_reported() {
    let s = server().await;
    let c = builder_for(&s)
        .request_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy {
            max_retries: 1,
            ..fast_policy()
        })
        .build()
        .unwrap();
    s.add_fault(FaultRule::new(ABOUT, Fault::Latency { ms: 1500 }).times(1));
    c.about().await.unwrap();
    assert_eq!(s.requests_to(ABOUT).len(), 2, "slow once, then fine");

    s.clear_requests();
    // Had the client waited for the slow answers, this would succeed instead: the error code
    // itself proves it gave up at its own timeout, without a wall-clock upper bound.
    s.set_faults(vec![FaultRule::new(ABOUT, Fault::Latency { ms: 1500 })]);
    let t = Instant::now();
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "network.timeout");
    assert!(e.is_offline() && e.is_retryable());
    assert_eq!(s.requests_to(ABOUT).len(), 2);
    assert!(
        t.elapsed() >= Duration::from_millis(600),
        "two full timeouts"
    );
}

#[tokio::test]
async fn slow_drip_within_and_beyond_the_timeout() {
    let s = server().await;
    let c = builder_for(&s)
        .request_timeout(Duration::from_millis(600))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::SlowDrip {
            chunk_bytes: 64,
            interval_ms: 20,
        },
    )]);
    let about = c.about().await.unwrap();
    assert_eq!(about.api_version, "2.0");
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::SlowDrip {
            chunk_bytes: 8,
            interval_ms: 100,
        },
    )]);
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "network.timeout", "{e}");
}

#[tokio::test]
async fn reset_and_truncated_body_are_retried() {
    let s = server().await;
    let c = client_for(&s);
    s.add_fault(FaultRule::new(ABOUT, Fault::Reset).times(1));
    s.add_fault(FaultRule::new("mnm/interestprofiler/job_zones", Fault::TruncatedJson).times(2));
    c.about().await.unwrap();
    assert_eq!(s.requests_to(ABOUT).len(), 2);
    assert_eq!(s.requests_to(ABOUT)[0].status, None, "no response was sent");
    assert_eq!(c.job_zones(Lang::En).await.unwrap().len(), 5);
    assert_eq!(s.requests_to("mnm/interestprofiler/job_zones").len(), 3);

    s.set_faults(vec![FaultRule::new(ABOUT, Fault::Reset)]);
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "network.interrupted", "{e}");
    assert!(e.is_offline());
}

#[tokio::test]
async fn wrong_content_type_and_undecodable_bodies() {
    let s = server().await;
    let c = client_for(&s);
    s.set_faults(vec![FaultRule::new(ABOUT, Fault::WrongContentType)]);
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.bad_response");
    let msg = e.to_string();
    assert!(msg.contains("text/html") && msg.contains("about/"), "{msg}");
    assert_eq!(s.requests_to(ABOUT).len(), 1, "not retried");

    // A server that echoes the key: the snippet must not carry it.
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::Canned {
            status: 200,
            content_type: "application/json".into(),
            body: format!("{{\"unexpected\": \"{KEY}\"}}"),
        },
    )]);
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.bad_response");
    assert!(e.to_string().contains("unexpected"), "{e}");
    assert!(!e.to_string().contains(KEY) && !format!("{e:?}").contains(KEY));

    // The key straddling the 160-character cut (4 of its characters before it): cutting first
    // and scrubbing after would leave those 4 behind.
    let prefix = &KEY[..4];
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::Canned {
            status: 200,
            content_type: "application/json".into(),
            body: format!("{{\"{}\": \"{KEY}\"}}", "x".repeat(150)),
        },
    )]);
    let e = c.about().await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains(prefix), "{e}");

    // A 422 whose error text echoes the key.
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::Canned {
            status: 422,
            content_type: "application/json".into(),
            body: format!("{{\"error\": \"Invalid key {KEY} for this resource\"}}"),
        },
    )]);
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "onet.invalid_parameter");
    assert!(e.to_string().contains("Invalid key"), "{e}");
    assert!(!format!("{e} {e:?}").contains(KEY), "{e}");
}

#[tokio::test]
async fn offline_when_nothing_listens() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .api_key(SecretString::from(KEY))
        .retry_policy(fast_policy())
        .build()
        .unwrap();
    let e = c.about().await.unwrap_err();
    assert_eq!(e.code(), "network.offline");
    assert!(e.is_offline());
    assert!(!e.to_string().contains(KEY));
}

#[tokio::test]
async fn tolerant_decoding() {
    let s = server().await;
    let c = client_for(&s);
    let canned = |path: &str, body: &str| {
        FaultRule::new(
            path,
            Fault::Canned {
                status: 200,
                content_type: "application/json".into(),
                body: body.into(),
            },
        )
    };
    s.set_faults(vec![
        // Unknown fields everywhere.
        canned(
            ABOUT,
            r#"{"api_version":"2.1","taxonomy":{"name":"t","url":"u","x":1},"database":{"name":"d","url":"u"},"new":true}"#,
        ),
        // 1.9-style wrapper around the list.
        canned(
            "mnm/interestprofiler/job_zones",
            r#"{"job_zone":[{"code":1,"title":"t","experience":"e","training":"t","education":"e","examples":"x","svp_range":"s"}]}"#,
        ),
        // No fit, no tags, no prev/next.
        canned(
            "mnm/interestprofiler/careers",
            r#"{"start":1,"end":2,"total":2,"career":[{"href":"h","code":"11-1011.00","title":"A"},{"href":"h","code":"11-1021.00","title":"B","tags":{},"fit":"Good"}]}"#,
        ),
        // A paged resource answered with a bare array.
        canned(
            "mnm/interestprofiler/interests/social",
            r#"[{"href":"h","code":"11-1011.00","title":"A","tags":{"bright_outlook":true}}]"#,
        ),
    ]);
    assert_eq!(c.about().await.unwrap().api_version, "2.1");
    assert_eq!(c.job_zones(Lang::En).await.unwrap().len(), 1);
    let by = CareerMatch::Answers(ANSWERS60.into());
    let all = c.careers_all(Lang::En, &by, None).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].fit, None);
    assert!(!all[0].bright_outlook());
    assert_eq!(all[1].fit, Some(Fit::Good));
    let p = c
        .interest_careers(Lang::En, Area::Social, None, Range::first(5))
        .await
        .unwrap();
    assert_eq!((p.total, p.rows.len()), (1, 1));
    assert!(p.rows[0].bright_outlook());
}

#[tokio::test]
async fn paging_without_progress_is_an_error_not_a_loop() {
    let s = server().await;
    let c = client_for(&s);
    let path = "mnm/interestprofiler/careers";
    // Claims 50 rows but never returns any.
    s.set_faults(vec![FaultRule::new(
        path,
        Fault::Canned {
            status: 200,
            content_type: "application/json".into(),
            body: r#"{"start":1,"end":0,"total":50,"career":[]}"#.into(),
        },
    )]);
    let by = CareerMatch::Answers(ANSWERS60.into());
    let e = c.careers_all(Lang::En, &by, None).await.unwrap_err();
    assert_eq!(e.code(), "onet.bad_response");
    assert!(e.to_string().contains("no progress"), "{e}");
    assert_eq!(s.requests_to(path).len(), 1);

    // Always the first page, whatever is asked: a repeat, caught on page 2.
    s.set_faults(vec![FaultRule::new(
        path,
        Fault::Canned {
            status: 200,
            content_type: "application/json".into(),
            body: r#"{"start":1,"end":1,"total":50,"career":[{"href":"h","code":"11-1011.00","title":"A","tags":{}}]}"#.into(),
        },
    )]);
    s.clear_requests();
    let e = c.careers_all(Lang::En, &by, None).await.unwrap_err();
    assert_eq!(e.code(), "onet.bad_response");
    assert_eq!(s.requests_to(path).len(), 2);
}

#[tokio::test]
async fn key_never_leaks_into_errors_or_debug() {
    let s = server().await;
    let c = client_for(&s);
    let debug = format!("{c:?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("redacted"));

    let mut errors = Vec::new();
    s.set_faults(vec![FaultRule::new(ABOUT, Fault::Status { status: 503 })]);
    errors.push(c.about().await.unwrap_err());
    s.set_faults(vec![FaultRule::new(
        ABOUT,
        Fault::RateLimited {
            retry_after: Some(60),
        },
    )]);
    errors.push(c.about().await.unwrap_err());
    s.set_faults(vec![FaultRule::new(ABOUT, Fault::Reset)]);
    errors.push(c.about().await.unwrap_err());
    s.clear_faults();
    errors.push(c.knowledge(Lang::En, "99-9999.99").await.unwrap_err());
    errors.push(c.results(Lang::En, "x").await.unwrap_err());
    let wrong = builder_for(&s)
        .api_key(SecretString::from(format!("{KEY}-x")))
        .build()
        .unwrap();
    errors.push(wrong.about().await.unwrap_err());
    for e in &errors {
        for text in [
            e.to_string(),
            format!("{e:?}"),
            serde_json::to_string(e).unwrap(),
        ] {
            assert!(!text.contains(KEY), "{text}");
        }
    }
    let json: serde_json::Value = serde_json::to_value(&errors[0]).unwrap();
    assert_eq!(json["code"], "onet.server_error");
    assert_eq!(json["message"], errors[0].to_string());
    assert_eq!(json.as_object().unwrap().len(), 2);
    // The key travels only in the header, never in the recorded URL.
    assert!(s
        .requests()
        .iter()
        .all(|r| !r.query.clone().unwrap_or_default().contains(KEY)));
}

#[tokio::test]
async fn admin_endpoint_sets_faults_from_another_process() {
    let s = server().await;
    let c = client_for(&s);
    // Simulates the desktop app's e2e tests: plain HTTP, no Rust API.
    let http = reqwest::Client::new();
    let rules = serde_json::json!([{ "path": "about", "fault": { "kind": "status", "status": 503 }, "times": 1 }]);
    let r = http
        .post(format!("{}__admin/faults", s.base_url()))
        .json(&rules)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    c.about().await.unwrap();
    let log: Vec<serde_json::Value> = http
        .get(format!("{}__admin/requests", s.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let statuses: Vec<_> = log.iter().map(|r| r["status"].as_u64()).collect();
    assert_eq!(statuses, vec![Some(503), Some(200)]);
    assert!(log.iter().all(|r| r["headers"].get("x-api-key").is_none()));
}

#[tokio::test]
async fn redirects_are_not_followed_so_the_key_stays_with_the_api_host() {
    let s = server().await;
    // The second server would accept any key; it must never see a request at all.
    let elsewhere = server().await;
    for (status, location) in [
        (302, format!("{}about", elsewhere.base_url())),
        (307, format!("{}about", elsewhere.base_url())),
        // Same host, other path: still not followed (O*NET never redirects its API).
        (301, format!("{}mnm/", s.base_url())),
    ] {
        s.clear_requests();
        s.set_faults(vec![FaultRule::new(
            ABOUT,
            Fault::Redirect {
                location: location.clone(),
                status,
            },
        )]);
        let e = client_for(&s).about().await.unwrap_err();
        assert_eq!(e.code(), "onet.bad_response", "{status} to {location}: {e}");
        assert!(!e.is_retryable(), "{status}: a redirect is not retried");
        assert_eq!(s.requests().len(), 1, "{status}: one request, not followed");
    }
    assert!(
        elsewhere.requests().is_empty(),
        "the other host was asked: {:?}",
        elsewhere.requests()
    );
}
