//! Printing a file through the OS print system: CUPS `lp` on Linux and other Unixes,
//! `lpr` on macOS, the shell's print verb on Windows. Every command is built on every
//! platform, and the choice between them takes the OS as a parameter ([`print_command`]),
//! so all three are tested on any one; only [`Os::current`] looks at the build target.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::Path;
use std::process::{Command, Output};

use serde::Serialize;

use crate::error::ReportError;

const JOB_TITLE: &str = "Waypoint report";

/// A job handed to the print system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintJob {
    /// The print system's job id (CUPS `lp`: e.g. `Waypoint-PDF-7`); `None` when the
    /// system does not report one (`lpr`, Windows).
    pub id: Option<String>,
    /// The printer asked for; `None` = the default printer.
    pub printer: Option<String>,
}

/// Sends `path` to `printer`, or to the default printer when `None`.
///
/// Errors: `report.io` when the file is missing; `print.unavailable` when there is no
/// print command, no print service, no such printer or no default printer;
/// `print.failed` when the print system refused the job.
pub fn print(path: &Path, printer: Option<&str>) -> Result<PrintJob, ReportError> {
    if let Err(source) = std::fs::metadata(path) {
        return Err(ReportError::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        });
    }
    let printer = match printer.map(str::trim) {
        Some("") => {
            return Err(ReportError::invalid(
                "the printer name is empty; pass None for the default printer",
            ))
        }
        other => other,
    };
    let (mut cmd, reports_job_id) = print_command(Os::current(), path, printer);
    no_console_window(&mut cmd);
    let out = run(cmd)?;
    let id = if reports_job_id {
        parse_lp_job_id(&String::from_utf8_lossy(&out.stdout))
    } else {
        None
    };
    Ok(PrintJob {
        id,
        printer: printer.map(str::to_string),
    })
}

/// The print systems differ by OS; `Linux` stands for Linux and the BSDs (CUPS `lp`).
use waypoint_config::Os;

/// The command that prints `path` on `os`, and whether its output names the job (only
/// CUPS `lp` says "request id is ..."; `lpr` and Windows' print verb say nothing).
pub(crate) fn print_command(os: Os, path: &Path, printer: Option<&str>) -> (Command, bool) {
    match os {
        Os::Windows => (windows_command(path, printer), false),
        Os::Mac => (lpr_command(path, printer), false),
        Os::Linux => (lp_command(path, printer), true),
    }
}

pub(crate) fn lp_command(path: &Path, printer: Option<&str>) -> Command {
    let mut cmd = Command::new("lp");
    if let Some(p) = printer {
        cmd.arg("-d").arg(p);
    }
    // "--" so a file name starting with "-" is never read as an option.
    cmd.args(["-t", JOB_TITLE, "--"]).arg(path);
    english(&mut cmd);
    cmd
}

pub(crate) fn lpr_command(path: &Path, printer: Option<&str>) -> Command {
    let mut cmd = Command::new("lpr");
    if let Some(p) = printer {
        cmd.arg("-P").arg(p);
    }
    cmd.args(["-T", JOB_TITLE, "--"]).arg(path);
    english(&mut cmd);
    cmd
}

/// PowerShell's Start-Process with the file's Print (or PrintTo) verb, which hands the
/// file to the registered PDF application. The path and printer travel in environment
/// variables, never inside the script text, so no name can be read as code.
pub(crate) fn windows_command(path: &Path, printer: Option<&str>) -> Command {
    const SCRIPT: &str = "$ErrorActionPreference = 'Stop'; \
$f = $env:WAYPOINT_PRINT_FILE; $p = $env:WAYPOINT_PRINTER; \
if ($p) { Start-Process -FilePath $f -Verb PrintTo -ArgumentList ('\"' + $p + '\"') } \
else { Start-Process -FilePath $f -Verb Print }";
    let mut cmd = Command::new("powershell.exe");
    cmd.args(["-NoProfile", "-NonInteractive", "-Command", SCRIPT]);
    cmd.env("WAYPOINT_PRINT_FILE", path);
    match printer {
        Some(p) => cmd.env("WAYPOINT_PRINTER", p),
        None => cmd.env_remove("WAYPOINT_PRINTER"),
    };
    cmd
}

/// Whether the printed file may be deleted once [`print`] has returned (`sent`: it returned
/// a job). `lp` and `lpr` hand the file's bytes to CUPS before they exit; Windows' print
/// verb only starts the PDF application, which opens the file some time later, so there
/// the file must stay. A job that was refused reads nothing, on any system.
pub fn may_delete_after_print(sent: bool) -> bool {
    may_delete_after_print_on(Os::current(), sent)
}

