//! Every resource, both languages, against the loopback test server.

mod common;

use common::*;
use std::collections::HashSet;
use waypoint_onet::*;

const LANGS: [Lang; 2] = [Lang::En, Lang::Es];

fn is_es(text: &str) -> bool {
    text.starts_with("[es] ")
}

#[tokio::test]
async fn about_sends_contract_headers() {
    let s = server().await;
    let c = client_for(&s);
    let about = c.about().await.unwrap();
    assert_eq!(about.api_version, "2.0");
    assert!(!about.database.name.is_empty());
    let reqs = s.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.path, "/about/", "client sends the exact contract form");
    assert_eq!(r.key, waypoint_onet_testserver::KeyState::Valid);
    assert_eq!(
        r.headers.get("accept").map(String::as_str),
        Some("application/json")
    );
    let ua = r.headers.get("user-agent").unwrap();
    assert_eq!(ua, &format!("Waypoint/{}", env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn base_url_without_trailing_slash_is_tolerated() {
    let s = server().await;
    let base = s.base_url().trim_end_matches('/').to_string();
    let c = builder_for(&s).base_url(base).build().unwrap();
    assert!(c.base_url().as_str().ends_with('/'));
    c.about().await.unwrap();
    assert!(Client::builder().base_url("not a url").build().is_err());
}

#[tokio::test]
async fn questions_both_forms_both_languages() {
    let s = server().await;
    let c = client_for(&s);
    for lang in LANGS {
        for (form, n) in [(Form::Short, 60usize), (Form::Mini, 30)] {
            let qn = c.questions_all(lang, form).await.unwrap();
            assert_eq!(qn.question.len(), n);
            assert_eq!(qn.answer_option.len(), 5);
            let values: Vec<u8> = qn.answer_option.iter().map(|o| o.value).collect();
            assert_eq!(values, vec![1, 2, 3, 4, 5]);
            for (i, q) in qn.question.iter().enumerate() {
                assert_eq!(q.index as usize, i + 1);
            }
            for area in Area::ALL {
                let per_area = qn.question.iter().filter(|q| q.area == area).count();
                assert_eq!(per_area, n / 6, "{area:?}");
            }
            assert_eq!(is_es(&qn.question[0].text), lang == Lang::Es);
            assert_eq!(is_es(&qn.answer_option[0].name), lang == Lang::Es);
        }
    }
    let paths: HashSet<String> = s.requests().iter().map(|r| r.api_path()).collect();
    for p in [
        "mnm/interestprofiler/questions",
        "mnm/interestprofiler/questions_30",
        "mpp/interestprofiler/questions",
        "mpp/interestprofiler/questions_30",
    ] {
        assert!(paths.contains(p), "{p} was requested");
    }
}

#[tokio::test]
async fn single_question_page_reports_paging_fields() {
    let s = server().await;
    let c = client_for(&s);
    let p = c
        .questions(Lang::En, Form::Short, Range::new(13, 24))
        .await
        .unwrap();
    assert_eq!((p.page.start, p.page.end, p.page.total), (13, 24, 60));
    assert_eq!(p.page.rows.len(), 12);
    assert_eq!(p.page.rows[0].index, 13);
    assert!(p.page.prev.is_some() && p.page.next.is_some());
    let r = &s.requests()[0];
    assert_eq!(r.param("start").as_deref(), Some("13"));
    assert_eq!(r.param("end").as_deref(), Some("24"));
}

#[tokio::test]
async fn results_score_each_answer_minus_one_per_area() {
    let s = server().await;
    let c = client_for(&s);
    for lang in LANGS {
        for (form, answers) in [
            (Form::Short, ANSWERS60.to_string()),
            (Form::Mini, ANSWERS60[..30].to_string()),
        ] {
            // Expected scores from the questions' own areas, not from a table.
            let qn = c.questions_all(lang, form).await.unwrap();
            let mut expected = [0u32; 6];
            for (q, ch) in qn.question.iter().zip(answers.chars()) {
                let i = Area::ALL.iter().position(|a| *a == q.area).unwrap();
                expected[i] += ch.to_digit(10).unwrap() - 1;
            }
            let res = c.results(lang, &answers).await.unwrap();
            assert_eq!(res.result.len(), 6);
            for (i, area) in Area::ALL.iter().enumerate() {
                assert_eq!(res.score(*area), Some(expected[i]), "{lang:?} {area:?}");
            }
            assert!(res.careers.is_some());
            assert_eq!(is_es(&res.result[0].title), lang == Lang::Es);
        }
    }
}

#[tokio::test]
async fn job_zones_and_interests_are_bare_arrays() {
    let s = server().await;
    let c = client_for(&s);
    for lang in LANGS {
        let zones = c.job_zones(lang).await.unwrap();
        let codes: Vec<u8> = zones.iter().map(|z| z.code).collect();
        assert_eq!(codes, vec![1, 2, 3, 4, 5]);
        assert_eq!(is_es(&zones[0].title), lang == Lang::Es);
        let interests = c.interests(lang).await.unwrap();
        let areas: Vec<Area> = interests.iter().map(|i| i.code).collect();
        assert_eq!(areas, Area::ALL.to_vec());
        let page = c
            .interest_careers(lang, Area::Artistic, Some(2), Range::first(5))
            .await
            .unwrap();
        assert!(page.rows.len() <= 5);
        assert!(page.rows.iter().all(|r| r.fit.is_none()));
    }
}

#[tokio::test]
async fn careers_by_answers_and_by_scores_agree_and_zone_filters() {
    let s = server().await;
    let c = client_for(&s);
    for lang in LANGS {
        let by_answers = CareerMatch::Answers(ANSWERS60.into());
        let page = c
            .careers(lang, &by_answers, None, Range::first(20))
            .await
            .unwrap();
        assert!(page.total > 20, "enough careers to page");
        assert_eq!(page.rows.len(), 20);
        assert!(page.next.is_some());
        assert!(page.rows.iter().all(|r| r.fit.is_some()));
        // Best before Great before Good: the list is ranked.
        let fits: Vec<Fit> = page.rows.iter().map(|r| r.fit.unwrap()).collect();
        let mut sorted = fits.clone();
        sorted.sort();
        assert_eq!(fits, sorted);

        let res = c.results(lang, ANSWERS60).await.unwrap();
        let scores = Scores::from_values(&Area::ALL.map(|a| res.score(a).unwrap() as i64)).unwrap();
        let by_scores = CareerMatch::Scores(scores);
        let page2 = c
            .careers(lang, &by_scores, None, Range::first(20))
            .await
            .unwrap();
        assert_eq!(page.rows, page2.rows);

        let zone = 3;
        let zoned = c
            .careers(lang, &by_answers, Some(zone), Range::first(5))
            .await
            .unwrap();
        assert!(zoned.total < page.total);
        for career in &zoned.rows {
            let edu = c.education(lang, &career.code).await.unwrap();
            assert_eq!(edu.job_zone.unwrap().code, zone, "{}", career.code);
        }
    }
    let r = s
        .requests()
        .into_iter()
        .find(|r| r.param("realistic").is_some())
        .unwrap();
    for area in Area::ALL {
        assert!(r.param(area.as_str()).is_some(), "{area:?} sent");
    }
    assert!(s
        .requests()
        .iter()
        .any(|r| r.param("zone").as_deref() == Some("3")));
}

#[tokio::test]
async fn career_report_every_section_both_languages() {
    let s = server().await;
    let c = client_for(&s);
    let code = s.occupations()[42].code.clone();
    for lang in LANGS {
        let ov = c.career_overview(lang, &code).await.unwrap();
        assert_eq!(ov.code, code);
        assert_eq!(ov.contents.len(), 9);
        assert_eq!(
            ov.word_cloud_terms.is_some(),
            lang == Lang::En,
            "mpp has no word cloud"
        );
        assert_eq!(is_es(&ov.title), lang == Lang::Es);
        for section in Section::ALL {
            let data = c.career_section(lang, &code, section).await.unwrap();
            let non_empty = match &data {
                SectionData::Elements(v) => {
                    !v.is_empty() && v.iter().all(|g| !g.element.is_empty())
                }
                SectionData::Personality(p) => {
                    p.top_interest.is_some() && !p.work_styles.is_empty()
                }
                SectionData::Technology(v) => !v.is_empty(),
                SectionData::Education(e) => e.job_zone.is_some(),
                SectionData::JobOutlook(j) => j.salary.soc_code == code[..7],
                SectionData::States(v) => !v.is_empty(),
                SectionData::ExploreMore(e) => !e.careers.is_empty(),
            };
            assert!(non_empty, "{lang:?} {section:?}: {data:?}");
        }
        let by_outlook = c
            .check_out_my_state(lang, &code, StateSort::JobOutlook)
            .await
            .unwrap();
        let by_name = c
            .check_out_my_state(lang, &code, StateSort::Name)
            .await
            .unwrap();
        assert_eq!(by_outlook.len(), by_name.len());
        let names: Vec<&str> = by_name.iter().map(|s| s.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
    let paths: HashSet<String> = s.requests().iter().map(|r| r.path.clone()).collect();
    assert!(
        paths.contains(&format!("/mnm/careers/{code}/")),
        "overview keeps its slash"
    );
    assert!(paths.contains(&format!("/mpp/careers/{code}/technology")));
    let list = c.career_list(Lang::Es, Range::first(10)).await.unwrap();
    assert_eq!(list.total as usize, s.occupations().len());
}

#[tokio::test]
async fn unknown_and_malformed_codes() {
    let s = server().await;
    let c = client_for(&s);
    let e = c.career_overview(Lang::En, "15-125.00").await.unwrap_err();
    assert_eq!(e.code(), "input.invalid_code");
    assert!(s.requests().is_empty());
    let e = c.knowledge(Lang::En, "99-9999.99").await.unwrap_err();
    assert_eq!(e.code(), "onet.invalid_parameter");
    assert!(
        e.to_string().contains("99-9999.99"),
        "carries the API's text: {e}"
    );
    assert_eq!(s.requests().len(), 1, "422 is not retried");
}

#[tokio::test]
async fn database_services_tables_info_rows() {
    let s = server().await;
    let c = client_for(&s);
    let tables = c.database_tables().await.unwrap();
    let ids: HashSet<&str> = tables.iter().map(|t| t.table_id.as_str()).collect();
    for id in ["occupation_data", "interests", "job_zones"] {
        assert!(ids.contains(id), "{id}");
    }
    let info = c.table_info("interests").await.unwrap();
    assert!(info.column.iter().any(|col| col.column_id == "data_value"));

    let n = s.occupations().len();
    let oi = c
        .table_rows_all("interests", &RowsQuery::default().filter("scale_id.eq.OI"))
        .await
        .unwrap();
    assert_eq!(oi.len(), n * 6);
    assert!(oi.iter().all(|r| r["scale_id"] == "OI"));

    let zone3 = s.occupations().iter().filter(|o| o.job_zone == 3).count();
    let rows = c
        .table_rows_all(
            "job_zones",
            &RowsQuery::default()
                .filter("job_zone.eq.3")
                .sort("onetsoc_code.descending"),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), zone3);
    let codes: Vec<&str> = rows
        .iter()
        .map(|r| r["onetsoc_code"].as_str().unwrap())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(codes, sorted);

    let page = c
        .table_rows("occupation_data", &RowsQuery::default(), Range::new(11, 15))
        .await
        .unwrap();
    assert_eq!((page.start, page.end, page.rows.len()), (11, 15, 5));
    let r = s
        .requests()
        .into_iter()
        .find(|r| r.api_path() == "database/rows/job_zones")
        .unwrap();
    let pairs = r.query_pairs();
    assert!(pairs.contains(&("filter".into(), "job_zone.eq.3".into())));
    assert!(pairs.contains(&("sort".into(), "onetsoc_code.descending".into())));

    let before = s.requests().len();
    for bad in [
        c.table_rows_all("interests", &RowsQuery::default().filter("scale_id=OI"))
            .await,
        c.table_rows_all("interests", &RowsQuery::default().sort("x.asc"))
            .await,
        c.table_rows_all("bad-table", &RowsQuery::default()).await,
    ] {
        assert_eq!(bad.unwrap_err().code(), "input.invalid_query");
    }
    assert_eq!(s.requests().len(), before, "no request for bad queries");
    let e = c
        .table_rows_all("interests", &RowsQuery::default().filter("nope.eq.1"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "onet.invalid_parameter");
}

#[tokio::test]
async fn collects_all_pages_when_server_returns_fewer_rows_than_asked() {
    let s = server().await;
    let c = client_for(&s);
    let by = CareerMatch::Answers(ANSWERS60.into());
    let full = c.careers_all(Lang::En, &by, None).await.unwrap();
    assert_eq!(s.requests().len(), 1, "one page of up to 2000 suffices");
    s.clear_requests();

    s.set_page_cap(7);
    let capped = c.careers_all(Lang::En, &by, None).await.unwrap();
    assert_eq!(capped, full, "same rows, same order");
    let expected_pages = full.len().div_ceil(7);
    let reqs = s.requests();
    assert_eq!(reqs.len(), expected_pages);
    // Each request continues where the previous page really ended.
    for (i, r) in reqs.iter().enumerate() {
        assert_eq!(r.param("start").unwrap(), (i * 7 + 1).to_string());
    }
    let questions = c.questions_all(Lang::Es, Form::Mini).await.unwrap();
    assert_eq!(questions.question.len(), 30);
}

#[tokio::test]
async fn five_concurrent_careers_calls() {
    let s = server().await;
    let c = client_for(&s);
    let mut tasks = Vec::new();
    for zone in 1..=5u8 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            let by = CareerMatch::Answers(ANSWERS60.into());
            (
                zone,
                c.careers(Lang::En, &by, Some(zone), Range::first(10)).await,
            )
        }));
    }
    let mut totals = 0;
    for t in tasks {
        let (zone, page) = t.await.unwrap();
        let page = page.unwrap();
        let expected_zone = s
            .requests()
            .iter()
            .filter(|r| r.param("zone") == Some(zone.to_string()))
            .count();
        assert_eq!(expected_zone, 1);
        totals += page.total;
    }
    let all = c
        .careers(
            Lang::En,
            &CareerMatch::Answers(ANSWERS60.into()),
            None,
            Range::first(1),
        )
        .await
        .unwrap();
    assert_eq!(totals, all.total, "the five zones partition the list");
    assert_eq!(s.requests().len(), 6);
}

