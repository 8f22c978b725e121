//! Runs the built binary against the in-process test server.

use serde_json::Value;
use std::process::{Command, Output};
use waypoint_onet::{CareerMatch, Client, Lang, Range, Scores, SecretString};
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};

const KEY: &str = "cli-test-key";
const ANSWERS: &str = "553421321134342523523523254115342111351145453111231155343444";

/// Runs the CLI on a blocking thread so the server keeps serving.
async fn run(base: &str, key: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_waypoint-cli"));
    cmd.args(args)
        .env("WAYPOINT_API_BASE", base)
        .env_remove("ONET_API_KEY")
        // The OS keychain may hold a real key (other tests use it): keep it out of reach.
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/waypoint-cli-tests",
        );
    if let Some(k) = key {
        cmd.env("ONET_API_KEY", k);
    }
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn client(s: &TestServer) -> Client {
    Client::builder()
        .base_url(s.base_url())
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_and_questions_json() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    let about = json(&run(base, Some(KEY), &["about", "--json"]).await);
    assert_eq!(about["api_version"], "2.0");

    let qs = json(&run(base, Some(KEY), &["questions", "--json"]).await);
    let qs = qs.as_array().unwrap();
    assert_eq!(qs.len(), 60);
    for (i, q) in qs.iter().enumerate() {
        assert_eq!(q["index"], (i + 1) as u64);
        assert_eq!(q.as_object().unwrap().len(), 3);
        assert!(q["area"].is_string() && q["text"].is_string());
    }
    // Every page is collected even when the server pages at 12.
    s.set_page_cap(12);
    s.clear_requests();
    let mini = json(
        &run(
            base,
            Some(KEY),
            &["questions", "--mini", "--lang", "es", "--json"],
        )
        .await,
    );
    let mini = mini.as_array().unwrap();
    assert_eq!(mini.len(), 30);
    assert!(mini[0]["text"].as_str().unwrap().starts_with("[es] "));
    assert_eq!(s.requests_to("mpp/interestprofiler/questions_30").len(), 3);

    let text = run(base, Some(KEY), &["questions"]).await;
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("Build kitchen cabinets"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn careers_json_matches_the_api_order() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    let c = client(&s);
    let out = json(
        &run(
            base,
            Some(KEY),
            &[
                "careers",
                "--answers",
                ANSWERS,
                "--start",
                "3",
                "--end",
                "9",
                "--json",
            ],
        )
        .await,
    );
    let page = c
        .careers(
            Lang::En,
            &CareerMatch::Answers(ANSWERS.into()),
            None,
            Range::new(3, 9),
        )
        .await
        .unwrap();
    assert_eq!(out["total"], page.total);
    let careers = out["careers"].as_array().unwrap();
    assert_eq!(careers.len(), 7);
    for (row, api) in careers.iter().zip(&page.rows) {
        assert_eq!(row["code"], api.code.as_str());
        assert_eq!(row["title"], api.title.as_str());
        assert_eq!(row["fit"], serde_json::to_value(api.fit).unwrap());
        assert_eq!(row["bright_outlook"], api.bright_outlook());
    }

    s.set_page_cap(9);
    let out = json(
        &run(
            base,
            Some(KEY),
            &[
                "careers",
                "--scores",
                "27,13,23,25,14,14",
                "--zone",
                "2",
                "--all",
                "--lang",
                "es",
                "--json",
            ],
        )
        .await,
    );
    let all = c
        .careers_all(
            Lang::Es,
            &CareerMatch::Scores("27,13,23,25,14,14".parse::<Scores>().unwrap()),
            Some(2),
        )
        .await
        .unwrap();
    let codes: Vec<&str> = out["careers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = all.iter().map(|r| r.code.as_str()).collect();
    assert!(want.len() > 9, "needs several pages");
    assert_eq!(codes, want);
    assert_eq!(out["total"], want.len() as u64);

    let text = run(base, Some(KEY), &["careers", "--answers", ANSWERS]).await;
    assert_eq!(text.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("FIT") && stdout.contains(&page.rows[0].title),
        "{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_overview_and_section() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    let code = s.occupations()[7].code.clone();
    let ov = json(&run(base, Some(KEY), &["report", &code, "--json"]).await);
    assert_eq!(ov["code"], code.as_str());
    assert!(ov["word_cloud_terms"].is_array());
    let skills = json(
        &run(
            base,
            Some(KEY),
            &[
                "report",
                &code,
                "--section",
                "skills",
                "--lang",
                "es",
                "--json",
            ],
        )
        .await,
    );
    assert!(skills[0]["name"].as_str().unwrap().starts_with("[es] "));
    assert!(s.requests_to(&format!("mpp/careers/{code}/skills")).len() == 1);
    let text = run(
        base,
        Some(KEY),
        &["report", &code, "--section", "check_out_my_state"],
    )
    .await;
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("Alabama"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_exits_2_before_any_request() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    let bad_answers = format!("{}9", &ANSWERS[..59]);
    let cases: Vec<Vec<&str>> = vec![
        vec!["careers", "--answers", &bad_answers],
        vec!["careers", "--answers", "12345"],
        vec!["careers", "--scores", "1,2,3"],
        vec!["careers", "--scores", "1,2,3,4,5,-6"],
        vec!["careers", "--answers", ANSWERS, "--zone", "9"],
        vec![
            "careers",
            "--answers",
            ANSWERS,
            "--start",
            "5",
            "--end",
            "2",
        ],
        vec!["careers", "--answers", ANSWERS, "--scores", "1,2,3,4,5,6"],
        vec!["careers"],
        vec!["report", "15-1252"],
        vec!["report", "15-1252.00", "--section", "salary"],
        vec!["questions", "--lang", "fr"],
    ];
    for args in &cases {
        let out = run(base, Some(KEY), args).await;
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty());
        assert!(out.stdout.is_empty());
    }
    let out = run(base, Some(KEY), &["careers", "--answers", &bad_answers]).await;
    assert!(String::from_utf8_lossy(&out.stderr).contains("answer 60 is '9'"));
    assert!(s.requests().is_empty(), "{:?}", s.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_or_missing_key_exits_3() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    let out = run(base, Some("not-the-key"), &["about"]).await;
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("401") && !stderr.contains("not-the-key"),
        "{stderr}"
    );
    assert_eq!(s.requests().len(), 1, "401 is not retried");
    let out = run(base, None, &["about"]).await;
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ONET_API_KEY"));
    assert_eq!(s.requests().len(), 1, "nothing sent without a key");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_and_network_failures_exit_4() {
    let s = TestServer::start(KEY).await.unwrap();
    let base = s.base_url();
    s.set_faults(vec![FaultRule::new("about", Fault::Status { status: 503 })]);
    let out = run(base, Some(KEY), &["about", "--json"]).await;
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("503"));
    assert_eq!(s.requests_to("about").len(), 4, "retried before giving up");

    let out = run(base, Some(KEY), &["report", "99-9999.99"]).await;
    assert_eq!(out.status.code(), Some(4), "422 from the API");
    assert!(String::from_utf8_lossy(&out.stderr).contains("99-9999.99"));

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = run(&format!("http://127.0.0.1:{port}"), Some(KEY), &["about"]).await;
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach"));
}
