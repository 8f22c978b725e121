//! `prepare`: "Prepare for offline use" from the command line — the same use case as the
//! app's Settings: every part fetched and cached in turn, a line per part on stderr, the
//! summary on stdout; exit 4 when a part failed (the others are kept).

use crate::{key, output, Fail};
use waypoint_services::prepare::PrepareSummary;

pub fn run(api_base: Option<&str>, json: bool) -> Result<(), Fail> {
    let base = crate::api_base(api_base)?;
    let lookup = key::api_key();
    let Some(k) = lookup.key.clone() else {
        return Err(lookup.missing());
    };
    let s = super::pack::services(base)?;
    s.use_key(k);
    let summary = crate::runtime()?.block_on(s.prepare_offline(&mut |p| match p.part {
        Some(part) => eprintln!("[{}/{}] {}", p.done + 1, p.total, part.as_str()),
        None => eprintln!("[{}/{}] done", p.done, p.total),
    }))?;
    print_summary(&summary, json);
    let failed = summary.parts.iter().filter(|p| p.error.is_some()).count();
    if failed == 0 {
        Ok(())
    } else {
        Err(Fail::new(
            4,
            format!(
                "{failed} of {} parts could not be prepared; the others are saved",
                summary.parts.len()
            ),
        ))
    }
}

fn print_summary(s: &PrepareSummary, json: bool) {
    if json {
        output::json(s);
        return;
    }
    for p in &s.parts {
        match (&p.cached_at, &p.error) {
            (_, Some(e)) => println!("{:<16} failed: {} ({})", p.part.as_str(), e.message, e.code),
            (Some(at), None) => println!("{:<16} cached {at}", p.part.as_str()),
            (None, None) => println!("{:<16} not cached", p.part.as_str()),
        }
    }
}
