//! `mnm/search` and `mpp/search` against the test server.

mod common;

use common::*;
use waypoint_onet::*;
use waypoint_onet_testserver::{Fault, FaultRule};

#[tokio::test]
async fn matches_titles_ignoring_case_then_also_called_titles() {
    let s = server().await;
    let c = client_for(&s);
    let want = &s.occupations()[0];
    let page = c
        .search(Lang::En, &want.title.to_uppercase(), Range::first(20))
        .await
        .unwrap();
    assert!(page.total >= 1);
    assert_eq!(page.rows[0].code, want.code, "the title match comes first");
    assert!(page
        .rows
        .iter()
        .all(|r| r.title.to_lowercase().contains(&want.title.to_lowercase())));

    // "Senior" is only in the "also called" titles, so every career matches through them.
    let senior = c
        .search(Lang::En, "  senior ", Range::first(5))
        .await
        .unwrap();
    assert_eq!(senior.total as usize, s.occupations().len());
    assert_eq!(senior.rows.len(), 5);
    assert!(senior.rows.iter().all(|r| !r.title.contains("Senior")));
    let sent = s.requests_to("mnm/search");
    assert_eq!(
        sent.last().unwrap().query.as_deref(),
        Some("keyword=senior&start=1&end=5"),
        "the keyword is trimmed before it is sent"
    );
}

#[tokio::test]
async fn pages_through_results_and_spanish_is_asked_under_mpp() {
    let s = server().await;
    let c = client_for(&s);
    let first = c
        .search(Lang::En, "senior", Range::new(1, 20))
        .await
        .unwrap();
    let second = c
        .search(Lang::En, "senior", Range::new(21, 40))
        .await
        .unwrap();
    assert_eq!((second.start, second.end), (21, 40));
    assert!(first.next.is_some());
    let a: Vec<_> = first.rows.iter().map(|r| &r.code).collect();
    assert!(second.rows.iter().all(|r| !a.contains(&&r.code)));

    let es = c
        .search(Lang::Es, "analysts", Range::first(3))
        .await
        .unwrap();
    assert!(es.rows.iter().all(|r| r.title.starts_with("[es] ")));
    assert_eq!(s.requests_to("mpp/search").len(), 1);
}

#[tokio::test]
async fn nothing_found_is_an_empty_page_and_wildcards_are_literal() {
    let s = server().await;
    let c = client_for(&s);
    for k in ["%", "_", "\"", "'", "🚀", "zzzz-no-such-career"] {
        let page = c.search(Lang::En, k, Range::first(20)).await.unwrap();
        assert_eq!(page.total, 0, "{k:?} must not match everything");
        assert!(page.rows.is_empty());
    }
}

#[tokio::test]
async fn bad_keywords_are_refused_before_sending() {
    let s = server().await;
    let c = client_for(&s);
    let long = "a".repeat(200);
    for k in ["", "   ", "\t\n", long.as_str(), "nurse\u{0}"] {
        let e = c.search(Lang::En, k, Range::first(20)).await.unwrap_err();
        assert_eq!(e.code(), "input.invalid_keyword", "{k:?}");
        assert!(e.is_input());
    }
    let e = c
        .search(Lang::En, "nurse", Range::new(5, 2))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "input.invalid_range");
    assert!(s.requests().is_empty(), "nothing was sent");
    // Exactly the limit is fine.
    let ok = "b".repeat(validate::MAX_KEYWORD_CHARS);
    c.search(Lang::En, &ok, Range::first(20)).await.unwrap();
}

#[tokio::test]
async fn the_server_refuses_empty_and_over_long_keywords_with_422() {
    let s = server().await;
    let http = reqwest::Client::new();
    let long = "x".repeat(waypoint_onet_testserver::MAX_KEYWORD_CHARS + 1);
    for q in ["", "keyword=", "keyword=%20%20", &format!("keyword={long}")] {
        let r = http
            .get(format!("{}mnm/search?{q}", s.base_url()))
            .header("X-API-Key", KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{q}");
    }
}

#[tokio::test]
async fn server_errors_are_retried_and_422_is_not() {
    let s = server().await;
    let c = client_for(&s);
    s.add_fault(FaultRule::new("mnm/search", Fault::Status { status: 503 }).times(2));
    let page = c
        .search(Lang::En, "analysts", Range::first(5))
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 5);
    let statuses: Vec<_> = s
        .requests_to("mnm/search")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![Some(503), Some(503), Some(200)]);

    s.clear_requests();
    // A start past the end is valid input the server refuses.
    let e = c
        .search(Lang::En, "analysts", Range::new(5000, 5020))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "onet.invalid_parameter");
    assert_eq!(s.requests().len(), 1);
}
