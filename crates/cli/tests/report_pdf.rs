//! `report-pdf` as the real binary, with a fresh data folder (`WAYPOINT_DATA_DIR`), the
//! O*NET test server or no key at all. The PDF is read back with poppler's
//! `pdftotext -layout` (Debian: poppler-utils).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{stderr, Cli};

use waypoint_onet::{CareerMatch, Client, Lang, Range};
use waypoint_onet_testserver::TestServer;

const KEY: &str = "cli-report-pdf-test-key";
const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";
/// Nothing listens here.
const DEAD: &str = "http://127.0.0.1:9/";

struct Env {
    cli: Cli,
    scratch: tempfile::TempDir,
}

impl std::ops::Deref for Env {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        &self.cli
    }
}

impl Env {
    fn new(base: &str, key: Option<&str>) -> Env {
        let mut cli = Cli::new(base, key);
        // A US locale, so the default paper is Letter whatever the machine says.
        cli.envs = vec![("LANG", "en_US.UTF-8"), ("LC_ALL", ""), ("LC_PAPER", "")];
        Env {
            cli,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    fn out(&self, name: &str) -> PathBuf {
        self.scratch.path().join(name)
    }
}

fn ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
}

/// `pdftotext -layout` of a file; the tool is required.
fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdfinfo_size(path: &Path) -> String {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default()
        .to_string()
}

fn assert_scores(text: &str, scores: [(&str, u8); 6]) {
    for (name, v) in scores {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"));
        assert!(line.contains(&format!("{v} / 40")), "{line}");
    }
}

const EXAMPLE_SCORES: [(&str, u8); 6] = [
    ("Realistic (R)", 27),
    ("Investigative (I)", 13),
    ("Artistic (A)", 23),
    ("Social (S)", 25),
    ("Enterprising (E)", 14),
    ("Conventional (C)", 14),
];

// ------------------------------------------------------------------ a small O*NET release

const AREAS: [&str; 6] = [
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
];

/// Imports 20 generated occupations ("Test Occupation 00".."19") with `pack import`.
fn install_pack(env: &Env) {
    let mut o = String::from("O*NET-SOC Code\tTitle\tDescription\n");
    let mut int = String::from(
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source\n",
    );
    let mut jz = String::from("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n");
    for i in 0..20usize {
        let code = format!("{:02}-{:04}.00", 11 + i % 40, 1011 + i);
        let mut oi = [1.5f32; 6];
        oi[i % 6] = 6.5;
        oi[(i / 6 + 1 + i % 6) % 6] += 2.25;
        o.push_str(&format!(
            "{code}\tTest Occupation {i:02}\tDoes test work.\n"
        ));
        for (k, v) in oi.iter().enumerate() {
            int.push_str(&format!(
                "{code}\t1.B.1.{}\t{}\tOI\t{v:.2}\t11/2023\tMachine Learning\n",
                (b'a' + k as u8) as char,
                AREAS[k]
            ));
        }
        let top = (0..6)
            .max_by(|&a, &b| oi[a].total_cmp(&oi[b]).then(b.cmp(&a)))
            .unwrap();
        int.push_str(&format!(
            "{code}\t1.B.1.g\tFirst Interest High-Point\tIH\t{}.00\t11/2023\tMachine Learning\n",
            top + 1
        ));
        jz.push_str(&format!("{code}\t{}\t08/2023\tAnalyst\n", i % 5 + 1));
    }
    let dir = env.scratch.path().join("db_29_3_text");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Occupation Data.txt"), o).unwrap();
    std::fs::write(dir.join("Interests.txt"), int).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), jz).unwrap();
    ok(&env.run(&["pack", "import", dir.to_str().unwrap()]));
}

