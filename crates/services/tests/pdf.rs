//! The results report as a PDF from the services: a result with careers from the O*NET test
//! server, typed scores without careers, Spanish, saving and printing. The PDF is read back
//! with poppler's `pdftotext -layout` (Debian: poppler-utils), as a reader would see it.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use secrecy::SecretString;
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::TestServer;
use waypoint_profiler::{Form, Tab};
use waypoint_report_pdf::Paper;
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{CareerRow, Lang, Source};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

fn services(dir: &Path, base: &str, key: Option<&str>) -> Services {
    let (store, _) = Store::open(dir).unwrap();
    let mut s = OnetSettings::new(base);
    s.request_timeout = Duration::from_secs(5);
    s.retry = RetryPolicy {
        max_retries: 1,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
        jitter: false,
    };
    let keys = KeyStore::new("org.waypoint.profiler.tests", "services-pdf");
    let services = Services::new(store, keys, s);
    if let Some(k) = key {
        services.use_key(SecretString::from(k.to_string()));
    }
    services
}

/// `pdftotext -layout`; the tool is required, a missing one fails the test.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whitespace collapsed, so wrapped or column-laid text still matches.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finished 60-item result with careers for Job Zone `zone`, through O*NET.
async fn result_with_careers(s: &Services, lang: Lang, zone: u8) -> (String, Vec<CareerRow>) {
    let d = s.start_draft(Form::Ip60, lang).unwrap();
    for (i, c) in EXAMPLE.chars().enumerate() {
        s.record_answer(&d.id, i as u32 + 1, c.to_digit(10).unwrap() as u8)
            .unwrap();
    }
    let out = s
        .submit_answers(&d.id, Some("Spring workshop".into()))
        .await
        .unwrap();
    assert_eq!(out.code, "RSA");
    s.choose_zone(&out.session_id, Some(zone)).unwrap();
    let page = s
        .careers(&out.session_id, Tab::for_zone(zone).unwrap(), 1, lang)
        .await
        .unwrap();
    assert_eq!(page.source, Source::Api);
    assert!(!page.rows.is_empty());
    (out.session_id, page.rows)
}

fn assert_scores(text: &str, scores: [(&str, u8); 6], max: u8) {
    for (name, v) in scores {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"));
        assert!(line.contains(&format!("{v} / {max}")), "{line}");
    }
}

/// A title short enough never to be cut with "…".
fn short_title(rows: &[CareerRow]) -> &str {
    rows.iter()
        .take(5)
        .map(|r| r.title.as_str())
        .min_by_key(|t| t.len())
        .unwrap()
}

#[tokio::test]
async fn a_result_with_careers_from_onet_prints_scores_code_and_careers() {
    let server = TestServer::start("test-key").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path(), server.base_url(), Some("test-key"));
    let (id, rows) = result_with_careers(&s, Lang::En, 3).await;

    let pdf = s.report_pdf(&id, Lang::En, Some(Paper::Letter)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdftotext(&pdf);
    let f = flat(&text);
    assert_scores(
        &text,
        [
            ("Realistic (R)", 27),
            ("Investigative (I)", 13),
            ("Artistic (A)", 23),
            ("Social (S)", 25),
            ("Enterprising (E)", 14),
            ("Conventional (C)", 14),
        ],
        40,
    );
    let title = short_title(&rows);
    for want in [
        "Interest Profiler (60 questions)",
        "Spring workshop",
        "Your high-point code RSA",
        "Careers in Job Zone 3",
        "Matched by O*NET Web Services.",
        rows[0].code.as_str(),
        title,
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!f.contains("Offline estimate"), "{text}");
    assert!(!f.contains("No careers were fetched"), "{text}");
    // Same input, same bytes: the report reads only the saved result.
    assert_eq!(
        s.report_pdf(&id, Lang::En, Some(Paper::Letter)).unwrap(),
        pdf
    );
}

#[tokio::test]
async fn spanish_report_and_all_careers_when_no_zone_was_chosen() {
    let server = TestServer::start("test-key").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path(), server.base_url(), Some("test-key"));
    let (id, _) = result_with_careers(&s, Lang::Es, 2).await;
    // Back to "all careers": the report shows that tab.
    s.choose_zone(&id, None).unwrap();
    let all = s.careers(&id, Tab::All, 1, Lang::Es).await.unwrap();

    let text = pdftotext(&s.report_pdf(&id, Lang::Es, Some(Paper::A4)).unwrap());
    let f = flat(&text);
    for want in [
        "Resultados del Perfil de Intereses",
        "Perfil de Intereses (60 preguntas)",
        "Tus puntajes de intereses",
        "Tu código de intereses RSA",
        "Carreras que coinciden con tus intereses",
        "Coincidencias de O*NET Web Services.",
        all.rows[0].code.as_str(),
        short_title(&all.rows),
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!f.contains("Careers in Job Zone"), "{text}");
}

