//! The UI's mock IPC (`ui/src/mocks/ipc.ts`, used by the Chromium tests) computes nothing: it
//! looks answers up in `ui/src/mocks/fixtures/*.json`, recorded here from the real services
//! against the O*NET test server. This test fails when those files are stale;
//! `WAYPOINT_UPDATE_FIXTURES=1 cargo test -p waypoint-services --test ui_fixtures`
//! (or `cargo xtask fixtures`) rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Serialize;
use serde_json::{json, Value};
use waypoint_onet::RetryPolicy;
use waypoint_onet_testserver::{Fault, FaultRule, TestServer};
use waypoint_profiler::{Form, Tab};
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{Lang, Outcome, SessionDetail, SessionQuery};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

/// O*NET's own example answer string: R27 I13 A23 S25 E14 C14.
const EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";
/// The Mini-IP as the Chromium test clicks it: item i gets (i mod 5) + 1.
const MINI: &str = "234512345123451234512345123451";
/// The scores `typedToResults` types by default (the same profile as EXAMPLE).
const TYPED: [u32; 6] = [27, 13, 23, 25, 14, 14];
/// History's test result.
const HISTORY: [u32; 6] = [30, 12, 18, 20, 15, 10];

/// When the prepared parts say they were cached (the real time varies from run to run).
const PREPARED_AT: &str = "2026-03-02T09:30:00Z";

/// Keywords the search box is tested with: a word of many synthetic titles, and a typo of it
/// (found offline only: O*NET's search and the test server's do not correct typos).
const SEARCHES: &[&str] = &["analysts", "analysst"];

/// Browse pages: every area on "all", and every Job Zone tab of Artistic.
fn browse_cases() -> Vec<(waypoint_profiler::Area, Tab)> {
    let mut out: Vec<_> = waypoint_profiler::Area::ALL
        .into_iter()
        .map(|a| (a, Tab::All))
        .collect();
    out.extend(
        Tab::ALL
            .into_iter()
            .filter(|t| *t != Tab::All)
            .map(|t| (waypoint_profiler::Area::Artistic, t)),
    );
    out
}

/// Answer strings (form, lang, answers) whose outcomes the mock knows.
const ANSWERS: &[(Form, Lang, &str)] = &[
    (Form::Ip60, Lang::En, EXAMPLE),
    (Form::Ip60, Lang::Es, EXAMPLE),
    (Form::Ip30, Lang::En, MINI),
    // All "Unsure": a flat profile.
    (
        Form::Ip60,
        Lang::En,
        "333333333333333333333333333333333333333333333333333333333333",
    ),
];

/// Typed scores (form, lang, scores) whose outcomes the mock knows.
const TYPED_SCORES: &[(Form, Lang, [u32; 6])] = &[
    (Form::Ip60, Lang::En, TYPED),
    (Form::Ip60, Lang::Es, TYPED),
    (Form::Ip60, Lang::En, HISTORY),
    // Flat: all six equal (Rust's rule), the only profile that matches no careers.
    (Form::Ip60, Lang::En, [20, 20, 20, 20, 20, 20]),
    // Nearly flat but not equal: a normal profile with a code.
    (Form::Ip60, Lang::En, [20, 20, 21, 20, 19, 20]),
    // Investigative and artistic tie for first.
    (Form::Ip60, Lang::En, [12, 30, 30, 18, 9, 9]),
    (Form::Ip30, Lang::En, [12, 5, 9, 16, 3, 7]),
];

/// Careers pages (scores, lang, tab, pages, open the first career's report) recorded from O*NET
/// (the test server).
type CareersCase = ([u32; 6], Lang, &'static str, &'static [u32], bool);
const CAREERS: &[CareersCase] = &[
    (TYPED, Lang::En, "all", &[1], true),
    (TYPED, Lang::En, "1", &[1], false),
    (TYPED, Lang::En, "2", &[1, 2, 3], false),
    (TYPED, Lang::En, "3", &[1], false),
    (TYPED, Lang::En, "4", &[1], true),
    (TYPED, Lang::En, "5", &[1], false),
    // Back to the careers from a report read in Spanish (every tab: the tab names carry counts).
    (TYPED, Lang::Es, "all", &[1], false),
    (TYPED, Lang::Es, "1", &[1], false),
    (TYPED, Lang::Es, "2", &[1], false),
    (TYPED, Lang::Es, "3", &[1], false),
    (TYPED, Lang::Es, "4", &[1], false),
    (TYPED, Lang::Es, "5", &[1], false),
    (HISTORY, Lang::En, "all", &[1], false),
    (HISTORY, Lang::En, "1", &[1], false),
    (HISTORY, Lang::En, "2", &[1], false),
    (HISTORY, Lang::En, "3", &[1], false),
    (HISTORY, Lang::En, "4", &[1], false),
    (HISTORY, Lang::En, "5", &[1], false),
];

