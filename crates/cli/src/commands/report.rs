use crate::{output, parse_lang, Ctx};
use waypoint_onet::{Lang, Section, SectionData};
use waypoint_services::Result;

#[derive(clap::Args)]
pub struct Args {
    /// O*NET-SOC code, e.g. 15-1252.00.
    code: String,
    /// knowledge, skills, abilities, personality, technology, education,
    /// job_outlook, check_out_my_state or explore_more; the overview if absent.
    #[arg(long, value_parser = |s: &str| s.parse::<Section>())]
    section: Option<Section>,
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
}

pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let code = args.code.trim();
    let Some(section) = args.section else {
        let ov = ctx.online.career_overview(args.lang, code).await?;
        if ctx.json {
            output::json(&ov);
        } else {
            println!("{} ({})", ov.title, ov.code);
            if ov.tags.bright_outlook == Some(true) {
                println!("Bright outlook");
            }
            println!("\n{}\n", ov.what_they_do);
            for task in &ov.on_the_job {
                println!("  - {task}");
            }
            let sections: Vec<&str> = ov.contents.iter().map(|c| c.title.as_str()).collect();
            println!("\nSections: {}", sections.join(", "));
        }
        return Ok(());
    };
    let data = ctx.online.career_section(args.lang, code, section).await?;
    if ctx.json {
        output::json(&data);
        return Ok(());
    }
    match &data {
        SectionData::Elements(groups) => {
            for g in groups {
                let names: Vec<&str> = g.element.iter().map(|e| e.name.as_str()).collect();
                println!("{}: {}", g.name, names.join(", "));
            }
        }
        SectionData::States(states) => {
            let rows: Vec<Vec<String>> = states
                .iter()
                .map(|s| vec![s.code.clone(), s.name.clone(), s.job_outlook.clone()])
                .collect();
            output::table(&["STATE", "NAME", "OUTLOOK"], &rows);
        }
        // The remaining sections are nested; indented JSON reads well enough.
        other => output::json(other),
    }
    Ok(())
}