#[tokio::test]
async fn typed_scores_without_careers_say_why_in_the_persons_language() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path(), "http://127.0.0.1:9/", None);
    let out = s
        .submit_scores(Form::Ip60, [10, 32, 5, 21, 8, 17], Lang::En, None)
        .unwrap();
    let text = pdftotext(&s.report_pdf(&out.session_id, Lang::En, None).unwrap());
    let f = flat(&text);
    assert_scores(
        &text,
        [
            ("Realistic (R)", 10),
            ("Investigative (I)", 32),
            ("Artistic (A)", 5),
            ("Social (S)", 21),
            ("Enterprising (E)", 8),
            ("Conventional (C)", 17),
        ],
        40,
    );
    assert_eq!(out.code, "ISC");
    for want in [
        "Scores entered from a paper profiler",
        "Your high-point code ISC",
        "No careers were fetched for this result: add an O*NET key or import O*NET data.",
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!f.contains("Your answers"), "typed scores have no QR code");

    let es = flat(&pdftotext(
        &s.report_pdf(&out.session_id, Lang::Es, Some(Paper::A4))
            .unwrap(),
    ));
    assert!(
        es.contains(
            "No se obtuvieron carreras para este resultado: agrega una clave de O*NET o importa datos de O*NET."
        ),
        "{es}"
    );
    assert_eq!(
        s.report_pdf("no-such-result", Lang::En, None)
            .unwrap_err()
            .code(),
        "store.not_found"
    );
}

#[tokio::test]
async fn kiosk_results_held_in_memory_make_a_report_too() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path(), "http://127.0.0.1:9/", None);
    s.set_save_results(false);
    let out = s
        .submit_scores(Form::Ip30, [20, 3, 9, 11, 0, 4], Lang::En, None)
        .unwrap();
    assert!(!out.saved);
    let f = flat(&pdftotext(
        &s.report_pdf(&out.session_id, Lang::En, None).unwrap(),
    ));
    assert!(f.contains("Scores entered from a paper profiler"), "{f}");
    assert!(s.list_sessions().unwrap().is_empty());
}

#[tokio::test]
async fn save_writes_the_same_pdf_to_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(&dir.path().join("data"), "http://127.0.0.1:9/", None);
    let out = s
        .submit_scores(Form::Ip60, [10, 32, 5, 21, 8, 17], Lang::En, None)
        .unwrap();
    let path = dir.path().join("results.pdf");
    s.save_report_pdf(&out.session_id, Lang::En, Some(Paper::A4), &path)
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        bytes,
        s.report_pdf(&out.session_id, Lang::En, Some(Paper::A4))
            .unwrap()
    );
    // A folder that does not exist: report.io, nothing half-written.
    let e = s
        .save_report_pdf(
            &out.session_id,
            Lang::En,
            None,
            &dir.path().join("missing/results.pdf"),
        )
        .unwrap_err();
    assert_eq!(e.code(), "report.io", "{e}");
}

#[tokio::test]
async fn printing_to_a_missing_printer_is_unavailable_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(&dir.path().join("data"), "http://127.0.0.1:9/", None);
    let out = s
        .submit_scores(Form::Ip60, [10, 32, 5, 21, 8, 17], Lang::En, None)
        .unwrap();
    let tmp = s.temp_dir().unwrap();
    assert_eq!(tmp, dir.path().join("data").join("tmp"));
    let e = s
        .print_report(
            &out.session_id,
            Lang::En,
            Some(Paper::Letter),
            Some("waypoint-no-such-printer"),
            true,
        )
        .unwrap_err();
    assert_eq!(e.code(), "print.unavailable", "{e}");
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");

    // Without delete_after the file stays in Waypoint's folder for the kiosk wipe.
    let _ = s.print_report(
        &out.session_id,
        Lang::En,
        None,
        Some("waypoint-no-such-printer"),
        false,
    );
    let kept: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(std::fs::read(&kept[0]).unwrap().starts_with(b"%PDF"));
}
