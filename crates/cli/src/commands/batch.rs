//! `batch`: scores a CSV of `id,answers` rows with `waypoint_profiler::batch::run`, listing
//! the top careers from the installed occupation pack when there is one.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use crate::{data_dir, Fail};
use waypoint_profiler::batch::{self, BatchOptions};
use waypoint_profiler::Matcher;
use waypoint_store::Store;

#[derive(clap::Args)]
pub struct Args {
    /// CSV with `id,answers` rows (a header row is optional).
    #[arg(long, value_name = "FILE.csv")]
    input: PathBuf,
    /// Where to write the scored CSV (replaced only when the batch completes).
    #[arg(long, value_name = "FILE.csv")]
    output: PathBuf,
    /// Only list careers from this Job Zone (1–5).
    #[arg(long, value_name = "N", value_parser = parse_zone, allow_hyphen_values = true)]
    zone: Option<u8>,
    /// Careers listed per row when an occupation pack is installed.
    #[arg(long, value_name = "K", default_value_t = 5)]
    top: usize,
}

/// 1–5, else the profiler's own message (clap exits 2 with it).
pub(crate) fn parse_zone(s: &str) -> Result<u8, String> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| format!("Job Zone {s:?} is not a number: choose a Job Zone from 1 to 5"))?;
    match u8::try_from(n) {
        Ok(z @ 1..=5) => Ok(z),
        Ok(z) => Err(waypoint_profiler::Error::InvalidZone(z).to_string()),
        Err(_) => Err(format!(
            "Job Zone {n} does not exist: choose a Job Zone from 1 to 5, or none for all zones."
        )),
    }
}

/// The matcher over the installed pack, or `None` when there is none.
fn matcher() -> Result<Option<Matcher>, Fail> {
    let dir = data_dir()?;
    let (store, _) = Store::open(&dir)?;
    Ok(store.load_pack()?.map(Matcher::new))
}

/// `out.csv` → `out.csv.partial` in the same folder, so the rename is atomic.
fn partial_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    output.with_file_name(name)
}

pub fn run(args: &Args) -> Result<(), Fail> {
    let input = File::open(&args.input)
        .map_err(|e| Fail::input(format!("cannot read {}: {e}", args.input.display())))?;
    if input.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Fail::input(format!(
            "cannot read {}: it is a folder, not a CSV file",
            args.input.display()
        )));
    }
    let matcher = matcher()?;
    if matcher.is_none() {
        eprintln!(
            "no occupation pack installed: scores and high-point codes only (add careers with `waypoint-cli pack import` or `pack download`)"
        );
    }
    let tmp = partial_path(&args.output);
    let out = File::create(&tmp)
        .map_err(|e| Fail::input(format!("cannot write {}: {e}", args.output.display())))?;
    let opts = BatchOptions {
        zone: args.zone,
        top_k: args.top,
        matcher: matcher.as_ref(),
    };
    let result = batch::run(BufReader::new(input), BufWriter::new(out), opts);
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
    };
    if let Err(e) = std::fs::rename(&tmp, &args.output) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Fail::input(format!(
            "cannot write {}: {e}",
            args.output.display()
        )));
    }
    eprintln!(
        "{} rows scored, {} rows failed",
        summary.scored, summary.failed
    );
    Ok(())
}
