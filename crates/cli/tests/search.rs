//! `waypoint-cli search`: O*NET's search with a key, else the offline pack.

mod common;

use common::{stderr, Cli};
use serde_json::Value;
use waypoint_onet_testserver::TestServer;

const KEY: &str = "cli-search-test-key";
const DEAD: &str = "http://127.0.0.1:9/";

fn json_of(o: &std::process::Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

fn install_release(cli: &Cli) {
    let dir = cli.data.path().join("db_29_3_text");
    std::fs::create_dir_all(&dir).unwrap();
    let occs = [
        ("27-2031.00", "Dancers", [4, 1, 7, 3, 2, 1], 2),
        ("47-2111.00", "Electricians", [7, 3, 1, 2, 2, 4], 2),
    ];
    let mut o = String::from("O*NET-SOC Code\tTitle\n");
    let mut int = String::from("O*NET-SOC Code\tElement ID\tScale ID\tData Value\n");
    let mut jz = String::from("O*NET-SOC Code\tJob Zone\n");
    for (code, title, oi, zone) in occs {
        o.push_str(&format!("{code}\t{title}\n"));
        for (k, v) in oi.iter().enumerate() {
            int.push_str(&format!(
                "{code}\t1.B.1.{}\tOI\t{v}\n",
                (b'a' + k as u8) as char
            ));
        }
        jz.push_str(&format!("{code}\t{zone}\n"));
    }
    std::fs::write(dir.join("Occupation Data.txt"), o).unwrap();
    std::fs::write(dir.join("Interests.txt"), int).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), jz).unwrap();
    std::fs::write(
        dir.join("Sample of Reported Titles.txt"),
        "O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\n27-2031.00\tDancers\tBallet Dancer\tY\n",
    )
    .unwrap();
    let out = cli.run(&["pack", "import", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn offline_from_the_pack_without_a_key() {
    let cli = Cli::new(DEAD, None);
    install_release(&cli);
    let v = json_of(&cli.run(&["search", "ballet", "--json"]));
    assert_eq!(v["source"], "estimate");
    assert_eq!(v["rows"][0]["code"], "27-2031.00");
    assert_eq!(v["rows"][0]["matched"], "Ballet Dancer");
    assert_eq!(v["notice"]["code"], "search.offline");
    let v = json_of(&cli.run(&["search", "electrican", "--json"]));
    assert_eq!(v["rows"][0]["code"], "47-2111.00");
    // The table names the career and says the results are offline.
    let out = cli.run(&["search", "dancer"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dancers"));
    assert!(stderr(&out).contains("offline"), "{}", stderr(&out));

    let long = "x".repeat(200);
    for k in ["   ", long.as_str()] {
        let out = cli.run(&["search", k]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn online_in_spanish_with_a_key() {
    let s = TestServer::start(KEY).await.unwrap();
    let cli = Cli::new(s.base_url(), Some(KEY));
    let want = s.occupations()[5].clone();
    let out = cli
        .run_async(&["search", &want.title, "--lang", "es", "--json"])
        .await;
    let v = json_of(&out);
    assert_eq!(v["source"], "api");
    assert_eq!(v["rows"][0]["code"], want.code.as_str());
    assert_eq!(v["rows"][0]["title"], format!("[es] {}", want.title));
    assert_eq!(s.requests_to("mpp/search").len(), 1);
    assert!(!stderr(&out).contains(KEY));
}
