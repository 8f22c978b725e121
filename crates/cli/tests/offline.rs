//! `score`, `pack` and `batch` run as the real binary, each with a fresh data folder
//! (`WAYPOINT_DATA_DIR`) and no keychain needed: either `ONET_API_KEY` is set or no key is.

mod common;

use common::{stderr, stdout, Cli};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Output;
use waypoint_onet_testserver::TestServer;
use waypoint_profiler::{Answers, Matcher, Scores};
use waypoint_store::Store;

const KEY: &str = "cli-offline-test-key";
const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";
/// Nothing listens here: offline commands must never need it.
const DEAD: &str = "http://127.0.0.1:9/";

/// A fresh data folder and the binary pointed at it.
struct Env(Cli);

impl std::ops::Deref for Env {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        &self.0
    }
}

impl Env {
    fn new() -> Env {
        Env(Cli::new(DEAD, None))
    }

    fn online(base: &str, key: Option<&str>) -> Env {
        Env(Cli::new(base, key))
    }

    fn store(&self) -> Store {
        Store::open(self.data.path()).unwrap().0
    }
}

fn ok(o: &Output) -> &Output {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    o
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&ok(o).stdout).expect("stdout is JSON")
}

/// Exit 2, nothing on stdout, and stderr says `want`.
fn refused(o: &Output, want: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    assert!(stderr(o).contains(want), "want {want:?} in: {}", stderr(o));
}

/// Success with nothing on stderr (no keychain message, no warnings).
fn out_has_quiet_stderr(o: &Output) -> bool {
    ok(o).stderr.is_empty()
}

// ------------------------------------------------------------------ release fixtures

/// O*NET's tab-separated headers, as in the profiler's tests.
const OCC_HEADER: &str = "O*NET-SOC Code\tTitle\tDescription";
const INT_HEADER: &str =
    "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source";
const JZ_HEADER: &str = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source";
const AREAS: [&str; 6] = [
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
];

struct Occ {
    code: String,
    title: String,
    zone: u8,
    oi: [f32; 6],
}

/// `n` occupations: each leans to one area and a second, zones 1–5 in turn.
fn occupations(n: usize) -> Vec<Occ> {
    (0..n)
        .map(|i| {
            let mut oi = [1.5f32; 6];
            oi[i % 6] = 6.5;
            oi[(i / 6 + 1 + i % 6) % 6] += 2.25;
            oi[(i + 3) % 6] += (i % 4) as f32 * 0.5;
            Occ {
                code: format!("{:02}-{:04}.00", 11 + i % 40, 1011 + i),
                title: format!("Test Occupation {i:02}"),
                zone: (i % 5) as u8 + 1,
                oi,
            }
        })
        .collect()
}

fn release_files(occs: &[Occ]) -> [String; 3] {
    let mut o = format!("{OCC_HEADER}\n");
    let mut int = format!("{INT_HEADER}\n");
    let mut jz = format!("{JZ_HEADER}\n");
    for occ in occs {
        o.push_str(&format!("{}\t{}\tDoes test work.\n", occ.code, occ.title));
        for (k, v) in occ.oi.iter().enumerate() {
            int.push_str(&format!(
                "{}\t1.B.1.{}\t{}\tOI\t{v:.2}\t11/2023\tMachine Learning\n",
                occ.code,
                (b'a' + k as u8) as char,
                AREAS[k]
            ));
        }
        let top = (0..6)
            .max_by(|&a, &b| occ.oi[a].total_cmp(&occ.oi[b]).then(b.cmp(&a)))
            .unwrap();
        int.push_str(&format!(
            "{}\t1.B.1.g\tFirst Interest High-Point\tIH\t{}.00\t11/2023\tMachine Learning\n",
            occ.code,
            top + 1
        ));
        jz.push_str(&format!("{}\t{}\t08/2023\tAnalyst\n", occ.code, occ.zone));
    }
    [o, int, jz]
}

/// A release folder named like O*NET's (`db_29_3_text` → release 29.3).
fn write_release(parent: &Path, name: &str, files: &[String; 3]) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Occupation Data.txt"), &files[0]).unwrap();
    std::fs::write(dir.join("Interests.txt"), &files[1]).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), &files[2]).unwrap();
    dir
}

