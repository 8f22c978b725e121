//! `report-pdf`: the one-page results report as a PDF, through the same `Services` use
//! cases the app calls. The result is scored and its careers fetched in a throwaway store
//! (a temporary folder, deleted afterwards), so the person's history is never touched; the
//! installed occupation pack is copied in for the offline estimate.

use std::path::PathBuf;

use serde::Serialize;
use waypoint_profiler::{Answers, Form, Scores, Tab};
use waypoint_services::dto::{Lang, Source};
use waypoint_services::pdf::Paper;
use waypoint_services::{OnetSettings, Services};
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

enum Input {
    Answers(Answers),
    Scores([u32; 6]),
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
        (Some(a), _) => Input::Answers(Answers::parse(a.trim())?),
        (None, Some(s)) => Input::Scores(parse_scores(s)?),
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

    let scratch = tempfile::tempdir()
        .map_err(|e| Fail::new(4, format!("cannot make a temporary folder: {e}")))?;
    let (store, _) = Store::open(scratch.path())?;
    let has_pack = copy_pack(&store)?;
    let keys = waypoint_secrets::KeyStore::new(waypoint_secrets::SERVICE, "waypoint-cli-unused");
    let s = Services::new(store, keys, OnetSettings::new(base));
    if let Some(k) = lookup.key.clone() {
        s.use_key(k);
    }

    let lang = args.lang;
    let (outcome, careers) = crate::runtime()?.block_on(async {
        let outcome = match &input {
            Input::Answers(a) => {
                let d = s.start_draft(a.form(), lang)?;
                for (i, v) in a.to_answer_string().chars().enumerate() {
                    let v = v.to_digit(10).unwrap_or(0) as u8;
                    s.record_answer(&d.id, i as u32 + 1, v)?;
                }
                s.submit_answers(&d.id, None).await?
            }
            Input::Scores(v) => s.submit_scores(Form::Ip60, *v, lang, None)?,
        };
        s.choose_zone(&outcome.session_id, args.zone)?;
        // A flat profile matches nothing; the report says so itself.
        let careers = if !outcome.flat && (s.has_key() || has_pack) {
            // choose_zone above has checked the zone.
            let tab = args.zone.and_then(Tab::for_zone).unwrap_or(Tab::All);
            Some(s.careers(&outcome.session_id, tab, 1, lang).await?.source)
        } else {
            None
        };
        Ok::<_, waypoint_services::ServiceError>((outcome, careers))
    })?;
    s.save_report_pdf(&outcome.session_id, lang, args.paper, &args.out)?;

    let careers = match careers {
        Some(Source::Api) | Some(Source::Cache) => "api",
        Some(Source::Estimate) => "estimate",
        _ => "none",
    };
    if json {
        output::json(&Out {
            out: args.out.clone(),
            code: outcome.code,
            careers,
        });
    } else {
        let from = match careers {
            "api" => "careers from O*NET",
            "estimate" => "careers from Waypoint's offline estimate",
            _ if outcome.flat => "no careers: a flat profile matches none",
            _ => "no careers: no O*NET key and no occupation pack",
        };
        println!("Wrote {} ({from})", args.out.display());
    }
    Ok(())
}

/// Copies the occupation pack installed in the data folder, if any, into `scratch`, so the
/// offline estimate works there. Never creates a data folder that is not there.
fn copy_pack(scratch: &Store) -> Result<bool, Fail> {
    let dir = data_dir()?;
    if !dir.join(DB_FILE).is_file() {
        return Ok(false);
    }
    let (user, _) = Store::open(&dir)?;
    match (user.load_pack()?, user.pack_info()?) {
        (Some(pack), Some(info)) => {
            scratch.replace_pack(&pack, info.imported_at)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