/// Careers pages (scores, tabs) recorded as the offline estimate from the occupation pack.
const ESTIMATES: &[([u32; 6], &[&str])] = &[(TYPED, &["2"])];

/// Questionnaires (form, lang, from O*NET): English is bundled; Spanish comes from O*NET, or
/// is the bundled English with a notice when there is no key.
const QUESTIONNAIRES: &[(Form, Lang, bool)] = &[
    (Form::Ip60, Lang::En, false),
    (Form::Ip30, Lang::En, false),
    (Form::Ip60, Lang::Es, false),
    (Form::Ip60, Lang::Es, true),
    (Form::Ip30, Lang::Es, true),
];

/// Label searches in the seeded history the mock can answer, and the UI's history page size.
const HISTORY_SEARCHES: &[&str] = &["paper", "nobody"];
const HISTORY_PAGE: u32 = 20;

/// A loopback port nothing listens on: O*NET unreachable.
const OFFLINE: &str = "http://127.0.0.1:9/";

/// The O*NET address the mock's `app_info` reports.
const MOCK_BASE: &str = "http://127.0.0.1:8787";

const FIXTURES: &str = "../../ui/src/mocks/fixtures";

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    d.canonicalize().unwrap_or(d)
}

fn lang_str(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Es => "es",
    }
}

