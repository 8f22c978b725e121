mod common;

use std::time::Duration as StdDuration;

use common::{open, session, t0};
use serde_json::json;
use time::{Duration, OffsetDateTime, UtcOffset};
use waypoint_store::{
    interest_code, Area, CacheKey, Form, ImportMode, Lang, Occupation, OccupationPack, Scores,
    Session, Store, StoreOptions, Tab, CAREERS_PER_TAB_MAX, CAREER_TITLE_MAX_CHARS,
    IMPORT_MAX_BYTES, LABEL_MAX_CHARS,
};

// ---------- sessions ----------

#[test]
fn session_reads_back_exactly_after_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(7, 20);
    {
        let store = open(dir.path());
        store.save_session(&s).unwrap();
    }
    let store = open(dir.path());
    let back = store.get_session(&s.id).unwrap();
    assert_eq!(back, s);
    // PartialEq on OffsetDateTime compares instants; check the offset too.
    assert_eq!(back.finished_at.offset(), UtcOffset::UTC);
    assert_eq!(back.careers.len(), 6);
    assert_eq!(back.careers[3].tab, Tab::Zone3);
    assert_eq!(back.careers[0].rows[5].code, s.careers[0].rows[5].code);
}

#[test]
fn typed_session_without_answers_or_careers_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut s = session(1, 0);
    s.form = Form::Typed;
    s.answers = None;
    s.job_zone = None;
    s.label = None;
    s.careers.clear();
    store.save_session(&s).unwrap();
    assert_eq!(store.get_session(&s.id).unwrap(), s);
}

#[test]
fn list_is_newest_first_with_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a = session(1, 2);
    let b = session(30, 2);
    let c = session(2, 2);
    for s in [&a, &b, &c] {
        store.save_session(s).unwrap();
    }
    let list = store.list_sessions().unwrap();
    let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [b.id.as_str(), c.id.as_str(), a.id.as_str()]);
    assert_eq!(list[0].label.as_deref(), Some("Person 30"));
    assert_eq!(list[0].form, Form::Ip60);
    assert_eq!(list[0].finished_at, b.finished_at);
    // b scores: R=30, I=12, A=30, S=7, E=4, C=20 -> tie R/A keeps RIASEC order
    assert_eq!(list[0].code.as_deref(), Some("RAC"));
}

#[test]
fn list_orders_by_time_not_text_when_fractions_differ() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut whole = session(1, 0);
    whole.finished_at = OffsetDateTime::from_unix_timestamp(1_795_000_000).unwrap();
    whole.started_at = whole.finished_at - Duration::minutes(1);
    let mut later = session(2, 0);
    later.finished_at = whole.finished_at + Duration::milliseconds(500);
    later.started_at = whole.started_at;
    store.save_session(&whole).unwrap();
    store.save_session(&later).unwrap();
    let list = store.list_sessions().unwrap();
    assert_eq!(list[0].id, later.id);
}

#[test]
fn non_utc_times_are_stored_as_the_same_instant() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut s = session(3, 1);
    s.finished_at = s
        .finished_at
        .to_offset(UtcOffset::from_hms(-5, 0, 0).unwrap());
    store.save_session(&s).unwrap();
    let back = store.get_session(&s.id).unwrap();
    assert_eq!(back.finished_at, s.finished_at);
    assert_eq!(back.finished_at.offset(), UtcOffset::UTC);
}

#[test]
fn delete_and_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let s = session(1, 3);
    store.save_session(&s).unwrap();
    store.delete_session(&s.id).unwrap();
    assert_eq!(
        store.get_session(&s.id).unwrap_err().code(),
        "store.not_found"
    );
    assert_eq!(
        store.delete_session(&s.id).unwrap_err().code(),
        "store.not_found"
    );
    assert!(store.list_sessions().unwrap().is_empty());
    // The careers snapshot went with it (cascade), checked on the raw file.
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM session_careers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn duplicate_id_and_invalid_sessions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let s = session(1, 1);
    store.save_session(&s).unwrap();
    assert_eq!(
        store.save_session(&s).unwrap_err().code(),
        "store.invalid_input"
    );

    let mut bad = session(2, 1);
    bad.id = "not-a-uuid".into();
    assert_eq!(
        store.save_session(&bad).unwrap_err().code(),
        "store.invalid_input"
    );
    let mut bad = session(2, 1);
    bad.job_zone = Some(6);
    assert!(store.save_session(&bad).is_err());
    let mut bad = session(2, 1);
    bad.answers = Some("123".into());
    assert!(store.save_session(&bad).is_err());
    let mut bad = session(2, 1);
    bad.scores.social = 41;
    assert!(store.save_session(&bad).is_err());
    let mut bad = session(2, 1);
    bad.careers[1].tab = Tab::All;
    assert!(store.save_session(&bad).is_err());
    assert_eq!(store.list_sessions().unwrap().len(), 1);
}

