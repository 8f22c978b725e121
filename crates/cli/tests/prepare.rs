//! `waypoint-cli prepare` against the O*NET test server: progress lines, the summary, and
//! exit 4 naming the part that failed while the others are saved.

mod common;

use common::{stderr, stdout, Cli};
use serde_json::Value;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};

const KEY: &str = "cli-prepare-test-key";
const DEAD: &str = "http://127.0.0.1:9/";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prepares_everything_then_the_spanish_questions_work_offline() {
    let s = TestServer::start(KEY).await.unwrap();
    let cli = Cli::new(s.base_url(), Some(KEY));
    let out = cli.run_async(&["prepare"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("[1/9] occupations"), "{err}");
    assert!(err.contains("[7/9] job_zones_es"), "{err}");
    assert!(err.contains("[9/9] done"), "{err}");
    let text = stdout(&out);
    assert_eq!(
        text.lines().filter(|l| l.contains(" cached ")).count(),
        9,
        "{text}"
    );
    drop(s);

    // Offline with the key: the prepared pack answers a search.
    let offline = Cli {
        base: DEAD.into(),
        ..cli
    };
    let v: Value =
        serde_json::from_slice(&offline.run_async(&["pack", "info", "--json"]).await.stdout)
            .unwrap();
    assert_eq!(v["installed"], true, "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_part_exits_4_and_the_summary_names_it() {
    let s = TestServer::start(KEY).await.unwrap();
    s.set_faults(vec![FaultRule::new(
        "mpp/interestprofiler/questions_30",
        Fault::Status { status: 503 },
    )]);
    let cli = Cli::new(s.base_url(), Some(KEY));
    let out = cli.run_async(&["prepare", "--json"]).await;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 of 9 parts"), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("the summary is JSON");
    assert_eq!(v["complete"], false);
    let parts = v["parts"].as_array().unwrap();
    let bad: Vec<&Value> = parts.iter().filter(|p| !p["error"].is_null()).collect();
    assert_eq!(bad.len(), 1, "{v}");
    assert_eq!(bad[0]["part"], "questions_30_es");
    assert_eq!(bad[0]["error"]["code"], "onet.server_error");
    assert!(parts
        .iter()
        .filter(|p| p["part"] != "questions_30_es")
        .all(|p| p["cached_at"].is_string()));
}

#[test]
fn without_a_key_it_exits_3_and_sends_nothing() {
    let cli = Cli::new(DEAD, None);
    let out = cli.run(&["prepare"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}
