use crate::{output, parse_lang, Ctx};
use serde::Serialize;
use waypoint_onet::{Area, Form, Lang};
use waypoint_services::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The 30-question Mini-IP instead of the 60-question Short Form.
    #[arg(long)]
    mini: bool,
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
}

#[derive(Serialize)]
struct Item<'a> {
    index: u32,
    area: Area,
    text: &'a str,
}

pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let form = if args.mini { Form::Mini } else { Form::Short };
    let qn = ctx.online.questions(args.lang, form).await?;
    if ctx.json {
        let items: Vec<Item> = qn
            .question
            .iter()
            .map(|q| Item {
                index: q.index,
                area: q.area,
                text: &q.text,
            })
            .collect();
        output::json(&items);
    } else {
        let rows: Vec<Vec<String>> = qn
            .question
            .iter()
            .map(|q| {
                vec![
                    q.index.to_string(),
                    q.area.as_str().to_string(),
                    q.text.clone(),
                ]
            })
            .collect();
        output::table(&["#", "AREA", "ACTIVITY"], &rows);
        let scale: Vec<String> = qn
            .answer_option
            .iter()
            .map(|o| format!("{} = {}", o.value, o.name))
            .collect();
        println!("\nAnswers: {}", scale.join(", "));
    }
    Ok(())
}