#[test]
fn set_label() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let s = session(1, 1);
    store.save_session(&s).unwrap();
    store
        .set_session_label(&s.id, Some("Ana, grade 11"))
        .unwrap();
    assert_eq!(
        store.get_session(&s.id).unwrap().label.as_deref(),
        Some("Ana, grade 11")
    );
    store.set_session_label(&s.id, None).unwrap();
    assert_eq!(store.list_sessions().unwrap()[0].label, None);
    assert_eq!(
        store
            .set_session_label(&Session::new_id(), None)
            .unwrap_err()
            .code(),
        "store.not_found"
    );
}

#[test]
fn compare_gives_per_area_differences() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut a = session(1, 0);
    a.scores = Scores::from_array([10, 20, 30, 40, 0, 5]);
    let mut b = session(2, 0);
    b.scores = Scores::from_array([15, 20, 10, 38, 40, 0]);
    store.save_session(&a).unwrap();
    store.save_session(&b).unwrap();
    let cmp = store.compare_sessions(&a.id, &b.id).unwrap();
    let deltas: Vec<i16> = cmp.areas.iter().map(|d| d.delta).collect();
    assert_eq!(deltas, [5, 0, -20, -2, 40, -5]);
    assert_eq!(cmp.areas[2].area, Area::Artistic);
    assert_eq!((cmp.areas[4].a, cmp.areas[4].b), (0, 40));
    assert_eq!(cmp.a.id, a.id);
    assert_eq!(cmp.b.code.as_deref(), Some("ESI"));
    assert_eq!(
        store.compare_sessions(&a.id, "missing").unwrap_err().code(),
        "store.not_found"
    );
}

#[test]
fn interest_code_rules() {
    assert_eq!(interest_code(&Scores::default()), None);
    assert_eq!(interest_code(&Scores::from_array([7; 6])), None, "flat");
    assert_eq!(
        interest_code(&Scores::from_array([0, 0, 0, 3, 0, 0])).as_deref(),
        Some("SRI")
    );
    assert_eq!(
        interest_code(&Scores::from_array([5, 5, 5, 5, 9, 5])).as_deref(),
        Some("ERI")
    );
}

// ---------- drafts ----------

#[test]
fn draft_resumes_at_first_unanswered_item_after_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = open(dir.path());
        assert_eq!(store.resume().unwrap(), None);
        let d = store.start_draft(Form::Ip30, Lang::Es).unwrap();
        assert_eq!(d.answers.len(), 30);
        assert_eq!(d.next_item, Some(0));
        for i in 0..5 {
            store.record_answer(&d.id, i, 3).unwrap();
        }
        store.record_answer(&d.id, 6, 5).unwrap(); // skipped ahead
        d.id
    };
    let store = open(dir.path());
    let d = store.resume().unwrap().expect("a draft to resume");
    assert_eq!(d.id, id);
    assert_eq!(d.form, Form::Ip30);
    assert_eq!(d.lang, Lang::Es);
    assert_eq!(d.next_item, Some(5));
    assert_eq!(d.answers[6], Some(5));
    assert_eq!(d.answers[4], Some(3));
    assert_eq!(d.answer_string(), None);
}

#[test]
fn answers_can_change_clear_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
    store.record_answer(&d.id, 0, 1).unwrap();
    store.record_answer(&d.id, 1, 2).unwrap();
    store.record_answer(&d.id, 0, 4).unwrap(); // changed: now the latest
    store.record_answer(&d.id, 2, 5).unwrap();

    assert_eq!(store.undo_last_answer(&d.id).unwrap(), Some(2));
    assert_eq!(store.undo_last_answer(&d.id).unwrap(), Some(0));
    let got = store.get_draft(&d.id).unwrap();
    assert_eq!(&got.answers[..3], &[None, Some(2), None]);
    assert_eq!(got.next_item, Some(0));

    store.clear_answer(&d.id, 1).unwrap();
    assert_eq!(store.undo_last_answer(&d.id).unwrap(), None);
    assert!(store
        .get_draft(&d.id)
        .unwrap()
        .answers
        .iter()
        .all(Option::is_none));
}