fn form_str(f: Form) -> String {
    serde_json::to_value(f)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn csv(v: [u32; 6]) -> String {
    v.map(|x| x.to_string()).join(",")
}

/// One entry per line, each compact: small files whose diffs still read well.
fn render<T: Serialize>(map: &BTreeMap<String, T>) -> String {
    let mut out = String::from("{\n");
    let n = map.len();
    for (i, (k, v)) in map.iter().enumerate() {
        out.push_str(&format!(
            "{}: {}{}\n",
            serde_json::to_string(k).unwrap(),
            serde_json::to_string(v).unwrap(),
            if i + 1 < n { "," } else { "" }
        ));
    }
    out.push_str("}\n");
    out
}

fn services(base: &str, dir: &Path) -> Services {
    let (store, _) = Store::open(dir).unwrap();
    let mut settings = OnetSettings::new(base);
    settings.retry = RetryPolicy::none();
    let s = Services::new(
        store,
        KeyStore::new("org.waypoint.profiler.tests", "ui-fixtures"),
        settings,
    );
    s.use_key(SecretString::from("test-key".to_string()));
    s
}

async fn submit_answers(
    s: &Services,
    form: Form,
    lang: Lang,
    answers: &str,
    label: Option<String>,
) -> Outcome {
    let d = s.start_draft(form, lang).unwrap();
    for (i, c) in answers.chars().enumerate() {
        s.record_answer(&d.id, i as u32 + 1, c.to_digit(10).unwrap() as u8)
            .unwrap();
    }
    s.submit_answers(&d.id, label).await.unwrap()
}

/// What the mock takes from an outcome and from the result filed in history; the id, the
/// save flag and the O*NET check are the mock's own state.
fn outcome_fixture(s: &Services, o: &Outcome) -> Value {
    let d = s.get_session(&o.session_id).unwrap();
    json!({
        "form": o.form,
        "scores": o.scores,
        "max_per_area": o.max_per_area,
        "code": o.code,
        "top_areas": o.top_areas,
        "flat": o.flat,
        "history": { "form": d.form, "code": d.code, "max_per_area": d.max_per_area },
    })
}

/// A seeded history entry: fixed id and times, so the file does not change from run to run.
fn seed(mut d: SessionDetail, id: &str, at: &str) -> SessionDetail {
    d.id = id.to_string();
    d.started_at = at.to_string();
    d.finished_at = at.to_string();
    for t in &mut d.snapshot {
        for r in &mut t.rows {
            r.fetched_at = at.to_string();
        }
    }
    d
}

async fn record() -> Vec<(&'static str, String)> {
    let server = TestServer::start("test-key").await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let s = services(server.base_url(), tmp.path());

    // Reference data and questionnaires: bundled (no key or English) and O*NET's Spanish.
    let mut questionnaires = BTreeMap::new();
    for &(form, lang, api) in QUESTIONNAIRES {
        let q = if api {
            let mut q = s.questionnaire(form, lang).await.unwrap();
            assert_eq!(q.source, waypoint_services::dto::Source::Api);
            q.fetched_at = None;
            q
        } else {
            waypoint_services::questionnaire::bundled(form, lang)
        };
        let source = if api { "api" } else { "bundled" };
        questionnaires.insert(format!("{} {} {source}", form_str(form), lang_str(lang)), q);
    }
    let reference = serde_json::to_string_pretty(&json!({
        "job_zones": waypoint_services::results::job_zones(),
        "areas": waypoint_services::results::areas(),
    }))
    .unwrap()
        + "\n";

    // The offline estimate: the pack from O*NET, then the same store with O*NET unreachable
    // (a closed port: the same refusal every run, where a dropped connection varies).
    s.download_pack(&mut |_| {}).await.unwrap();
    let mut careers = BTreeMap::new();
    let offline = services(OFFLINE, tmp.path());
    for (scores, tabs) in ESTIMATES {
        let o = offline
            .submit_scores(Form::Ip60, *scores, Lang::En, None)
            .unwrap();
        for tab in *tabs {
            // Every page: the UI fetches the whole tab to filter it and to split the careers
            // that have a fit band from the rest.
            let mut page = 1;
            loop {
                let p = offline
                    .careers(&o.session_id, tab_of(tab), page, Lang::En)
                    .await
                    .unwrap();
                assert_eq!(p.source, waypoint_services::dto::Source::Estimate);
                let done = page * p.page_size >= p.total;
                careers.insert(format!("{} {tab} {page} en estimate", csv(*scores)), p);
                if done {
                    break;
                }
                page += 1;
            }
        }
    }
    // Search and browse offline (from the pack, with O*NET unreachable), then from O*NET.
    let mut search = BTreeMap::new();
    for k in SEARCHES {
        let p = offline.search_careers(k, 1, Lang::En).await.unwrap();
        assert_eq!(p.source, waypoint_services::dto::Source::Estimate);
        search.insert(format!("search {k} 1 en estimate"), json!(p));
    }
    for (area, tab) in browse_cases() {
        let p = offline
            .browse_careers(area, tab, 1, Lang::En)
            .await
            .unwrap();
        search.insert(
            format!("browse {} {} 1 en estimate", area.as_str(), tab.key()),
            json!(p),
        );
    }
    drop(offline);
    for lang in [Lang::En, Lang::Es] {
        for k in SEARCHES {
            let p = s.search_careers(k, 1, lang).await.unwrap();
            assert_eq!(p.source, waypoint_services::dto::Source::Api);
            search.insert(format!("search {k} 1 {} api", lang_str(lang)), json!(p));
        }
        for (area, tab) in browse_cases() {
            let p = s.browse_careers(area, tab, 1, lang).await.unwrap();
            search.insert(
                format!(
                    "browse {} {} 1 {} api",
                    area.as_str(),
                    tab.key(),
                    lang_str(lang)
                ),
                json!(p),
            );
        }
    }

    let mut outcomes = BTreeMap::new();
    for (form, lang, answers) in ANSWERS {
        let o = submit_answers(&s, *form, *lang, answers, None).await;
        outcomes.insert(
            format!("{} {} {answers}", form_str(*form), lang_str(*lang)),
            outcome_fixture(&s, &o),
        );
    }
    for (form, lang, scores) in TYPED_SCORES {
        let o = s.submit_scores(*form, *scores, *lang, None).unwrap();
        outcomes.insert(
            format!(
                "typed-{} {} {}",
                form_str(*form),
                lang_str(*lang),
                csv(*scores)
            ),
            outcome_fixture(&s, &o),
        );
    }

    let mut reports = BTreeMap::new();
    for &(scores, lang, tab, pages, report) in CAREERS {
        let o = s.submit_scores(Form::Ip60, scores, lang, None).unwrap();
        for &page in pages {
            let mut p = s
                .careers(&o.session_id, tab_of(tab), page, lang)
                .await
                .unwrap();
            assert_eq!(p.source, waypoint_services::dto::Source::Api);
            p.fetched_at = None;
            // The first career can be opened, in both languages.
            if page == 1 && report {
                let code = &p.rows[0].code;
                let mut codes = vec![code.clone()];
                for l in [Lang::En, Lang::Es] {
                    let mut rep = s.career_report(&codes[0], l).await.unwrap();
                    rep.fetched_at = None;
                    // Its first related career opens in the app too.
                    if codes.len() == 1 {
                        codes.extend(related_code(&rep));
                    }
                    reports.insert(format!("{code} {}", lang_str(l)), rep);
                }
                for related in &codes[1..] {
                    for l in [Lang::En, Lang::Es] {
                        let mut rep = s.career_report(related, l).await.unwrap();
                        rep.fetched_at = None;
                        reports.insert(format!("{related} {}", lang_str(l)), rep);
                    }
                }
            }
            let key = format!("{} {tab} {page} {} api", csv(scores), lang_str(lang));
            careers.insert(key, p);
        }
    }

    // History's two seeded results, and their comparison both ways.
    let march = submit_answers(&s, Form::Ip60, Lang::En, EXAMPLE, Some("Maria".into())).await;
    let january = s
        .submit_scores(
            Form::Ip60,
            [22, 16, 19, 29, 11, 17],
            Lang::En,
            Some("Maria (paper)".into()),
        )
        .unwrap();
    let ids = [
        (
            march.session_id.as_str(),
            "s-2025-03",
            "2025-03-14T15:20:00Z",
            3,
        ),
        (
            january.session_id.as_str(),
            "s-2025-01",
            "2025-01-09T10:05:00Z",
            2,
        ),
    ];
    let mut sessions = vec![];
    for (real, id, at, zone) in ids {
        s.choose_zone(real, Some(zone)).unwrap();
        s.careers(real, tab_of(&zone.to_string()), 1, Lang::En)
            .await
            .unwrap();
        sessions.push(seed(s.get_session(real).unwrap(), id, at));
    }
    // "Keep exploring" from a saved result: every tab's first page, asked after the snapshot
    // above was taken so the seeded results stay as they were seen.
    for (real, _, _, _) in ids {
        let d = s.get_session(real).unwrap();
        let by = d.answers.clone().unwrap_or_else(|| {
            csv(waypoint_profiler::model::Area::ALL.map(|a| u32::from(d.scores.get(a))))
        });
        for tab in ["all", "1", "2", "3", "4", "5"] {
            let mut p = s.careers(real, tab_of(tab), 1, Lang::En).await.unwrap();
            p.fetched_at = None;
            careers.insert(format!("{by} {tab} 1 en api"), p);
        }
    }
    let mut history = BTreeMap::new();
    history.insert("sessions".to_string(), json!(sessions));
    for (a, b) in [(0, 1), (1, 0)] {
        let mut c = s.compare_sessions(ids[a].0, ids[b].0).unwrap();
        for (sum, i) in [(&mut c.a, a), (&mut c.b, b)] {
            sum.id = ids[i].1.to_string();
            sum.finished_at = ids[i].2.to_string();
        }
        history.insert(format!("compare {} {}", ids[a].1, ids[b].1), json!(c));
    }

    // History searches by label, as the UI asks for them (its page size), ids and times as seeded.
    for label in HISTORY_SEARCHES {
        let mut page = s
            .list_sessions_page(&SessionQuery {
                label: Some(label.to_string()),
                after: None,
                limit: HISTORY_PAGE,
            })
            .unwrap();
        for item in &mut page.items {
            let (_, id, at, _) = ids
                .iter()
                .find(|x| x.0 == item.id)
                .expect("a seeded result");
            item.id = id.to_string();
            item.finished_at = at.to_string();
        }
        history.insert(
            format!("list_sessions_page {label}||{HISTORY_PAGE}"),
            json!(page),
        );
    }

    // "Show more" on the first keyword.
    let p = s.search_careers(SEARCHES[0], 2, Lang::En).await.unwrap();
    search.insert(format!("search {} 2 en api", SEARCHES[0]), json!(p));

    // The report the search test opens: the first career found for the first keyword.
    let first = s.search_careers(SEARCHES[0], 1, Lang::En).await.unwrap();
    let code = &first.rows[0].code;
    for l in [Lang::En, Lang::Es] {
        let mut rep = s.career_report(code, l).await.unwrap();
        rep.fetched_at = None;
        reports.insert(format!("{code} {}", lang_str(l)), rep);
    }

    // "Prepare for offline use" on a store of its own: its progress, a complete summary, the
    // Spanish Job Zones it saved, then a run whose Spanish Job Zones fail (the rest kept).
    let prep_dir = tempfile::tempdir().unwrap();
    let p = services(server.base_url(), prep_dir.path());
    let mut progress = Vec::new();
    let complete = p.prepare_offline(&mut |x| progress.push(x)).await.unwrap();
    let zones_es = p.job_zones(Lang::Es);
    server.set_faults(vec![FaultRule::new(
        "mpp/interestprofiler/job_zones",
        Fault::Status { status: 503 },
    )]);
    let partial = p.prepare_offline(&mut |_| {}).await.unwrap();
    server.clear_faults();
    assert!(complete.complete && !partial.complete);
    let fixed_times = |mut s: waypoint_services::prepare::PrepareSummary| {
        for part in &mut s.parts {
            if part.cached_at.is_some() {
                part.cached_at = Some(PREPARED_AT.to_string());
            }
        }
        s
    };
    let prepare = serde_json::to_string_pretty(&json!({
        "progress": progress,
        "complete": fixed_times(complete),
        "partial": fixed_times(partial),
        "job_zones_es": zones_es,
    }))
    .unwrap()
        + "\n";

    // O*NET's links name the test server's random port: the mock's fixed base instead.
    let base = server.base_url().trim_end_matches('/').to_string();
    [
        ("outcomes.json", render(&outcomes)),
        ("careers.json", render(&careers)),
        ("reports.json", render(&reports)),
        ("questionnaires.json", render(&questionnaires)),
        ("history.json", render(&history)),
        ("search.json", render(&search)),
        ("reference.json", reference),
        ("kiosk.json", kiosk_pin_pad()),
        ("prepare.json", prepare),
    ]
    .into_iter()
    .map(|(name, text)| (name, text.replace(&base, MOCK_BASE)))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_fixtures_are_recorded_from_the_real_code_and_fresh() {
    let files = record().await;
    let dir = dir();
    if std::env::var_os("WAYPOINT_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, fresh) in &files {
            std::fs::write(dir.join(name), fresh).unwrap();
        }
        return;
    }
    let stale: Vec<&str> = files
        .iter()
        .filter(|(name, fresh)| {
            std::fs::read_to_string(dir.join(name)).unwrap_or_default() != *fresh
        })
        .map(|(name, _)| *name)
        .collect();
    assert!(
        stale.is_empty(),
        "{} stale in {}: run `cargo xtask fixtures` and commit the result",
        stale.join(", "),
        dir.display()
    );
}

/// The first career of a report's "Explore More" section.
fn related_code(rep: &waypoint_services::dto::CareerReport) -> Option<String> {
    rep.sections
        .iter()
        .find(|s| s.id == "explore_more")?
        .content
        .pointer("/careers/0/code")?
        .as_str()
        .map(str::to_string)
}

/// The real PIN pad's answers to wrong PINs typed one after another without waiting, and the
/// status it then reports: the mock replays them instead of knowing the back-off rule.
fn kiosk_pin_pad() -> String {
    use std::time::{Duration, UNIX_EPOCH};
    use waypoint_kiosk::{LockState, PinPad, FREE_TRIES};
    let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let hash = waypoint_kiosk::hash_pin("2468").unwrap();
    let mut pad = PinPad::new(Some(hash), LockState::default());
    let fresh = pad.status(now);
    let wrong_pins: Vec<Value> = (0..FREE_TRIES + 2)
        .map(|_| {
            let error = pad.verify("1111", now).unwrap_err();
            json!({ "error": error, "pin": pad.status(now) })
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "fresh": fresh, "wrong_pins": wrong_pins })).unwrap()
        + "\n"
}

/// The tab a fixture key names ("1".."5", "all"), as the UI sends it.
fn tab_of(key: &str) -> Tab {
    Tab::from_key(key).expect("a careers tab")
}
