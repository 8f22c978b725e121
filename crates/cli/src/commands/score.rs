//! `score`: the six area scores and high-point code for an answer string, offline.

use crate::{output, Fail};
use serde::Serialize;
use waypoint_profiler::{summarize, Answers, Area, Form, Scores};

#[derive(clap::Args)]
pub struct Args {
    /// 60 (Short Form) or 30 (Mini-IP) digits 1–5, one per question in order.
    #[arg(long)]
    answers: String,
}

/// `{"realistic":27,...,"code":"RSA","form":60}`; a flat profile has `"code": null,
/// "flat": true`.
#[derive(Serialize)]
struct Out {
    #[serde(flatten)]
    scores: Scores,
    code: Option<String>,
    form: u8,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    flat: bool,
}

pub fn run(args: &Args, json: bool) -> Result<(), Fail> {
    let answers = Answers::parse(args.answers.trim())?;
    let scores = answers.scores();
    let summary = summarize(&scores);
    let (form, form_name) = match answers.form() {
        Form::Ip30 => (30u8, "30-item Mini-IP"),
        _ => (60u8, "60-item Short Form"),
    };
    let max = answers.form().max_score().unwrap_or(40);
    if json {
        output::json(&Out {
            scores,
            code: (!summary.flat).then(|| summary.high_point.clone()),
            form,
            flat: summary.flat,
        });
        return Ok(());
    }
    let rows: Vec<Vec<String>> = Area::ALL
        .iter()
        .map(|a| {
            vec![
                format!("{} ({})", a.name(), a.letter()),
                format!("{:>2} / {max}", scores.get(*a)),
            ]
        })
        .collect();
    output::table(&["AREA", "SCORE"], &rows);
    println!();
    if summary.flat {
        println!(
            "High-point code: none (flat profile: all six scores are {}, so no career match would mean anything)",
            scores.realistic
        );
    } else {
        println!("High-point code: {}", summary.high_point);
    }
    println!("Form: {form_name} ({form} answers)");
    Ok(())
}