#[test]
fn complete_draft_gives_answer_string_and_finishes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let d = store.start_draft(Form::Ip30, Lang::En).unwrap();
    for i in 0..30u16 {
        store.record_answer(&d.id, i, (i % 5) as u8 + 1).unwrap();
    }
    let d = store.get_draft(&d.id).unwrap();
    assert_eq!(d.next_item, None);
    let answers = d.answer_string().unwrap();
    assert_eq!(&answers[..6], "123451");

    let mut s = session(1, 2);
    s.form = Form::Ip30;
    s.answers = Some(answers);
    s.scores = Scores::from_array([6, 6, 6, 6, 6, 6]);
    store.finish_draft(&d.id, &s).unwrap();
    assert_eq!(store.resume().unwrap(), None);
    assert_eq!(store.get_session(&s.id).unwrap(), s);
    // The draft is gone, so finishing again fails without saving twice.
    assert_eq!(
        store.finish_draft(&d.id, &s).unwrap_err().code(),
        "store.not_found"
    );
}

#[test]
fn draft_input_is_validated_and_discard_works() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert_eq!(
        store.start_draft(Form::Typed, Lang::En).unwrap_err().code(),
        "store.invalid_input"
    );
    let d = store.start_draft(Form::Ip30, Lang::En).unwrap();
    assert_eq!(
        store.record_answer(&d.id, 30, 3).unwrap_err().code(),
        "store.invalid_input"
    );
    assert_eq!(
        store.record_answer(&d.id, 0, 0).unwrap_err().code(),
        "store.invalid_input"
    );
    assert_eq!(
        store.record_answer(&d.id, 0, 6).unwrap_err().code(),
        "store.invalid_input"
    );
    assert_eq!(
        store.record_answer("nope", 0, 3).unwrap_err().code(),
        "store.not_found"
    );
    store.discard_draft(&d.id).unwrap();
    assert_eq!(store.resume().unwrap(), None);
    assert_eq!(
        store.discard_draft(&d.id).unwrap_err().code(),
        "store.not_found"
    );
}

#[test]
fn resume_picks_the_most_recently_touched_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a = store.start_draft(Form::Ip60, Lang::En).unwrap();
    let b = store.start_draft(Form::Ip30, Lang::En).unwrap();
    store.record_answer(&b.id, 0, 1).unwrap();
    std::thread::sleep(StdDuration::from_millis(5));
    store.record_answer(&a.id, 0, 1).unwrap();
    assert_eq!(store.resume().unwrap().unwrap().id, a.id);
}

// ---------- cache ----------

#[test]
fn cache_key_is_canonical_and_refuses_credentials() {
    let k1 = CacheKey::new("/mnm/careers/", &[("start", "1"), ("end", "20")], Lang::En).unwrap();
    let k2 = CacheKey::new("mnm/careers", &[("end", "20"), ("start", "1")], Lang::En).unwrap();
    assert_eq!(k1, k2);
    assert_eq!(k1.params(), "end=20&start=1");
    let k3 = CacheKey::new("search", &[("keyword", "a&b=c d")], Lang::En).unwrap();
    assert_eq!(k3.params(), "keyword=a%26b%3Dc%20d");

    for bad in ["key", "API_KEY", "password", "Authorization", "token"] {
        let err = CacheKey::new("about", &[(bad, "x")], Lang::En).unwrap_err();
        assert_eq!(err.code(), "store.invalid_input", "{bad}");
    }
    assert!(CacheKey::new("https://user:pw@example.invalid/about", &[], Lang::En).is_err());
    assert!(CacheKey::new("about?key=x", &[], Lang::En).is_err());
    assert!(CacheKey::new("", &[], Lang::En).is_err());

    assert!(CacheKey::new(
        "mnm/interestprofiler/results",
        &[("answers", "123")],
        Lang::En
    )
    .unwrap()
    .is_personal());
    assert!(
        !CacheKey::new("mnm/interestprofiler/questions", &[], Lang::En)
            .unwrap()
            .is_personal()
    );
}

#[test]
fn cache_entries_carry_age_release_and_staleness() {
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions {
        cache_max_age: StdDuration::from_secs(3600),
        ..StoreOptions::default()
    };
    let (store, _) = Store::open_with(dir.path(), opts).unwrap();
    let fresh = CacheKey::new(
        "mnm/interestprofiler/questions",
        &[("start", "1")],
        Lang::En,
    )
    .unwrap();
    let old = CacheKey::new(
        "mnm/interestprofiler/questions",
        &[("start", "13")],
        Lang::En,
    )
    .unwrap();
    let body = json!({"question": [{"index": 1, "text": "Build kitchen cabinets"}]});
    let now = OffsetDateTime::now_utc();
    store.cache_put(&fresh, &body, Some("29.3"), now).unwrap();
    store
        .cache_put(&old, &body, Some("29.2"), now - Duration::hours(2))
        .unwrap();

    let f = store.cache_get(&fresh).unwrap().unwrap();
    assert_eq!(f.body, body);
    assert_eq!(f.release.as_deref(), Some("29.3"));
    assert!(!f.stale);
    assert!(f.age < StdDuration::from_secs(60));

    let o = store.cache_get(&old).unwrap().unwrap();
    assert!(o.stale, "two hours old with a one-hour max age");
    assert!(o.age >= StdDuration::from_secs(7200));
    assert_eq!(
        o.body, body,
        "stale entries are still returned for offline use"
    );

    // Same resource in another language is another entry.
    let es = CacheKey::new(
        "mnm/interestprofiler/questions",
        &[("start", "1")],
        Lang::Es,
    )
    .unwrap();
    assert_eq!(store.cache_get(&es).unwrap(), None);

    // Replacing refreshes it.
    store
        .cache_put(&old, &json!({"v": 2}), Some("29.3"), now)
        .unwrap();
    let o = store.cache_get(&old).unwrap().unwrap();
    assert!(!o.stale);
    assert_eq!(o.body, json!({"v": 2}));

    assert_eq!(store.cache_drop_other_releases("29.3").unwrap(), 0);
    store.cache_put(&es, &body, None, now).unwrap();
    assert_eq!(store.cache_drop_other_releases("29.3").unwrap(), 1);
    assert!(store.cache_remove(&fresh).unwrap());
    assert_eq!(store.cache_get(&fresh).unwrap(), None);
}

