//! Printing through a real CUPS scheduler into a cups-pdf queue, which writes each job
//! as a PDF file: proof that `print()` hands a job to CUPS and that it comes out.
//!
//! Needs a running cupsd with the `Waypoint-PDF` queue. As root, the test makes it with
//! scripts/cups-test-queue.sh (idempotent; installs cups + printer-driver-cups-pdf if
//! missing). Otherwise run that script as root first.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use common::*;
use waypoint_report_pdf::{print, write_to, Lang, Paper};

const QUEUE: &str = "Waypoint-PDF";

fn sh(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn ensure_queue() {
    // The tests in this file run in parallel; set the queue up once.
    static SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = SETUP.lock().unwrap_or_else(|e| e.into_inner());
    let ready = || {
        sh("lpstat", &["-r"]).is_some_and(|s| s.contains("is running"))
            && sh("lpstat", &["-p", QUEUE]).is_some_and(|s| s.contains("enabled"))
    };
    if ready() {
        return;
    }
    let root = sh("id", &["-u"]).is_some_and(|s| s.trim() == "0");
    assert!(
        root,
        "no running CUPS with an enabled {QUEUE} queue; run as root: crates/report-pdf/scripts/cups-test-queue.sh"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/cups-test-queue.sh");
    let status = Command::new("sh").arg(&script).status().unwrap();
    assert!(status.success(), "{} failed", script.display());
    assert!(ready(), "the script ran but {QUEUE} is not ready");
}

/// Where cups-pdf writes this user's jobs: `Out` in /etc/cups/cups-pdf.conf (default
/// /var/spool/cups-pdf/${USER}), ${HOME} being the job owner's home from the user
/// database, and the anonymous folder for jobs it cannot map to a user.
fn output_dirs() -> Vec<PathBuf> {
    let user = sh("id", &["-un"]).unwrap().trim().to_string();
    let home = sh("getent", &["passwd", &user])
        .and_then(|l| l.trim().split(':').nth(5).map(str::to_string))
        .or_else(|| std::env::var("HOME").ok())
        .unwrap_or_default();
    let conf = std::fs::read_to_string("/etc/cups/cups-pdf.conf").unwrap_or_default();
    let key = |k: &str, default: &str| {
        conf.lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(k)
                    .filter(|r| r.starts_with([' ', '\t']))
            })
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| default.to_string())
    };
    let expand = |s: String| s.replace("${HOME}", &home).replace("${USER}", &user);
    vec![
        PathBuf::from(expand(key("Out", "/var/spool/cups-pdf/${USER}"))),
        PathBuf::from(expand(key("AnonDirName", "/var/spool/cups-pdf/ANONYMOUS"))),
    ]
}

/// PDFs in `dirs` with their modification times: cups-pdf names files after the job
/// title, so a job with a title seen before overwrites the earlier file.
fn pdfs(dirs: &[PathBuf]) -> HashSet<(PathBuf, SystemTime)> {
    dirs.iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| {
            let e = e.ok()?;
            let modified = e.metadata().ok()?.modified().ok()?;
            Some((e.path(), modified))
        })
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "pdf"))
        .collect()
}

#[test]
#[ignore = "needs CUPS with cups-pdf: run through cargo xtask test"]
fn report_printed_to_cups_pdf_arrives_as_a_pdf() {
    ensure_queue();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.pdf");
    write_to(&report, &sample(Lang::En, Paper::Letter)).unwrap();

    let outs = output_dirs();
    let before = pdfs(&outs);
    let started = Instant::now();
    let job = print(&report, Some(QUEUE)).unwrap();
    let id = job.id.clone().expect("lp reports a job id");
    assert!(id.starts_with(&format!("{QUEUE}-")), "{job:?}");
    assert_eq!(job.printer.as_deref(), Some(QUEUE));

    // cups-pdf writes the file when the job completes; wait for a new, complete PDF.
    let deadline = started + Duration::from_secs(90);
    let arrived = loop {
        let new: Vec<PathBuf> = pdfs(&outs)
            .difference(&before)
            .map(|(p, _)| p.clone())
            .collect();
        let complete = new.into_iter().find(|p| {
            std::fs::read(p)
                .map(|b| b.starts_with(b"%PDF-") && b.windows(5).any(|w| w == b"%%EOF"))
                .unwrap_or(false)
        });
        if let Some(p) = complete {
            break p;
        }
        assert!(
            Instant::now() < deadline,
            "job {id} did not arrive in {outs:?} within 90 s; see /var/log/cups/error_log and cups-pdf_log"
        );
        std::thread::sleep(Duration::from_millis(250));
    };
    let elapsed = started.elapsed();
    let completed = sh("lpstat", &["-W", "completed", "-o", QUEUE]).unwrap_or_default();
    assert!(
        completed.lines().any(|l| l.starts_with(&format!("{id} "))),
        "{completed}"
    );

    // The printed copy is cups-pdf's re-rendering through Ghostscript, which drops the
    // fonts' Unicode maps, so its text does not extract. Check what a reader of the paper
    // gets instead: one page whose QR code still gives back the answers. The page comes
    // out on the queue's paper (A4 where libpaper says so): CUPS fits the Letter report.
    let printed = std::fs::read(&arrived).unwrap();
    let info = pdfinfo("cups-printed", &printed);
    assert_eq!(info_field(&info, "Pages"), "1", "{info}");
    let decoded = decode_qr(&png("cups-printed", &printed, 150));
    assert_eq!(decoded, [ONET_EXAMPLE.to_string()]);
    println!(
        "job {id} arrived as {} ({} bytes, {}) after {:.1} s",
        arrived.display(),
        printed.len(),
        info_field(&info, "Page size"),
        elapsed.as_secs_f64()
    );
    std::fs::remove_file(&arrived).ok();
}

#[test]
#[ignore = "needs CUPS with cups-pdf: run through cargo xtask test"]
fn unknown_printer_is_unavailable_not_failed() {
    ensure_queue();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.pdf");
    write_to(&report, &sample(Lang::Es, Paper::A4)).unwrap();
    let e = print(&report, Some("Waypoint-No-Such-Queue")).unwrap_err();
    assert_eq!(e.code(), "print.unavailable", "{e}");
    assert!(e.to_string().contains("does not exist"), "{e}");
}
