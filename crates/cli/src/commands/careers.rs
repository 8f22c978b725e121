use crate::{output, parse_lang, Ctx};
use serde::Serialize;
use waypoint_onet::{CareerMatch, Fit, Lang, Range, Scores};
use waypoint_services::Result;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["answers", "scores"])))]
pub struct Args {
    /// 30 or 60 digits 1–5, one per question in order.
    #[arg(long)]
    answers: Option<String>,
    /// Six area scores R,I,A,S,E,C, e.g. 27,13,23,25,14,14.
    #[arg(long, value_name = "R,I,A,S,E,C", allow_hyphen_values = true)]
    scores: Option<String>,
    /// Only careers in this Job Zone (1–5).
    #[arg(long, allow_hyphen_values = true)]
    zone: Option<i64>,
    #[arg(long, conflicts_with = "all")]
    start: Option<u32>,
    #[arg(long, conflicts_with = "all")]
    end: Option<u32>,
    /// Every matching career, all pages.
    #[arg(long)]
    all: bool,
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
}

#[derive(Serialize)]
struct Out<'a> {
    total: u32,
    careers: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    title: &'a str,
    fit: Option<Fit>,
    bright_outlook: bool,
}

pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let by = match (&args.answers, &args.scores) {
        (Some(a), _) => CareerMatch::Answers(a.trim().to_string()),
        (None, Some(s)) => CareerMatch::Scores(s.parse::<Scores>()?),
        (None, None) => unreachable!("clap requires one of them"),
    };
    // Checked here too so a bad zone fails before any request, like the rest.
    let zone = waypoint_onet::validate::zone(args.zone)?;
    let (total, careers) = if args.all {
        let all = ctx.online.careers_all(args.lang, &by, zone).await?;
        (all.len() as u32, all)
    } else {
        let start = args.start.unwrap_or(1);
        let end = args.end.unwrap_or(start.saturating_add(19));
        let page = ctx
            .online
            .careers(args.lang, &by, zone, Range::new(start, end))
            .await?;
        (page.total, page.rows)
    };
    if ctx.json {
        output::json(&Out {
            total,
            careers: careers
                .iter()
                .map(|c| Row {
                    code: &c.code,
                    title: &c.title,
                    fit: c.fit,
                    bright_outlook: c.bright_outlook(),
                })
                .collect(),
        });
    } else {
        let rows: Vec<Vec<String>> = careers
            .iter()
            .map(|c| {
                vec![
                    c.fit.map(|f| format!("{f:?}")).unwrap_or_default(),
                    c.code.clone(),
                    if c.bright_outlook() {
                        "yes".into()
                    } else {
                        String::new()
                    },
                    c.title.clone(),
                ]
            })
            .collect();
        output::table(&["FIT", "CODE", "BRIGHT", "TITLE"], &rows);
        println!("\n{} of {total} careers", careers.len());
    }
    Ok(())
}