#[test]
fn default_cache_max_age_is_thirty_days() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let k = CacheKey::new("about", &[], Lang::En).unwrap();
    let now = OffsetDateTime::now_utc();
    store
        .cache_put(&k, &json!({}), None, now - Duration::days(29))
        .unwrap();
    assert!(!store.cache_get(&k).unwrap().unwrap().stale);
    store
        .cache_put(&k, &json!({}), None, now - Duration::days(31))
        .unwrap();
    assert!(store.cache_get(&k).unwrap().unwrap().stale);
}

// ---------- occupation pack ----------

fn pack(release: &str, n: usize) -> OccupationPack {
    OccupationPack {
        release: release.into(),
        source: OccupationPack::SOURCE_RELEASE_FILE.into(),
        occupations: (0..n)
            .map(|i| Occupation {
                code: format!("{:02}-{:04}.00", 11 + i % 40, i),
                title: format!("Occupation {i}"),
                job_zone: if i % 7 == 0 {
                    None
                } else {
                    Some((i % 5) as u8 + 1)
                },
                bright_outlook: [Some(true), Some(false), None][i % 3],
                interests: [1.0, 1.33, 7.0, 4.123_457, 2.5 + i as f32 / 1000.0, 6.99],
                high_point: "AS".into(),
            })
            .collect(),
    }
}

#[test]
fn pack_replace_load_and_info() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert_eq!(store.load_pack().unwrap(), None);
    assert_eq!(store.pack_info().unwrap(), None);
    let p1 = pack("29.2", 50);
    store.replace_pack(&p1, t0()).unwrap();
    let p2 = pack("29.3", 923);
    store.replace_pack(&p2, t0() + Duration::days(1)).unwrap();
    drop(store);

    let store = open(dir.path());
    assert_eq!(store.load_pack().unwrap().unwrap(), p2);
    let info = store.pack_info().unwrap().unwrap();
    assert_eq!(info.release, "29.3");
    assert_eq!(info.source, "release-file");
    assert_eq!(info.count, 923);
    assert_eq!(info.imported_at, t0() + Duration::days(1));
}

#[test]
fn failed_pack_replace_leaves_previous_pack() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let good = pack("29.2", 30);
    store.replace_pack(&good, t0()).unwrap();
    let mut bad = pack("29.3", 30);
    let dup = bad.occupations[3].code.clone();
    bad.occupations[20].code = dup; // fails half-way through the inserts
    let err = store.replace_pack(&bad, t0()).unwrap_err();
    assert_eq!(err.code(), "store.invalid_input");
    assert_eq!(store.load_pack().unwrap().unwrap(), good);
    assert_eq!(store.pack_info().unwrap().unwrap().release, "29.2");
}

// ---------- settings ----------

#[test]
fn settings_round_trip_and_refuse_secrets() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        store.set_setting("ui.language", "es").unwrap();
        store.set_setting("careers.page_size", &20).unwrap();
        store.set_setting("ui.language", "en").unwrap();
        for bad in ["onet.api_key", "ApiKey", "proxy.password", "auth_token"] {
            assert_eq!(
                store.set_setting(bad, "x").unwrap_err().code(),
                "store.invalid_input",
                "{bad}"
            );
        }
    }
    let store = open(dir.path());
    assert_eq!(
        store
            .get_setting::<String>("ui.language")
            .unwrap()
            .as_deref(),
        Some("en")
    );
    assert_eq!(
        store.get_setting::<u32>("careers.page_size").unwrap(),
        Some(20)
    );
    assert_eq!(store.get_setting::<u32>("missing").unwrap(), None);
    assert_eq!(store.settings().unwrap().len(), 2);
    assert!(store.delete_setting("ui.language").unwrap());
    assert!(!store.delete_setting("ui.language").unwrap());
    assert_eq!(
        store
            .get_setting::<String>("careers.page_size")
            .unwrap_err()
            .code(),
        "store.data"
    );
}

