//! `waypoint-cli`: the O*NET Interest Profiler from a terminal, on the same
//! client the desktop app uses. Each subcommand lives in `commands/`; add new
//! ones (score, batch, pack, report-pdf) there and to [`Command`].

mod commands;
mod key;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use waypoint_onet::{Client, Lang};

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
}

/// What every command gets.
pub struct Ctx {
    pub client: Client,
    pub json: bool,
}

/// `--lang en|es`, shared by the subcommands.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// Exit codes: 0 ok, 2 invalid input (nothing sent), 3 key rejected,
/// 4 any other API or network failure (after retries).
fn exit_code(e: &waypoint_onet::Error) -> u8 {
    if e.is_input() {
        2
    } else if e.is_auth() {
        3
    } else {
        4
    }
}

fn main() -> ExitCode {
    // clap exits with 2 on usage errors, matching "invalid input".
    let cli = Cli::parse();
    let mut builder = Client::builder().maybe_api_key(key::api_key());
    if let Some(base) = &cli.api_base {
        builder = builder.base_url(base);
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit_code(&e));
        }
    };
    let ctx = Ctx {
        client,
        json: cli.json,
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(4);
        }
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Command::About => commands::about::run(&ctx).await,
            Command::Questions(a) => commands::questions::run(&ctx, a).await,
            Command::Careers(a) => commands::careers::run(&ctx, a).await,
            Command::Report(a) => commands::report::run(&ctx, a).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if e.is_auth() && !matches!(e, waypoint_onet::Error::MissingKey) {
                eprintln!("hint: ONET_API_KEY holds the key that was sent");
            }
            ExitCode::from(exit_code(&e))
        }
    }
}