/// Imports 20 generated occupations as release 29.3.
fn install_pack(env: &Env, scratch: &Path) -> PathBuf {
    let dir = write_release(scratch, "db_29_3_text", &release_files(&occupations(20)));
    ok(&env.run(&["pack", "import", dir.to_str().unwrap()]));
    dir
}

// ---------------------------------------------------------------------------- score

#[test]
fn score_of_the_documented_example_is_exact_json() {
    let env = Env::new();
    let out = env.run(&["score", "--answers", EXAMPLE, "--json"]);
    let compact: String = stdout(ok(&out))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(
        compact,
        r#"{"realistic":27,"investigative":13,"artistic":23,"social":25,"enterprising":14,"conventional":14,"code":"RSA","form":60}"#
    );
    // --json works before the subcommand too (it is global), and whitespace is trimmed.
    let padded = format!("  {EXAMPLE}\n");
    let again = env.run(&["--json", "score", "--answers", &padded]);
    assert_eq!(json_of(&again), json_of(&out));
}

#[test]
fn score_of_all_ones_is_a_flat_profile() {
    let env = Env::new();
    let v = json_of(&env.run(&["score", "--answers", &"1".repeat(60), "--json"]));
    assert_eq!(
        v,
        json!({"realistic":0,"investigative":0,"artistic":0,"social":0,
               "enterprising":0,"conventional":0,"code":null,"form":60,"flat":true})
    );
    let text = env.run(&["score", "--answers", &"3".repeat(30)]);
    let s = stdout(ok(&text));
    assert!(s.contains("flat profile"), "{s}");
    assert!(s.contains("10 / 20"), "{s}");
}

#[test]
fn score_of_a_mini_ip_string() {
    let env = Env::new();
    let mini = &EXAMPLE[..30];
    let v = json_of(&env.run(&["score", "--answers", mini, "--json"]));
    let want = Answers::parse(mini).unwrap().scores();
    assert_eq!(v["form"], 30);
    let got: Scores = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(got, want);
    assert!(want.as_array().iter().all(|&s| s <= 20));
    // No key is needed, so the keychain is never mentioned.
    assert!(out_has_quiet_stderr(&env.run(&[
        "score",
        "--answers",
        mini
    ])));
    assert_eq!(
        v["code"],
        waypoint_profiler::high_point_code(&want).as_str()
    );
    assert!(v.get("flat").is_none(), "{v}");

    // Text: one row per area, out of 20, and the code.
    let text = env.run(&["score", "--answers", mini]);
    let s = stdout(ok(&text));
    assert!(
        s.lines().any(|l| l.starts_with("Realistic (R)")
            && l.ends_with(&format!("{:>2} / 20", want.realistic))),
        "{s}"
    );
    assert!(
        s.contains(&format!(
            "High-point code: {}",
            waypoint_profiler::high_point_code(&want)
        )),
        "{s}"
    );
    assert!(s.contains("Mini-IP"), "{s}");
    // Ties keep RIASEC order: R10 I20 A20 S5 E5 C5 → IAR is the profiler's rule; here a
    // string with R = I = A top scores gives RIA.
    let tie: String = waypoint_profiler::instrument::items(waypoint_profiler::Form::Ip30)
        .iter()
        .map(|i| match i.area.letter() {
            'R' | 'I' | 'A' => '5',
            _ => '2',
        })
        .collect();
    let v = json_of(&env.run(&["score", "--answers", &tie, "--json"]));
    assert_eq!(v["code"], "RIA");
}

#[test]
fn score_refuses_bad_answers_with_the_profilers_message() {
    let env = Env::new();
    refused(
        &env.run(&["score", "--answers", "12345"]),
        "expected 30 or 60 answers, got 5",
    );
    refused(
        &env.run(&["score", "--answers", &"1".repeat(61)]),
        "expected 30 or 60 answers, got 61",
    );
    let bad = format!("{}9", &EXAMPLE[..59]);
    refused(
        &env.run(&["score", "--answers", &bad, "--json"]),
        "character 60 is '9'; each answer must be a digit from 1 to 5",
    );
    let bad = format!("{}x{}", &EXAMPLE[..6], &EXAMPLE[7..30]);
    refused(
        &env.run(&["score", "--answers", &bad]),
        "character 7 is 'x'",
    );
    refused(&env.run(&["score", "--answers", ""]), "got 0");
    refused(&env.run(&["score"]), "--answers");
}