// ---------- export / import ----------

#[test]
fn json_export_imports_into_another_store_exactly() {
    let src_dir = tempfile::tempdir().unwrap();
    let dst_dir = tempfile::tempdir().unwrap();
    let src = open(src_dir.path());
    let all: Vec<Session> = (0..4).map(|n| session(n, 5)).collect();
    for s in &all {
        src.save_session(s).unwrap();
    }
    let json = src.export_json(None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "waypoint.sessions");
    assert_eq!(v["version"], 1);
    assert_eq!(v["sessions"].as_array().unwrap().len(), 4);

    let dst = open(dst_dir.path());
    let report = dst.import_json(&json, ImportMode::KeepExisting).unwrap();
    assert_eq!(report.imported.len(), 4);
    for s in &all {
        assert_eq!(dst.get_session(&s.id).unwrap(), *s);
    }

    // Again: everything is recognised as already there.
    let report = dst.import_json(&json, ImportMode::KeepExisting).unwrap();
    assert!(report.imported.is_empty());
    assert_eq!(report.skipped_identical.len(), 4);

    // Exporting one.
    let one = src.export_json(Some(&[all[2].id.as_str()])).unwrap();
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["sessions"][0]["id"], all[2].id.as_str());
    assert_eq!(v["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(
        src.export_json(Some(&["missing"])).unwrap_err().code(),
        "store.not_found"
    );
}

#[test]
fn import_reports_conflicts_and_overwrites_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let a = session(1, 2);
    let b = session(2, 2);
    store.save_session(&a).unwrap();
    store.save_session(&b).unwrap();

    let mut a_changed = a.clone();
    a_changed.label = Some("edited elsewhere".into());
    let c = session(3, 2);
    let file = json!({
        "format": "waypoint.sessions",
        "version": 1,
        "exported_at": "2026-11-29T08:15:00Z",
        "sessions": [a_changed, b, c],
    })
    .to_string();

    let r = store.import_json(&file, ImportMode::KeepExisting).unwrap();
    assert_eq!(r.imported, vec![c.id.clone()]);
    assert_eq!(r.skipped_identical, vec![b.id.clone()]);
    assert_eq!(r.conflicting, vec![a.id.clone()]);
    assert!(r.overwritten.is_empty());
    assert_eq!(store.get_session(&a.id).unwrap(), a, "not overwritten");

    let r = store.import_json(&file, ImportMode::Overwrite).unwrap();
    assert_eq!(r.overwritten, vec![a.id.clone()]);
    assert_eq!(r.skipped_identical.len(), 2);
    assert_eq!(store.get_session(&a.id).unwrap(), a_changed);
}

#[test]
fn invalid_imports_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let good = session(1, 1);
    let mut bad = session(2, 1);
    bad.job_zone = Some(9);
    let cases = [
        "not json".to_owned(),
        json!({"sessions": []}).to_string(),
        json!({"format": "something.else", "version": 1, "sessions": []}).to_string(),
        json!({"format": "waypoint.sessions", "version": 2, "exported_at": "2026-11-29T08:15:00Z", "sessions": []}).to_string(),
        json!({"format": "waypoint.sessions", "version": 1, "exported_at": "2026-11-29T08:15:00Z", "sessions": [{"id": 1}]}).to_string(),
        json!({"format": "waypoint.sessions", "version": 1, "exported_at": "2026-11-29T08:15:00Z", "sessions": [good, bad]}).to_string(),
    ];
    for (i, file) in cases.iter().enumerate() {
        let err = store.import_json(file, ImportMode::Overwrite).unwrap_err();
        assert_eq!(err.code(), "store.import_invalid", "case {i}: {err}");
    }
    assert!(store.list_sessions().unwrap().is_empty(), "all or nothing");
    let newer = store
        .import_json(&cases[3], ImportMode::KeepExisting)
        .unwrap_err();
    assert!(newer.to_string().contains("newer Waypoint"), "{newer}");
}

