//! `waypoint-cli`: the O*NET Interest Profiler from a terminal, on the same
//! use cases the desktop app uses (`waypoint-services`). Each subcommand lives in `commands/`; add new
//! ones there and to [`Command`].

mod commands;
mod fail;
mod key;
mod output;
mod progress;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use waypoint_onet::Lang;
use waypoint_services::{OnetSettings, Online, ServiceError};

pub use fail::Fail;

#[derive(Parser)]
#[command(
    name = "waypoint-cli",
    version,
    about = "O*NET Interest Profiler from the command line"
)]
struct Cli {
    /// O*NET Web Services base URL.
    #[arg(long, global = true, env = "WAYPOINT_API_BASE", value_name = "URL")]
    api_base: Option<String>,
    /// Print JSON on stdout instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// API and database version.
    About,
    /// The Interest Profiler questions (every page).
    Questions(commands::questions::Args),
    /// Careers matching answers or scores.
    Careers(commands::careers::Args),
    /// A career report: the overview or one section.
    Report(commands::report::Args),
    /// Six area scores and the high-point code for an answer string (offline, no key).
    Score(commands::score::Args),
    /// The occupation pack behind offline matching: import, download, info.
    #[command(subcommand)]
    Pack(commands::pack::PackCommand),
    /// The one-page results report as a PDF: scores, code and careers (O*NET with a key,
    /// else the occupation pack's offline estimate, else a note saying why there are none).
    ReportPdf(commands::report_pdf::Args),
    /// Careers by name or "also called" title: O*NET with a key, else the offline pack.
    Search(commands::search::Args),
    /// Prepare for offline use: cache the questions, Job Zones and areas in English and
    /// Spanish and the occupation pack (needs the API key); exit 4 when a part failed.
    Prepare,
    /// Score a CSV of id,answers rows (offline); lists top careers when a pack is installed.
    Batch(commands::batch::Args),
}

/// What every online command gets.
pub struct Ctx {
    pub online: Online,
    pub json: bool,
}

/// `--lang en|es`, shared by the subcommands.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// The O*NET base URL in force: `--api-base` / `WAYPOINT_API_BASE` (checked and given its
/// trailing slash by `waypoint-config`), else the real service.
pub fn api_base(flag: Option<&str>) -> Result<String, Fail> {
    match flag.map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => Ok(waypoint_config::normalise_api_base(v)?),
        None => Ok(waypoint_config::DEFAULT_API_BASE.to_string()),
    }
}

/// The data folder (`WAYPOINT_DATA_DIR`, else the OS convention), shared with the app.
pub fn data_dir() -> Result<std::path::PathBuf, Fail> {
    Ok(waypoint_config::Paths::resolve()?.data_dir)
}

/// A current-thread runtime for the commands that talk to O*NET.
pub fn runtime() -> Result<tokio::runtime::Runtime, Fail> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Fail::new(4, format!("cannot start the async runtime: {e}")))
}

fn online(cli: &Cli) -> Result<(), Fail> {
    let base = api_base(cli.api_base.as_deref())?;
    let lookup = key::api_key();
    // Without a key the client is still built, so bad input is refused (exit 2) before
    // the missing key is (exit 3), and nothing is sent either way.
    let online = Online::new(&OnetSettings::new(base), lookup.key.clone())?;
    let ctx = Ctx {
        online,
        json: cli.json,
    };
    runtime()?
        .block_on(async {
            match &cli.command {
                Command::About => commands::about::run(&ctx).await,
                Command::Questions(a) => commands::questions::run(&ctx, a).await,
                Command::Careers(a) => commands::careers::run(&ctx, a).await,
                Command::Report(a) => commands::report::run(&ctx, a).await,
                Command::Score(_)
                | Command::Pack(_)
                | Command::Batch(_)
                | Command::Search(_)
                | Command::Prepare
                | Command::ReportPdf(_) => {
                    unreachable!("offline commands are dispatched in main")
                }
            }
        })
        .map_err(|e| match e {
            ServiceError::Onet(waypoint_onet::Error::MissingKey) => lookup.missing(),
            e => e.into(),
        })
}

fn main() -> ExitCode {
    // A panic message must not print the key as it is.
    waypoint_logging::install_panic_hook();
    // clap exits with 2 on usage errors, matching "invalid input".
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Score(a) => commands::score::run(a, cli.json),
        Command::Pack(p) => commands::pack::run(p, cli.api_base.as_deref(), cli.json),
        Command::Batch(a) => commands::batch::run(a),
        Command::ReportPdf(a) => commands::report_pdf::run(a, cli.api_base.as_deref(), cli.json),
        Command::Search(a) => commands::search::run(a, cli.api_base.as_deref(), cli.json),
        Command::Prepare => commands::prepare::run(cli.api_base.as_deref(), cli.json),
        _ => online(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            f.print();
            ExitCode::from(f.exit)
        }
    }
}
