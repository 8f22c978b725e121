//! `search KEYWORD [--lang es] [--page N]`: careers by title or "also called" title, online
//! with a key (O*NET's search, cached), else offline from the occupation pack.

use crate::{key, output, Fail};
use waypoint_onet::Lang;

#[derive(clap::Args)]
pub struct Args {
    /// A career name or a few words, e.g. "nurse" or "game designer".
    pub keyword: String,
    /// `en` or `es`.
    #[arg(long, default_value = "en", value_parser = crate::parse_lang)]
    pub lang: Lang,
    /// Page of 20 results, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
}

pub fn run(a: &Args, api_base: Option<&str>, json: bool) -> Result<(), Fail> {
    let s = super::pack::services(crate::api_base(api_base)?)?;
    // No key is fine: the search is answered offline from the pack.
    if let Some(k) = key::api_key().key {
        s.use_key(k);
    }
    let page = crate::runtime()?.block_on(s.search_careers(&a.keyword, a.page, a.lang))?;
    if json {
        output::json(&page);
    } else {
        let rows: Vec<Vec<String>> = page
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.code.clone(),
                    r.title.clone(),
                    r.job_zone.map(|z| z.to_string()).unwrap_or_default(),
                    match r.bright_outlook {
                        Some(true) => "yes".into(),
                        Some(false) => "no".into(),
                        None => String::new(),
                    },
                    r.matched.clone().unwrap_or_default(),
                ]
            })
            .collect();
        output::table(
            &["code", "title", "job zone", "bright outlook", "also called"],
            &rows,
        );
        let pages = page.total.div_ceil(page.page_size).max(1);
        eprintln!(
            "{} careers found (page {} of {pages}, {:?})",
            page.total, page.page, page.source
        );
    }
    if let Some(n) = &page.notice {
        eprintln!("note: {}", n.message);
    }
    Ok(())
}