#[test]
fn csv_export_has_one_row_per_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut a = session(1, 3);
    a.label = Some("=HYPERLINK(\"x\"), \"quoted\"".into());
    let mut b = session(2, 3);
    b.form = Form::Typed;
    b.answers = None;
    b.job_zone = None;
    b.label = None;
    store.save_session(&a).unwrap();
    store.save_session(&b).unwrap();

    let text = store.export_csv(None).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "id",
            "finished",
            "form",
            "lang",
            "label",
            "realistic",
            "investigative",
            "artistic",
            "social",
            "enterprising",
            "conventional",
            "code",
            "zone"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // newest first: b then a
    assert_eq!(&rows[0][0], b.id.as_str());
    assert_eq!(&rows[0][2], "typed");
    assert_eq!(&rows[0][4], "");
    assert_eq!(&rows[0][12], "");
    assert_eq!(&rows[1][0], a.id.as_str());
    assert_eq!(&rows[1][3], "es");
    assert_eq!(&rows[1][4], "'=HYPERLINK(\"x\"), \"quoted\"");
    let scores: Vec<&str> = (5..11).map(|i| &rows[1][i]).collect();
    assert_eq!(scores, ["1", "12", "30", "7", "1", "20"]);
    assert_eq!(&rows[1][11], "ACI");
    assert_eq!(&rows[1][12], "2");
    assert_eq!(
        OffsetDateTime::parse(&rows[1][1], &time::format_description::well_known::Rfc3339).unwrap(),
        a.finished_at
    );
}

// ---------- forget everything ----------

fn file_bytes(store: &Store) -> Vec<u8> {
    let mut all = std::fs::read(store.path()).unwrap();
    let mut wal = store.path().as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(wal) {
        all.extend(w);
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn forget_everything_removes_personal_data_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut s = session(1, 20);
    s.label = Some("MARKER-LABEL-Ana".into());
    s.careers[2].rows[4].title = "MARKER-CAREER-TITLE".into();
    store.save_session(&s).unwrap();
    store.save_session(&session(2, 20)).unwrap();
    let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
    store.record_answer(&d.id, 0, 5).unwrap();

    let answers = "5".repeat(60);
    let personal = CacheKey::new(
        "mnm/interestprofiler/careers",
        &[("answers", &answers)],
        Lang::En,
    )
    .unwrap();
    let flagged = CacheKey::new("mnm/interestprofiler/job_zones", &[], Lang::En)
        .unwrap()
        .personal();
    let public = CacheKey::new("mnm/interestprofiler/questions", &[], Lang::En).unwrap();
    let now = OffsetDateTime::now_utc();
    store
        .cache_put(
            &personal,
            &json!({"career": "MARKER-PERSONAL-CACHE"}),
            None,
            now,
        )
        .unwrap();
    store
        .cache_put(&flagged, &json!({"x": "MARKER-FLAGGED"}), None, now)
        .unwrap();
    store
        .cache_put(
            &public,
            &json!({"q": "PUBLIC-QUESTIONS-TEXT"}),
            Some("29.3"),
            now,
        )
        .unwrap();
    store.replace_pack(&pack("29.3", 10), t0()).unwrap();
    store.set_setting("ui.language", "es").unwrap();

    let before = file_bytes(&store);
    for m in [
        "MARKER-LABEL-Ana",
        "MARKER-CAREER-TITLE",
        "MARKER-PERSONAL-CACHE",
    ] {
        assert!(contains(&before, m), "{m} should be in the file before");
    }

    let report = store.forget_everything().unwrap();
    assert_eq!(
        (report.sessions, report.drafts, report.cache_entries),
        (2, 1, 2)
    );

    assert!(store.list_sessions().unwrap().is_empty());
    assert_eq!(store.resume().unwrap(), None);
    assert_eq!(store.cache_get(&personal).unwrap(), None);
    assert_eq!(store.cache_get(&flagged).unwrap(), None);
    assert!(
        store.cache_get(&public).unwrap().is_some(),
        "questions kept"
    );
    assert_eq!(store.pack_info().unwrap().unwrap().count, 10, "pack kept");
    assert_eq!(
        store
            .get_setting::<String>("ui.language")
            .unwrap()
            .as_deref(),
        Some("es"),
        "settings kept"
    );

    let after = file_bytes(&store);
    for m in [
        "MARKER-LABEL-Ana",
        "MARKER-CAREER-TITLE",
        "MARKER-PERSONAL-CACHE",
        "MARKER-FLAGGED",
        &answers,
    ] {
        assert!(!contains(&after, m), "{m} is still in the file");
    }
    assert!(
        contains(&after, "PUBLIC-QUESTIONS-TEXT"),
        "kept data is readable"
    );
    let mut wal = store.path().as_os_str().to_owned();
    wal.push("-wal");
    let wal_len = std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_len, 0, "WAL truncated");
    store.quick_check().unwrap();

    // Still fully usable afterwards.
    let again = session(3, 1);
    store.save_session(&again).unwrap();
    assert_eq!(store.list_sessions().unwrap().len(), 1);
}

// ---------- updates after filing ----------