#[tokio::test]
async fn invalid_input_sends_no_request() {
    let s = server().await;
    let c = client_for(&s);
    let by = CareerMatch::Answers(ANSWERS60.into());
    let mut bad_answers = ANSWERS60.to_string();
    bad_answers.replace_range(9..10, "7");
    let cases: Vec<(Result<()>, &str)> = vec![
        (
            c.results(Lang::En, &bad_answers).await.map(drop),
            "input.invalid_answers",
        ),
        (
            c.results(Lang::En, &ANSWERS60[..59]).await.map(drop),
            "input.invalid_answers",
        ),
        (
            c.careers(
                Lang::Es,
                &CareerMatch::Answers("12345".into()),
                None,
                Range::first(5),
            )
            .await
            .map(drop),
            "input.invalid_answers",
        ),
        (
            c.careers(Lang::En, &by, Some(0), Range::first(5))
                .await
                .map(drop),
            "input.invalid_zone",
        ),
        (
            c.careers(Lang::En, &by, Some(6), Range::first(5))
                .await
                .map(drop),
            "input.invalid_zone",
        ),
        (
            c.careers(Lang::En, &by, None, Range::new(0, 5))
                .await
                .map(drop),
            "input.invalid_range",
        ),
        (
            c.careers(Lang::En, &by, None, Range::new(9, 5))
                .await
                .map(drop),
            "input.invalid_range",
        ),
        (
            c.questions(Lang::En, Form::Mini, Range::new(3, 2))
                .await
                .map(drop),
            "input.invalid_range",
        ),
        (
            c.job_outlook(Lang::En, "1512520").await.map(drop),
            "input.invalid_code",
        ),
        (
            Scores::from_values(&[1, 2, 3, 4, 5, -1]).map(drop),
            "input.invalid_scores",
        ),
        (
            Scores::from_values(&[1, 2, 3]).map(drop),
            "input.invalid_scores",
        ),
    ];
    for (i, (res, code)) in cases.into_iter().enumerate() {
        let e = res.unwrap_err();
        assert_eq!(e.code(), code, "case {i}: {e}");
        assert!(e.is_input());
    }
    let e = c.results(Lang::En, &bad_answers).await.unwrap_err();
    assert!(e.to_string().contains("answer 10 is '7'"), "{e}");
    let e = c.results(Lang::En, &ANSWERS60[..59]).await.unwrap_err();
    assert!(e.to_string().contains("found 59"), "{e}");
    assert!(s.requests().is_empty(), "{:?}", s.requests());
}
