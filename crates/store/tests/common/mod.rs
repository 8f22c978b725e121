#![allow(dead_code)]

use time::{Duration, OffsetDateTime};
use waypoint_store::{
    CareerRow, CareerSource, CareerTab, Fit, Form, Lang, Scores, Session, Store, Tab,
};

pub fn open(dir: &std::path::Path) -> Store {
    let (store, report) = Store::open(dir).expect("open store");
    assert_eq!(report.recovered_from, None, "unexpected recovery");
    store
}

/// A fixed instant with a sub-second part, so round-trips are checked to the nanosecond.
pub fn t0() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(1_795_000_000_123_456_789).unwrap()
}

/// A finished IP60 result with `rows` careers on each of the six tabs.
pub fn session(n: u32, rows: usize) -> Session {
    let finished = t0() + Duration::minutes(i64::from(n));
    let answers: String = (0..60)
        .map(|i| char::from(b'1' + ((i + n) % 5) as u8))
        .collect();
    let tabs = [
        Tab::All,
        Tab::Zone1,
        Tab::Zone2,
        Tab::Zone3,
        Tab::Zone4,
        Tab::Zone5,
    ];
    let careers = tabs
        .iter()
        .enumerate()
        .map(|(ti, tab)| CareerTab {
            tab: *tab,
            total: 100 + ti as u32,
            rows: (0..rows)
                .map(|r| CareerRow {
                    code: format!("{:02}-{:04}.00", 11 + ti, r),
                    title: format!("Career {ti}/{r} for session {n} — ñandú"),
                    fit: match r % 4 {
                        0 => Some(Fit::Best),
                        1 => Some(Fit::Great),
                        2 => Some(Fit::Good),
                        _ => None,
                    },
                    bright_outlook: match r % 3 {
                        0 => Some(true),
                        1 => Some(false),
                        _ => None,
                    },
                    source: if ti % 2 == 0 {
                        CareerSource::Api
                    } else {
                        CareerSource::Estimate
                    },
                    fetched_at: finished - Duration::seconds(r as i64),
                })
                .collect(),
        })
        .collect();
    Session {
        id: Session::new_id(),
        started_at: finished - Duration::minutes(12),
        finished_at: finished,
        form: Form::Ip60,
        lang: if n % 2 == 0 { Lang::En } else { Lang::Es },
        answers: Some(answers),
        scores: Scores::from_array([(n % 40) as u8, 12, 30, 7, (n % 13) as u8, 20]),
        job_zone: Some((n % 5) as u8 + 1),
        label: Some(format!("Person {n}")),
        careers,
    }
}