#[test]
fn careers_tabs_and_zone_can_be_filled_in_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let full = session(4, 3);
    let mut s = full.clone();
    s.careers.clear();
    s.job_zone = None;
    store.save_session(&s).unwrap();

    for tab in &full.careers {
        store.put_session_careers(&s.id, tab).unwrap();
    }
    store.set_session_zone(&s.id, full.job_zone).unwrap();
    assert_eq!(store.get_session(&s.id).unwrap(), full);

    // Fetching a tab again replaces its rows and keeps its place.
    let mut again = full.careers[2].clone();
    again.rows.truncate(1);
    again.total = 1;
    store.put_session_careers(&s.id, &again).unwrap();
    let back = store.get_session(&s.id).unwrap();
    assert_eq!(back.careers[2], again);
    assert_eq!(back.careers.len(), 6);
    assert_eq!(back.careers[5], full.careers[5]);

    assert_eq!(
        store.set_session_zone(&s.id, Some(6)).unwrap_err().code(),
        "store.invalid_input"
    );
    assert_eq!(
        store
            .put_session_careers("missing", &again)
            .unwrap_err()
            .code(),
        "store.not_found"
    );
    store.set_session_zone(&s.id, None).unwrap();
    assert_eq!(store.get_session(&s.id).unwrap().job_zone, None);
}

#[test]
fn draft_language_can_change_mid_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
    store.record_answer(&d.id, 0, 4).unwrap();
    store.set_draft_lang(&d.id, Lang::Es).unwrap();
    let back = store.get_draft(&d.id).unwrap();
    assert_eq!(back.lang, Lang::Es);
    assert_eq!(back.answers[0], Some(4));
    assert_eq!(
        store
            .set_draft_lang("missing", Lang::Es)
            .unwrap_err()
            .code(),
        "store.not_found"
    );
}

#[test]
fn wipe_visitor_leaves_no_draft_or_personal_cache_in_the_file_or_wal() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let kept = session(1, 5);
    store.save_session(&kept).unwrap();
    let public = CacheKey::new("mnm/interestprofiler/questions", &[], Lang::En).unwrap();
    let now = OffsetDateTime::now_utc();
    store
        .cache_put(&public, &json!({"q": "PUBLIC-QUESTIONS-TEXT"}), None, now)
        .unwrap();
    // Flush what came before the visitor into the main file, so every visitor byte found
    // below sits in the WAL — the copy a plain DELETE would leave behind.
    store.forget_everything().unwrap();
    store.save_session(&kept).unwrap();

    let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
    for i in 0..60 {
        store.record_answer(&d.id, i, (i % 5 + 1) as u8).unwrap();
    }
    let answers = "12345".repeat(12);
    let personal = CacheKey::new(
        "mnm/interestprofiler/careers",
        &[("answers", &answers)],
        Lang::En,
    )
    .unwrap();
    store
        .cache_put(&personal, &json!({"career": "MARKER-VISITOR"}), None, now)
        .unwrap();

    let before = file_bytes(&store);
    for m in [d.id.as_str(), answers.as_str(), "MARKER-VISITOR"] {
        assert!(
            contains(&before, m),
            "{m} should be on disk before the wipe"
        );
    }

    let report = store.wipe_visitor().unwrap();
    assert_eq!(
        (report.sessions, report.drafts, report.cache_entries),
        (0, 1, 1)
    );
    let after = file_bytes(&store);
    for m in [d.id.as_str(), answers.as_str(), "MARKER-VISITOR"] {
        assert!(!contains(&after, m), "{m} is still on disk after the wipe");
    }
    let mut wal = store.path().as_os_str().to_owned();
    wal.push("-wal");
    assert_eq!(std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0), 0);
    assert_eq!(store.resume().unwrap(), None);
    assert!(
        store.cache_get(&public).unwrap().is_some(),
        "questions kept"
    );
    assert_eq!(store.list_sessions().unwrap().len(), 1, "saved result kept");
    store.quick_check().unwrap();
}

// ---------- hostile imports ----------

fn export_of(sessions: &[Session]) -> String {
    json!({
        "format": "waypoint.sessions",
        "version": 1,
        "exported_at": "2026-11-29T08:15:00Z",
        "sessions": sessions,
    })
    .to_string()
}