// ----------------------------------------------------------------------------- pack

#[test]
fn pack_info_without_a_pack() {
    let env = Env::new();
    let out = env.run(&["pack", "info"]);
    assert_eq!(stdout(ok(&out)).trim(), "no occupation pack installed");
    assert!(out_has_quiet_stderr(&out), "{}", stderr(&out));
    let v = json_of(&env.run(&["pack", "info", "--json"]));
    assert_eq!(v["installed"], false);
    assert_eq!(v["count"], 0);
}

#[test]
fn pack_import_then_info() {
    let env = Env::new();
    let scratch = tempfile::tempdir().unwrap();
    let dir = write_release(
        scratch.path(),
        "db_29_3_text",
        &release_files(&occupations(20)),
    );
    let out = env.run(&["pack", "import", dir.to_str().unwrap()]);
    let s = stdout(ok(&out));
    assert!(s.contains("29.3") && s.contains("20"), "{s}");
    // Progress on stderr: plain "stage done/total" lines when stderr is not a terminal.
    let err = stderr(&out);
    assert!(!err.contains('\r'), "{err:?}");
    for line in ["reading", "interests 0/", "building 20/20"] {
        assert!(err.contains(line), "want {line:?} in {err}");
    }

    let info = json_of(&env.run(&["pack", "info", "--json"]));
    assert_eq!(info["installed"], true);
    assert_eq!(info["release"], "29.3");
    assert_eq!(info["source"], "release-file");
    assert_eq!(info["count"], 20);
    assert!(info["imported_at"].as_str().unwrap().contains('T'));

    let text = env.run(&["pack", "info"]);
    let s = stdout(ok(&text));
    for want in [
        "Release:",
        "29.3",
        "release-file",
        "Occupations:",
        "Imported at:",
    ] {
        assert!(s.contains(want), "want {want:?} in {s}");
    }
    // The store holds what was imported.
    let pack = env.store().load_pack().unwrap().unwrap();
    assert_eq!(pack.occupations.len(), 20);
    assert!(pack
        .occupations
        .iter()
        .any(|o| o.title == "Test Occupation 07"));
}

