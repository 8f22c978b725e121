//! `report-pdf`: the one-page results report as a PDF, through the same `waypoint-services`
//! code the app prints with. The result lives only in memory (nothing is filed in the
//! person's history); careers come from O*NET with a key, else from the installed occupation
//! pack's offline estimate.

use std::path::PathBuf;

use serde::Serialize;
use waypoint_profiler::{Answers, Form, Matcher, Scores};
use waypoint_services::dto::{Lang, Source};
use waypoint_services::pdf::{one_off_report, OneOffInput, Paper};
use waypoint_services::{OnetSettings, Online};
use waypoint_store::{Store, DB_FILE};

use crate::commands::batch::parse_zone;
use crate::{data_dir, key, output, Fail};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["answers", "scores"])))]
pub struct Args {
    /// 30 or 60 digits 1–5, one per question in order.
    #[arg(long)]
    answers: Option<String>,
    /// Six area scores R,I,A,S,E,C from a paper profiler (0–40 each), e.g. 27,13,23,25,14,14.
    #[arg(long, value_name = "R,I,A,S,E,C", allow_hyphen_values = true)]
    scores: Option<String>,
    /// The Job Zone (1–5) whose careers are listed; all careers when left out.
    #[arg(long, value_name = "N", value_parser = parse_zone, allow_hyphen_values = true)]
    zone: Option<u8>,
    /// Language of the report (and of O*NET's career titles).
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Paper size; default: the locale's (LC_ALL / LC_PAPER / LANG), Letter for en-US.
    #[arg(long, value_parser = parse_paper)]
    paper: Option<Paper>,
    /// Where to write the PDF (replaced if it exists).
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "en" => Ok(Lang::En),
        "es" => Ok(Lang::Es),
        other => Err(format!("{other:?} is not a language: use en or es")),
    }
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "letter" => Ok(Paper::Letter),
        other => Err(format!("{other:?} is not a paper size: use a4 or letter")),
    }
}

/// `27,13,23,25,14,14` → six numbers, range-checked as the 60-item paper profiler's (0–40).
fn parse_scores(s: &str) -> Result<[u32; 6], Fail> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() != 6 {
        return Err(Fail::input(format!(
            "--scores needs six numbers R,I,A,S,E,C separated by commas; got {}",
            parts.len()
        )));
    }
    let mut values = [0u32; 6];
    for (v, p) in values.iter_mut().zip(&parts) {
        *v = p.parse().map_err(|_| {
            Fail::input(format!(
                "{p:?} is not a score: use whole numbers from 0 to 40"
            ))
        })?;
    }
    Scores::typed(values, Form::Ip60)?;
    Ok(values)
}

/// What the command reports on stdout.
#[derive(Serialize)]
struct Out {
    out: PathBuf,
    /// The high-point code; empty for a flat profile.
    code: String,
    /// Where the careers came from: `api`, `estimate`, or `none`.
    careers: &'static str,
}

pub fn run(args: &Args, api_base: Option<&str>, json: bool) -> Result<(), Fail> {
    // Everything the person typed is checked before any request or file is touched.
    let input = match (&args.answers, &args.scores) {
        (Some(a), _) => OneOffInput::Answers(Answers::parse(a.trim())?),
        (None, Some(s)) => OneOffInput::Scores {
            form: Form::Ip60,
            values: parse_scores(s)?,
        },
        (None, None) => unreachable!("clap requires one of them"),
    };
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Fail::input(format!(
                "cannot write {}: the folder {} does not exist",
                args.out.display(),
                parent.display()
            )));
        }
    }
    let base = crate::api_base(api_base)?;
    let lookup = key::api_key();
    let online = match lookup.key.clone() {
        Some(k) => Some(Online::new(&OnetSettings::new(base), Some(k))?),
        None => None,
    };
    let matcher = installed_matcher()?;
    let report = crate::runtime()?.block_on(one_off_report(
        input,
        args.zone,
        args.lang,
        args.paper,
        online.as_ref(),
        matcher.as_ref(),
        &args.out,
    ))?;

    let careers = match report.careers {
        Source::Api | Source::Cache => "api",
        Source::Estimate => "estimate",
        _ => "none",
    };
    if json {
        output::json(&Out {
            out: args.out.clone(),
            code: report.code,
            careers,
        });
    } else {
        let from = match careers {
            "api" => "careers from O*NET",
            "estimate" => "careers from Waypoint's offline estimate",
            _ if report.flat => "no careers: a flat profile matches none",
            _ => "no careers: no O*NET key and no occupation pack",
        };
        println!("Wrote {} ({from})", args.out.display());
    }
    Ok(())
}

/// The offline estimate over the occupation pack installed in the data folder, if any. Never
/// creates a data folder that is not there.
fn installed_matcher() -> Result<Option<Matcher>, Fail> {
    let dir = data_dir()?;
    if !dir.join(DB_FILE).is_file() {
        return Ok(None);
    }
    let (user, _) = Store::open(&dir)?;
    Ok(user.load_pack()?.map(Matcher::new))
}