// ---------------------------------------------------------------------------- tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_with_a_key_print_scores_code_and_onet_careers() {
    let server = TestServer::start(KEY).await.unwrap();
    let env = Env::new(server.base_url(), Some(KEY));
    let out = env.out("results.pdf");
    let o = env
        .run_async(&[
            "report-pdf",
            "--answers",
            EXAMPLE,
            "--zone",
            "3",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("careers from O*NET"));
    let text = pdftotext(&out);
    let f = flat(&text);
    assert_scores(&text, EXAMPLE_SCORES);

    let client = Client::builder()
        .api_key(waypoint_onet::SecretString::from(KEY))
        .base_url(server.base_url())
        .build()
        .unwrap();
    let page = client
        .careers(
            Lang::En,
            &CareerMatch::Answers(EXAMPLE.into()),
            Some(3),
            Range::new(1, 5),
        )
        .await
        .unwrap();
    let title = page
        .rows
        .iter()
        .map(|r| r.title.as_str())
        .min_by_key(|t| t.len())
        .unwrap();
    for want in [
        "Your high-point code RSA",
        "Careers in Job Zone 3",
        "Matched by O*NET Web Services.",
        "Your answers",
        page.rows[0].code.as_str(),
        title,
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    // en_US → Letter.
    assert!(
        pdfinfo_size(&out).contains("612 x 792"),
        "{}",
        pdfinfo_size(&out)
    );
    // Nothing filed in the person's history.
    let (store, _) = waypoint_store::Store::open(env.data.path()).unwrap();
    assert!(store.list_sessions().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spanish_on_a4() {
    let server = TestServer::start(KEY).await.unwrap();
    let env = Env::new(server.base_url(), Some(KEY));
    let out = env.out("resultados.pdf");
    ok(&env
        .run_async(&[
            "report-pdf",
            "--answers",
            EXAMPLE,
            "--lang",
            "es",
            "--paper",
            "a4",
            "--out",
            out.to_str().unwrap(),
        ])
        .await);
    let f = flat(&pdftotext(&out));
    for want in [
        "Resultados del Perfil de Intereses",
        "Tu código de intereses RSA",
        "Carreras que coinciden con tus intereses",
        "Coincidencias de O*NET Web Services.",
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{f}");
    }
    assert!(pdfinfo_size(&out).contains("595.") && pdfinfo_size(&out).contains("841."));
}

#[test]
fn typed_scores_with_a_pack_and_no_key_use_the_offline_estimate() {
    let env = Env::new(DEAD, None);
    install_pack(&env);
    let out = env.out("estimate.pdf");
    let o = env.run(&[
        "--json",
        "report-pdf",
        "--scores",
        "27,13,23,25,14,14",
        "--out",
        out.to_str().unwrap(),
    ]);
    ok(&o);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["careers"], "estimate");
    assert_eq!(j["code"], "RSA");
    let text = pdftotext(&out);
    let f = flat(&text);
    assert_scores(&text, EXAMPLE_SCORES);
    for want in [
        "Scores entered from a paper profiler",
        "Offline estimate by Waypoint",
        "Test Occupation",
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!f.contains("Your answers"), "typed scores have no QR code");
}

#[test]
fn no_key_and_no_pack_says_why_there_are_no_careers() {
    let env = Env::new(DEAD, None);
    let out = env.out("bare.pdf");
    let o = env.run(&[
        "report-pdf",
        "--answers",
        EXAMPLE,
        "--zone",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    ok(&o);
    let f = flat(&pdftotext(&out));
    assert!(
        f.contains(
            "No careers were fetched for this result: add an O*NET key or import O*NET data."
        ),
        "{f}"
    );
    assert!(f.contains("Your high-point code RSA"), "{f}");
    // No data folder was made for a report.
    assert!(!env.data.path().join("waypoint.db").exists());

    let es = env.out("es.pdf");
    ok(&env.run(&[
        "report-pdf",
        "--scores",
        "1,2,30,4,5,6",
        "--lang",
        "es",
        "--out",
        es.to_str().unwrap(),
    ]));
    let f = flat(&pdftotext(&es));
    assert!(
        f.contains("No se obtuvieron carreras para este resultado"),
        "{f}"
    );
}

#[test]
fn bad_input_exits_2_before_anything_is_written() {
    let env = Env::new(DEAD, Some(KEY));
    let out = env.out("never.pdf");
    let o = out.to_str().unwrap();
    for (args, want) in [
        (vec!["--answers", "123"], ""),
        (vec!["--scores", "1,2,3"], "six numbers"),
        (vec!["--scores", "1,2,3,4,5,41"], ""),
        (vec!["--scores", "1,2,x,4,5,6"], "not a score"),
        (vec!["--answers", EXAMPLE, "--zone", "7"], "Job Zone"),
        (vec!["--answers", EXAMPLE, "--lang", "fr"], "fr"),
        (vec!["--answers", EXAMPLE, "--paper", "a5"], "a5"),
        (vec!["--answers", EXAMPLE, "--scores", "1,2,3,4,5,6"], ""),
        (vec![], ""),
    ] {
        let mut all = vec!["report-pdf"];
        all.extend(&args);
        all.extend(["--out", o]);
        let r = env.run(&all);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}", stderr(&r));
        assert!(stderr(&r).contains(want), "{args:?}: {}", stderr(&r));
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    let nowhere = env.out("missing/folder/x.pdf");
    let r = env.run(&[
        "report-pdf",
        "--answers",
        EXAMPLE,
        "--out",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
}

/// The report needs no store and no keychain: with a data folder that does not exist and no
/// Secret Service to reach, it is written (with O*NET careers, or with none and the reason)
/// and the data folder is still not there afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_data_folder_and_no_keychain_are_needed() {
    let server = TestServer::start(KEY).await.unwrap();
    for key in [Some(KEY), None] {
        let env = Env::new(server.base_url(), key);
        let data = env.scratch.path().join("never-made");
        let out = env.out("report.pdf");
        let mut cmd = env.command(&[
            "--json",
            "report-pdf",
            "--answers",
            EXAMPLE,
            "--out",
            out.to_str().unwrap(),
        ]);
        cmd.env("WAYPOINT_DATA_DIR", &data);
        let o = tokio::task::spawn_blocking(move || cmd.output().unwrap())
            .await
            .unwrap();
        ok(&o);
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let f = flat(&pdftotext(&out));
        assert!(f.contains("Your high-point code RSA"), "{f}");
        match key {
            Some(_) => {
                assert_eq!(j["careers"], "api");
                assert!(f.contains("Matched by O*NET Web Services."), "{f}");
            }
            None => {
                assert_eq!(j["careers"], "none");
                assert!(f.contains("No careers were fetched for this result"), "{f}");
            }
        }
        assert!(!data.exists(), "report-pdf made the data folder");
    }
}