#[test]
fn a_bad_release_leaves_the_previous_pack() {
    let env = Env::new();
    let scratch = tempfile::tempdir().unwrap();
    install_pack(&env, scratch.path());
    let before = json_of(&env.run(&["pack", "info", "--json"]));

    // Interests.txt cut off in the middle of a row.
    let [o, i, j] = release_files(&occupations(30));
    let cut = &i[..i.len() * 2 / 3];
    let cut = cut[..cut.rfind('\n').unwrap() + 8].to_string();
    let bad = write_release(scratch.path(), "db_30_0_text", &[o.clone(), cut, j.clone()]);
    let out = env.run(&["pack", "import", bad.to_str().unwrap()]);
    refused(&out, "Interests.txt, line");
    let err = stderr(&out);
    assert!(err.contains("not installed"), "{err}");
    assert!(
        err.contains("previous pack is still installed: release 29.3, 20 occupations"),
        "{err}"
    );
    assert_eq!(json_of(&env.run(&["pack", "info", "--json"])), before);

    // Missing column, missing file, missing folder: the same.
    let wrong = write_release(
        scratch.path(),
        "db_30_1_text",
        &[o.clone(), i.replace("Scale ID", "Scale"), j.clone()],
    );
    refused(
        &env.run(&["pack", "import", wrong.to_str().unwrap()]),
        "Scale ID",
    );
    let missing = write_release(scratch.path(), "db_30_2_text", &[o, i, j]);
    std::fs::remove_file(missing.join("Job Zones.txt")).unwrap();
    refused(
        &env.run(&["pack", "import", missing.to_str().unwrap()]),
        "Job Zones.txt",
    );
    let nowhere = scratch.path().join("no-such-release.zip");
    refused(
        &env.run(&["pack", "import", nowhere.to_str().unwrap()]),
        "no-such-release.zip",
    );
    // A truncated zip.
    let zip = scratch.path().join("db_30_3_text.zip");
    std::fs::write(&zip, b"PK\x03\x04 cut short").unwrap();
    refused(
        &env.run(&["pack", "import", zip.to_str().unwrap()]),
        "not installed",
    );
    assert_eq!(json_of(&env.run(&["pack", "info", "--json"])), before);

    // With no pack at all, the failure says so.
    let fresh = Env::new();
    let out = fresh.run(&["pack", "import", bad.to_str().unwrap()]);
    refused(&out, "no occupation pack is installed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pack_download_from_database_services() {
    let s = TestServer::start(KEY).await.unwrap();
    let env = Env::online(s.base_url(), Some(KEY));
    let out = env.run_async(&["pack", "download", "--json"]).await;
    let status = json_of(&out);
    let about = s.requests_to("about");
    assert_eq!(about.len(), 1);
    assert_eq!(status["installed"], true);
    assert_eq!(status["source"], "onet-service");
    assert_eq!(status["count"], s.occupations().len() as u64);
    let err = stderr(&out);
    for stage in [
        "download_occupations 0/3",
        "download_interests 1/3",
        "download_job_zones 2/3",
    ] {
        assert!(err.contains(stage), "want {stage:?} in {err}");
    }
    assert!(!s.requests_to("database/rows/interests").is_empty());
    assert!(!err.contains(KEY) && !stdout(&out).contains(KEY));
    assert_eq!(
        json_of(&env.run_async(&["pack", "info", "--json"]).await),
        status
    );
    let pack = env.store().load_pack().unwrap().unwrap();
    let codes: Vec<&str> = pack.occupations.iter().map(|o| o.code.as_str()).collect();
    assert!(codes.contains(&s.occupations()[3].code.as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pack_download_needs_a_good_key_and_keeps_the_previous_pack() {
    let s = TestServer::start(KEY).await.unwrap();
    let scratch = tempfile::tempdir().unwrap();

    // No key: exit 3 before any request; the message says where a key comes from.
    let env = Env::online(s.base_url(), None);
    let out = env.run_async(&["pack", "download"]).await;
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("ONET_API_KEY"), "{}", stderr(&out));
    assert!(s.requests().is_empty());

    // A rejected key: exit 3, the pack imported earlier stays.
    let env = Env::online(s.base_url(), Some("not-the-key"));
    install_pack(&env, scratch.path());
    let before = json_of(&env.run_async(&["pack", "info", "--json"]).await);
    let out = env.run_async(&["pack", "download"]).await;
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("401") && !err.contains("not-the-key"), "{err}");
    assert!(err.contains("previous pack is still installed"), "{err}");
    assert_eq!(
        json_of(&env.run_async(&["pack", "info", "--json"]).await),
        before
    );

    // A bad --api-base is refused as input.
    let out = env
        .run_async(&["pack", "download", "--api-base", "ftp://example.invalid/"])
        .await;
    refused(&out, "not a valid http(s) URL");
}

// ---------------------------------------------------------------------------- batch

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    // Simple CSV: the fixtures put no commas or quotes inside fields except error text,
    // which is quoted by the writer; split those carefully.
    text.lines().map(split_csv).collect()
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn batch_input(dir: &Path) -> PathBuf {
    let input = dir.join("in.csv");
    std::fs::write(
        &input,
        format!(
            "id,answers\nalice,{EXAMPLE}\nbob,123x\ncarol,{}\n",
            &EXAMPLE[..30]
        ),
    )
    .unwrap();
    input
}

#[test]
fn batch_with_a_pack_lists_careers() {
    let env = Env::new();
    let scratch = tempfile::tempdir().unwrap();
    install_pack(&env, scratch.path());
    let input = batch_input(scratch.path());
    let output = scratch.path().join("out.csv");
    let out = env.run(&[
        "batch",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--top",
        "3",
    ]);
    let err = stderr(ok(&out));
    assert!(
        err.lines().any(|l| l == "2 rows scored, 1 rows failed"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert!(!scratch.path().join("out.csv.partial").exists());

    let rows = csv_rows(&output);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0][..9],
        [
            "id",
            "realistic",
            "investigative",
            "artistic",
            "social",
            "enterprising",
            "conventional",
            "high_point",
            "error"
        ]
    );
    assert_eq!(
        rows[0][9..],
        [
            "career_1_code",
            "career_1_title",
            "career_2_code",
            "career_2_title",
            "career_3_code",
            "career_3_title"
        ]
    );
    assert_eq!(
        rows[1][..9],
        ["alice", "27", "13", "23", "25", "14", "14", "RSA", ""]
    );
    // The careers are the matcher's over the installed pack.
    let matcher = Matcher::new(env.store().load_pack().unwrap().unwrap());
    let want: Vec<String> = matcher
        .top(&Scores::from_array([27, 13, 23, 25, 14, 14]), None, 3)
        .unwrap()
        .into_iter()
        .flat_map(|c| [c.code, c.title])
        .collect();
    assert_eq!(rows[1][9..], want[..]);
    assert!(rows[1][10].starts_with("Test Occupation"));
    // The bad row: its id, its error, nothing else.
    assert_eq!(rows[2][0], "bob");
    assert!(
        rows[2][8].contains("line 3") && rows[2][8].contains("got 4"),
        "{:?}",
        rows[2]
    );
    assert!(rows[2][1..8]
        .iter()
        .chain(&rows[2][9..])
        .all(String::is_empty));
    assert_eq!(rows[3][0], "carol");
    assert!(!rows[3][9].is_empty());

    // --zone 2 lists only zone-2 careers.
    let out = env.run(&[
        "batch",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--zone",
        "2",
        "--top",
        "2",
    ]);
    ok(&out);
    let pack = env.store().load_pack().unwrap().unwrap();
    let rows = csv_rows(&output);
    assert_eq!(rows[0].len(), 13);
    for code in [&rows[1][9], &rows[1][11]] {
        let occ = pack.occupations.iter().find(|o| &o.code == code).unwrap();
        assert_eq!(occ.job_zone, Some(2), "{code}");
    }
}

#[test]
fn batch_without_a_pack_scores_only() {
    let env = Env::new();
    let scratch = tempfile::tempdir().unwrap();
    let input = batch_input(scratch.path());
    let output = scratch.path().join("scores.csv");
    let out = env.run(&[
        "batch",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--zone",
        "3",
    ]);
    let err = stderr(ok(&out));
    assert!(err.contains("no occupation pack installed"), "{err}");
    assert!(!err.contains("keychain"), "{err}");
    assert!(err.contains("2 rows scored, 1 rows failed"), "{err}");
    let rows = csv_rows(&output);
    assert!(rows.iter().all(|r| r.len() == 9), "{rows:?}");
    assert_eq!(
        rows[1],
        ["alice", "27", "13", "23", "25", "14", "14", "RSA", ""]
    );
    let mini = Answers::parse(&EXAMPLE[..30]).unwrap().scores();
    assert_eq!(rows[3][1..7], mini.as_array().map(|v| v.to_string()));

    // An empty file is zero rows, not an error.
    let empty = scratch.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let out = env.run(&[
        "batch",
        "--input",
        empty.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(stderr(ok(&out)).contains("0 rows scored, 0 rows failed"));
}

#[test]
fn batch_refusals_exit_2() {
    let env = Env::new();
    let scratch = tempfile::tempdir().unwrap();
    let input = batch_input(scratch.path());
    let output = scratch.path().join("out.csv");
    let i = input.to_str().unwrap();
    let o = output.to_str().unwrap();
    for (zone, want) in [
        ("7", "Job Zone 7 does not exist"),
        ("0", "Job Zone 0 does not exist"),
        ("-1", "Job Zone -1 does not exist"),
        ("300", "Job Zone 300 does not exist"),
        ("two", "not a number"),
    ] {
        refused(
            &env.run(&["batch", "--input", i, "--output", o, "--zone", zone]),
            want,
        );
    }
    let missing = scratch.path().join("nope.csv");
    let out = env.run(&["batch", "--input", missing.to_str().unwrap(), "--output", o]);
    refused(&out, "cannot read");
    assert!(stderr(&out).contains("nope.csv"));
    refused(
        &env.run(&[
            "batch",
            "--input",
            scratch.path().to_str().unwrap(),
            "--output",
            o,
        ]),
        "folder",
    );
    let nodir = scratch.path().join("no-such-dir").join("out.csv");
    refused(
        &env.run(&["batch", "--input", i, "--output", nodir.to_str().unwrap()]),
        "cannot write",
    );
    assert!(!output.exists(), "nothing written when refused");
    refused(&env.run(&["batch", "--input", i]), "--output");
}