#[test]
fn import_refuses_long_or_direction_tricked_labels_and_oversized_content() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut ok = session(1, 1);
    ok.label = Some("é".repeat(LABEL_MAX_CHARS));
    let reject = |mutate: &dyn Fn(&mut Session), expect: &str| {
        let mut s = session(2, 1);
        mutate(&mut s);
        let err = store
            .import_json(&export_of(&[ok.clone(), s]), ImportMode::KeepExisting)
            .unwrap_err();
        assert_eq!(err.code(), "store.import_invalid", "{err}");
        assert!(err.to_string().contains(expect), "{err}");
    };
    reject(
        &|s| s.label = Some("x".repeat(LABEL_MAX_CHARS + 1)),
        "longer than 80",
    );
    for c in [
        '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}',
    ] {
        let code = format!("U+{:04X}", u32::from(c));
        reject(&|s| s.label = Some(format!("Ana{c}fdp.exe")), &code);
    }
    reject(
        &|s| s.careers[0].rows[0].title = "t".repeat(CAREER_TITLE_MAX_CHARS + 1),
        "career title",
    );
    reject(
        &|s| {
            let row = s.careers[0].rows[0].clone();
            s.careers[0].rows = vec![row; CAREERS_PER_TAB_MAX + 1];
        },
        "more than",
    );
    assert!(store.list_sessions().unwrap().is_empty(), "all or nothing");

    // Files past the size cap are refused before parsing.
    let mut big = export_of(&[ok.clone()]);
    big.push_str(&" ".repeat(IMPORT_MAX_BYTES));
    let err = store
        .import_json(&big, ImportMode::KeepExisting)
        .unwrap_err();
    assert!(err.to_string().contains("64 MiB"), "{err}");

    // At the limits, the import goes through.
    let r = store
        .import_json(&export_of(&[ok.clone()]), ImportMode::KeepExisting)
        .unwrap();
    assert_eq!(r.imported, vec![ok.id.clone()]);
}

#[test]
fn a_failure_in_the_middle_of_an_import_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let before = session(9, 1);
    store.save_session(&before).unwrap();
    let batch: Vec<Session> = (0..5).map(|n| session(n, 3)).collect();
    // A write-time failure on the fourth result: the first three are already written in
    // the import's transaction when it fires.
    let raw = rusqlite::Connection::open(store.path()).unwrap();
    raw.execute_batch(&format!(
        "CREATE TRIGGER fail_fourth BEFORE INSERT ON sessions WHEN NEW.id = '{}'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        batch[3].id
    ))
    .unwrap();
    drop(raw);
    let err = store
        .import_json(&export_of(&batch), ImportMode::KeepExisting)
        .unwrap_err();
    assert!(err.to_string().contains("injected failure"), "{err}");
    let ids: Vec<String> = store
        .list_sessions()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        ids,
        vec![before.id.clone()],
        "nothing of the import is kept"
    );
    let raw = rusqlite::Connection::open(store.path()).unwrap();
    let tabs: i64 = raw
        .query_row("SELECT count(*) FROM session_tabs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tabs, 6, "only the earlier result's tabs");
}

#[test]
fn the_cache_keeps_to_its_size_by_dropping_least_recently_used_shared_entries() {
    let dir = tempfile::tempdir().unwrap();
    // Each body below serializes to a little over 10 KB; room for about three of them.
    let opts = StoreOptions {
        cache_max_bytes: 35_000,
        ..StoreOptions::default()
    };
    let (store, _) = Store::open_with(dir.path(), opts).unwrap();
    let key =
        |n: u32| CacheKey::new("mnm/careers", &[("start", &n.to_string())], Lang::En).unwrap();
    let body = json!({ "pad": "x".repeat(10_000) });
    let now = OffsetDateTime::now_utc();
    let personal = CacheKey::new(
        "mnm/interestprofiler/careers",
        &[("answers", "1".repeat(60).as_str())],
        Lang::En,
    )
    .unwrap();
    store.cache_put(&personal, &body, None, now).unwrap();
    store.cache_put(&key(1), &body, None, now).unwrap();
    store.cache_put(&key(2), &body, None, now).unwrap();
    // Reading 1 makes 2 the least recently used.
    assert!(store.cache_get(&key(1)).unwrap().is_some());
    store.cache_put(&key(3), &body, None, now).unwrap();
    assert!(store.cache_get(&key(2)).unwrap().is_none(), "LRU dropped");
    assert!(store.cache_get(&key(1)).unwrap().is_some());
    assert!(store.cache_get(&key(3)).unwrap().is_some());
    assert!(
        store.cache_get(&personal).unwrap().is_some(),
        "personal entries are never evicted"
    );
    // Many more writes never grow past the bound.
    for n in 4..40 {
        store.cache_put(&key(n), &body, None, now).unwrap();
    }
    let raw = rusqlite::Connection::open(store.path()).unwrap();
    let (rows, bytes): (i64, i64) = raw
        .query_row(
            "SELECT count(*), sum(length(CAST(body AS BLOB))) FROM cache",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(bytes <= 35_000, "{bytes} bytes in {rows} rows");
    assert_eq!(rows, 3, "the personal entry and the two newest");
    assert!(store.cache_get(&key(39)).unwrap().is_some());
    assert!(store.cache_get(&personal).unwrap().is_some());
}
