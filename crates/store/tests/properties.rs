//! Export → import round-trips any valid result, checked over generated sessions.

mod common;

use proptest::prelude::*;
use time::{Duration, OffsetDateTime};
use waypoint_store::{
    CareerRow, CareerSource, CareerTab, Fit, Form, ImportMode, Lang, Scores, Session, Tab,
    LABEL_MAX_CHARS,
};

fn instant() -> impl Strategy<Value = OffsetDateTime> {
    // 2000-01-01 to 2100-01-01, to the nanosecond.
    (946_684_800i64..4_102_444_800i64, 0u32..1_000_000_000).prop_map(|(s, ns)| {
        OffsetDateTime::from_unix_timestamp(s).unwrap() + Duration::nanoseconds(i64::from(ns))
    })
}

/// Free text as people type it: any script, spaces, punctuation, quotes, but no control
/// or text-direction characters (the store refuses those in labels).
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max).prop_map(|cs| {
        cs.into_iter()
            .filter(|&c| !c.is_control() && !waypoint_store::is_bidi_control(c))
            .collect()
    })
}

fn row() -> impl Strategy<Value = CareerRow> {
    (
        "[0-9]{2}-[0-9]{4}\\.[0-9]{2}",
        text(60).prop_filter("a title", |t| !t.is_empty()),
        prop::option::of(prop_oneof![
            Just(Fit::Best),
            Just(Fit::Great),
            Just(Fit::Good)
        ]),
        prop::option::of(any::<bool>()),
        prop_oneof![Just(CareerSource::Api), Just(CareerSource::Estimate)],
        instant(),
    )
        .prop_map(
            |(code, title, fit, bright_outlook, source, fetched_at)| CareerRow {
                code,
                title,
                fit,
                bright_outlook,
                source,
                fetched_at,
            },
        )
}

fn tabs() -> impl Strategy<Value = Vec<CareerTab>> {
    let all = vec![
        Tab::All,
        Tab::Zone1,
        Tab::Zone2,
        Tab::Zone3,
        Tab::Zone4,
        Tab::Zone5,
    ];
    (
        Just(all).prop_shuffle(),
        0usize..=6,
        proptest::collection::vec((0u32..2000, proptest::collection::vec(row(), 0..4)), 6),
    )
        .prop_map(|(order, n, contents)| {
            order
                .into_iter()
                .take(n)
                .zip(contents)
                .map(|(tab, (total, rows))| CareerTab { tab, total, rows })
                .collect()
        })
}

fn session() -> impl Strategy<Value = Session> {
    let form = prop_oneof![Just(Form::Ip60), Just(Form::Ip30), Just(Form::Typed)];
    (
        any::<u128>(),
        instant(),
        0i64..86_400_000_000_000,
        form,
        prop_oneof![Just(Lang::En), Just(Lang::Es)],
        proptest::collection::vec(1u8..=5, 60),
        proptest::array::uniform6(0u8..=255),
        prop::option::of(1u8..=5),
        prop::option::of(text(LABEL_MAX_CHARS)),
        tabs(),
    )
        .prop_map(
            |(id, started_at, took, form, lang, digits, raw, job_zone, label, careers)| {
                let answers = form.item_count().map(|n| {
                    digits[..n]
                        .iter()
                        .map(|d| char::from(b'0' + d))
                        .collect::<String>()
                });
                let scores = match form.max_score() {
                    Some(max) => Scores::from_array(raw.map(|v| v % (max + 1))),
                    None => Scores::from_array(raw),
                };
                Session {
                    id: uuid::Uuid::from_u128(id).to_string(),
                    started_at,
                    finished_at: started_at + Duration::nanoseconds(took),
                    form,
                    lang,
                    answers,
                    scores,
                    job_zone,
                    label,
                    careers,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_then_import_round_trips_any_valid_session(
        sessions in proptest::collection::vec(session(), 1..4)
    ) {
        let src_dir = tempfile::tempdir().unwrap();
        let dst_dir = tempfile::tempdir().unwrap();
        let src = common::open(src_dir.path());
        let mut ids = std::collections::HashSet::new();
        let sessions: Vec<Session> =
            sessions.into_iter().filter(|s| ids.insert(s.id.clone())).collect();
        for s in &sessions {
            src.save_session(s).unwrap();
        }
        let json = src.export_json(None).unwrap();
        let dst = common::open(dst_dir.path());
        let report = dst.import_json(&json, ImportMode::KeepExisting).unwrap();
        prop_assert_eq!(report.imported.len(), sessions.len());
        for s in &sessions {
            prop_assert_eq!(&dst.get_session(&s.id).unwrap(), s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A damaged export (bytes cut, replaced or inserted anywhere) is refused with
    /// `store.import_invalid` or imported whole; it never panics and never half-imports.
    #[test]
    fn a_damaged_export_is_refused_or_imported_whole(
        s in session(),
        cut in any::<prop::sample::Index>(),
        junk in "[\\x00-\\x7f\u{80}-\u{10ffff}]{0,8}",
        drop_len in 0usize..16,
    ) {
        let src_dir = tempfile::tempdir().unwrap();
        let dst_dir = tempfile::tempdir().unwrap();
        let src = common::open(src_dir.path());
        src.save_session(&s).unwrap();
        let json = src.export_json(None).unwrap();
        let mut at = cut.index(json.len());
        while !json.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + drop_len).min(json.len());
        while !json.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{junk}{}", &json[..at], &json[end..]);
        let dst = common::open(dst_dir.path());
        match dst.import_json(&damaged, ImportMode::KeepExisting) {
            Ok(r) => {
                let ids: Vec<String> = dst.list_sessions().unwrap().into_iter().map(|x| x.id).collect();
                prop_assert_eq!(ids.len(), r.imported.len());
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "store.import_invalid", "{}", e);
                prop_assert!(dst.list_sessions().unwrap().is_empty());
            }
        }
    }
}