pub(crate) fn may_delete_after_print_on(os: Os, sent: bool) -> bool {
    match os {
        Os::Linux | Os::Mac => true,
        Os::Windows => !sent,
    }
}

/// `CREATE_NO_WINDOW`: a GUI app starting a console program (powershell.exe) would
/// otherwise flash a console window on screen.
pub(crate) const CREATE_NO_WINDOW: u32 = 0x0800_0000;

/// The process creation flags the print command gets on `os`.
pub(crate) fn creation_flags(os: Os) -> u32 {
    match os {
        Os::Windows => CREATE_NO_WINDOW,
        Os::Linux | Os::Mac => 0,
    }
}

#[cfg(windows)]
fn no_console_window(cmd: &mut Command) {
    use std::os::windows::process::CommandExt;
    cmd.creation_flags(creation_flags(Os::Windows));
}

#[cfg(not(windows))]
fn no_console_window(_cmd: &mut Command) {
    debug_assert_eq!(creation_flags(Os::current()), 0);
}

/// CUPS messages are parsed, so ask for them untranslated.
fn english(cmd: &mut Command) {
    cmd.env("LC_ALL", "C").env("LANG", "C");
}

fn run(mut cmd: Command) -> Result<Output, ReportError> {
    let program: OsString = cmd.get_program().to_owned();
    let program = program.to_string_lossy().into_owned();
    let out = cmd.output().map_err(|e| match e.kind() {
        ErrorKind::NotFound => ReportError::PrintUnavailable(format!(
            "the print command `{program}` is not installed{}",
            install_hint(&program)
        )),
        _ => ReportError::PrintFailed(format!("could not run `{program}`: {e}")),
    })?;
    if out.status.success() {
        return Ok(out);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let msg = [stderr.trim(), stdout.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("no message")
        .to_string();
    Err(classify_failure(&program, out.status.code(), &msg))
}

fn install_hint(program: &str) -> &'static str {
    match program {
        "lp" => " (install CUPS, e.g. the cups-client package)",
        "lpr" => " (printing needs the CUPS client tools)",
        _ => "",
    }
}

/// Tells "there is nothing to print with" (the user must set up a printer) from "the
/// print system failed this job" (retrying may help).
pub(crate) fn classify_failure(program: &str, status: Option<i32>, msg: &str) -> ReportError {
    let m = msg.to_ascii_lowercase();
    const UNAVAILABLE: &[&str] = &[
        "no default destination",
        "does not exist",
        "unknown destination",
        "not found",
        "scheduler is not running",
        "unable to connect",
        "connection refused",
        "no such file or directory", // the CUPS socket, not our file (checked first)
        "no application is associated",
        "no printers",
    ];
    if UNAVAILABLE.iter().any(|p| m.contains(p)) {
        ReportError::PrintUnavailable(format!("{program}: {msg}"))
    } else {
        let status = status.map_or("a signal".to_string(), |c| format!("status {c}"));
        ReportError::PrintFailed(format!("{program} exited with {status}: {msg}"))
    }
}

/// The job id from `lp`'s "request id is Waypoint-PDF-7 (1 file(s))". CUPS 2.4
/// capitalises "Request"; older versions do not.
pub(crate) fn parse_lp_job_id(stdout: &str) -> Option<String> {
    const PREFIX: &str = "request id is ";
    stdout.lines().find_map(|line| {
        let line = line.trim();
        let head = line.get(..PREFIX.len())?;
        if !head.eq_ignore_ascii_case(PREFIX) {
            return None;
        }
        let id = line[PREFIX.len()..].split_whitespace().next()?;
        (!id.is_empty()).then(|| id.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(cmd: &Command) -> Vec<String> {
        cmd.get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn lp_job_id_parsed() {
        assert_eq!(
            parse_lp_job_id("request id is Waypoint-PDF-7 (1 file(s))\n").as_deref(),
            Some("Waypoint-PDF-7")
        );
        assert_eq!(
            parse_lp_job_id("Request id is Waypoint-PDF-1 (1 file(s))").as_deref(),
            Some("Waypoint-PDF-1")
        );
        assert_eq!(
            parse_lp_job_id("lp: warning\nrequest id is office-123 (1 file(s))").as_deref(),
            Some("office-123")
        );
        assert_eq!(parse_lp_job_id(""), None);
        assert_eq!(parse_lp_job_id("request id is "), None);
    }

    #[test]
    fn commands_name_printer_title_and_file() {
        let p = Path::new("/tmp/-odd name.pdf");
        assert_eq!(
            args(&lp_command(p, Some("Waypoint-PDF"))),
            [
                "-d",
                "Waypoint-PDF",
                "-t",
                "Waypoint report",
                "--",
                "/tmp/-odd name.pdf"
            ]
        );
        assert_eq!(
            args(&lp_command(p, None)),
            ["-t", "Waypoint report", "--", "/tmp/-odd name.pdf"]
        );
        assert_eq!(
            args(&lpr_command(p, Some("Office"))),
            [
                "-P",
                "Office",
                "-T",
                "Waypoint report",
                "--",
                "/tmp/-odd name.pdf"
            ]
        );
        let w = windows_command(p, Some("Office; rm -rf"));
        let a = args(&w);
        assert!(!a.iter().any(|x| x.contains("Office")), "{a:?}");
        let envs: Vec<_> = w
            .get_envs()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.map(|v| v.to_string_lossy().into_owned()),
                )
            })
            .collect();
        assert!(envs.contains(&("WAYPOINT_PRINTER".into(), Some("Office; rm -rf".into()))));
        assert!(envs.contains(&(
            "WAYPOINT_PRINT_FILE".into(),
            Some("/tmp/-odd name.pdf".into())
        )));
    }

    #[test]
    fn each_os_gets_its_own_print_command() {
        let p = Path::new("/tmp/report.pdf");
        let chosen = |os| {
            let (cmd, reports_id) = print_command(os, p, Some("Office"));
            (
                cmd.get_program().to_string_lossy().into_owned(),
                args(&cmd),
                reports_id,
            )
        };
        let (program, a, reports_id) = chosen(Os::Linux);
        assert_eq!(program, "lp");
        assert_eq!(a[..2], ["-d", "Office"]);
        assert!(reports_id, "lp's request id is the job id");
        let (program, a, reports_id) = chosen(Os::Mac);
        assert_eq!(program, "lpr");
        assert_eq!(a[..2], ["-P", "Office"]);
        assert!(!reports_id);
        let (program, a, reports_id) = chosen(Os::Windows);
        assert_eq!(program, "powershell.exe");
        assert_eq!(a[..3], ["-NoProfile", "-NonInteractive", "-Command"]);
        assert!(a[3].contains("-Verb PrintTo"), "{a:?}");
        assert!(!reports_id);
    }

    #[test]
    fn the_file_stays_until_the_windows_print_app_has_read_it() {
        assert!(may_delete_after_print_on(Os::Linux, true));
        assert!(may_delete_after_print_on(Os::Mac, true));
        assert!(!may_delete_after_print_on(Os::Windows, true));
        for os in [Os::Linux, Os::Mac, Os::Windows] {
            assert!(may_delete_after_print_on(os, false), "{os:?}: refused job");
        }
    }

    #[test]
    fn no_console_window_flashes_on_windows() {
        assert_eq!(creation_flags(Os::Windows), 0x0800_0000);
        assert_eq!(creation_flags(Os::Linux), 0);
        assert_eq!(creation_flags(Os::Mac), 0);
    }

    #[test]
    fn failures_classified() {
        for msg in [
            "lp: Error - No default destination.",
            "lp: The printer or class does not exist.",
            "lp: Error - Scheduler is not running.",
            "lpr: Error - The printer or class does not exist.",
        ] {
            assert_eq!(
                classify_failure("lp", Some(1), msg).code(),
                "print.unavailable",
                "{msg}"
            );
        }
        let e = classify_failure(
            "lp",
            Some(1),
            "lp: Error - The printer is not accepting jobs.",
        );
        assert_eq!(e.code(), "print.failed");
        assert!(e.to_string().contains("status 1"), "{e}");
    }

    #[test]
    fn missing_command_is_unavailable() {
        let e = run(Command::new("waypoint-no-such-print-command")).unwrap_err();
        assert_eq!(e.code(), "print.unavailable");
    }

    #[test]
    fn missing_file_and_empty_printer_refused_before_printing() {
        let e = print(Path::new("/nonexistent/report.pdf"), None).unwrap_err();
        assert_eq!(e.code(), "report.io");
        let f = tempfile::NamedTempFile::new().unwrap();
        let e = print(f.path(), Some("  ")).unwrap_err();
        assert_eq!(e.code(), "report.invalid");
    }
}
