//! Contract conformance: every path of the official OpenAPI subset answers
//! 200 with a body that validates against its response schema, and the
//! server's 401/422 follow the contract too.

use serde_json::{json, Value};
use std::path::PathBuf;
use waypoint_onet_testserver::TestServer;

const KEY: &str = "contract-key";
const ANSWERS: &str = "553421321134342523523523254115342111351145453111231155343444";

/// The contract from the shared reference folder. Missing, the test prints `SKIPPED: ...`
/// and returns, and `cargo xtask test` lists the skip in its summary; with
/// `WAYPOINT_REQUIRE_SHARED=1` it fails instead, naming the path.
fn openapi(test: &str) -> Option<Value> {
    let path = match std::env::var_os("WAYPOINT_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir).join("onet-api-v2.openapi.json"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/onet-api-v2.openapi.json"),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the OpenAPI file is JSON")),
        Err(e) => {
            let reason = format!(
                "{}: {e} (set WAYPOINT_SHARED_DIR to the folder holding onet-api-v2.openapi.json)",
                path.display()
            );
            if std::env::var("WAYPOINT_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
                panic!("{test}: {reason}; WAYPOINT_REQUIRE_SHARED=1 asks for the contract tests");
            }
            eprintln!("SKIPPED: {test}: {reason}");
            None
        }
    }
}

/// The schema with the document's `components` attached, so its
/// `#/components/...` references resolve inside it.
fn with_components(schema: &Value, doc: &Value) -> Value {
    let mut s = schema.clone();
    if let Value::Object(m) = &mut s {
        m.insert("components".into(), doc["components"].clone());
    }
    s
}

fn check(schema: &Value, doc: &Value, body: &Value, what: &str) {
    let validator = jsonschema::validator_for(&with_components(schema, doc))
        .unwrap_or_else(|e| panic!("{what}: schema does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\nbody: {body}");
    // The object schemas omit `type: object` (contract §10), so check it here.
    let resolved = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap_or(schema),
        None => schema,
    };
    let want_array = resolved.get("type") == Some(&json!("array"));
    assert_eq!(body.is_array(), want_array, "{what}: top-level type");
    assert!(want_array || body.is_object(), "{what}: top-level type");
}

/// A concrete request for each templated path, using real fake data.
fn concrete(path: &str, code: &str) -> String {
    let p = path
        .trim_start_matches('/')
        .replace("interests/{code}", "interests/artistic")
        .replace("{code}", code)
        .replace("{table_id}", "interests");
    let query = match p.as_str() {
        p if p.ends_with("interestprofiler/results") => format!("?answers={ANSWERS}"),
        p if p.ends_with("interestprofiler/careers") => format!("?answers={ANSWERS}&end=30"),
        p if p.ends_with("questions") || p.ends_with("questions_30") => "?start=13&end=24".into(),
        p if p.starts_with("database/rows") => {
            "?filter=scale_id.eq.IH&sort=onetsoc_code&start=3&end=40".into()
        }
        p if p.ends_with("check_out_my_state") => "?sort=job_outlook".into(),
        _ => String::new(),
    };
    format!("{p}{query}")
}

#[tokio::test]
async fn every_path_validates_against_its_schema() {
    let Some(doc) = openapi("every_path_validates_against_its_schema") else {
        return;
    };
    let server = TestServer::start(KEY).await.unwrap();
    let http = reqwest::Client::new();
    // One occupation with and one without a bright outlook, so optional
    // branches (bright_outlook list, `_over` salaries) are both exercised.
    let mut codes: Vec<String> = Vec::new();
    codes.extend(
        server
            .occupations()
            .iter()
            .find(|o| o.bright_outlook)
            .map(|o| o.code.clone()),
    );
    codes.extend(
        server
            .occupations()
            .iter()
            .find(|o| !o.bright_outlook)
            .map(|o| o.code.clone()),
    );
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 43);
    let mut checked = 0;
    for (path, item) in paths {
        let schema = &item["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        for code in &codes {
            let url = format!("{}{}", server.base_url(), concrete(path, code));
            let resp = http
                .get(&url)
                .header("X-API-Key", KEY)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200, "{url}");
            let ct = resp.headers()["content-type"].to_str().unwrap().to_string();
            assert!(ct.starts_with("application/json"), "{url}: {ct}");
            let body: Value = resp.json().await.unwrap();
            check(schema, &doc, &body, &url);
            checked += 1;
        }
    }
    assert_eq!(checked, 43 * codes.len());
}

#[tokio::test]
async fn errors_follow_the_contract() {
    let Some(doc) = openapi("errors_follow_the_contract") else {
        return;
    };
    let server = TestServer::start(KEY).await.unwrap();
    let http = reqwest::Client::new();
    let param_error =
        &doc["components"]["responses"]["ParameterError"]["content"]["application/json"]["schema"];
    let base = server.base_url();
    let bad = [
        "mnm/interestprofiler/results",
        "mnm/interestprofiler/results?answers=123",
        "mpp/interestprofiler/careers?answers=5534213211343425235235232541153421113511454531112311553434440",
        "mnm/interestprofiler/careers?realistic=1&investigative=2",
        "mnm/interestprofiler/careers?answers=553421321134342523523523254115342111351145453111231155343444&realistic=1",
        "mnm/interestprofiler/careers?realistic=1&investigative=2&artistic=3&social=4&enterprising=-5&conventional=6",
        "mnm/interestprofiler/careers?answers=553421321134342523523523254115342111351145453111231155343444&zone=6",
        "mnm/interestprofiler/questions?start=0",
        "mnm/interestprofiler/questions?start=5&end=4",
        "mnm/interestprofiler/questions?start=61",
        "mnm/interestprofiler/interests/musical",
        "mnm/careers/15-1252/",
        "mpp/careers/99-9999.99/skills",
        "mnm/careers/11-1011.00/check_out_my_state?sort=size",
        "database/info/no_such_table",
        "database/rows/interests?filter=scale_id.like.OI",
        "database/rows/interests?sort=unknown_column",
    ];
    for path in bad {
        let resp = http
            .get(format!("{base}{path}"))
            .header("X-API-Key", KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 422, "{path}");
        let body: Value = resp.json().await.unwrap();
        check(param_error, &doc, &body, path);
        assert!(!body["error"].as_str().unwrap().is_empty());
    }
    for key in [None, Some("wrong")] {
        let mut req = http.get(format!("{base}about/"));
        if let Some(k) = key {
            req = req.header("X-API-Key", k);
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), 401);
        assert!(resp.headers().contains_key("www-authenticate"));
    }
    let resp = http
        .get(format!("{base}mnm/nothing/here"))
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
}

#[tokio::test]
async fn paths_with_and_without_trailing_slash_and_absolute_links() {
    let server = TestServer::start(KEY).await.unwrap();
    let http = reqwest::Client::new();
    let base = server.base_url();
    for (a, b) in [
        ("about", "about/"),
        (
            "mnm/interestprofiler/questions",
            "mnm/interestprofiler/questions/",
        ),
        (
            "mpp/interestprofiler/interests",
            "mpp/interestprofiler/interests/",
        ),
    ] {
        let get = |p: String| {
            let http = http.clone();
            async move {
                let r = http.get(p).header("X-API-Key", KEY).send().await.unwrap();
                assert_eq!(r.status(), 200);
                r.json::<Value>().await.unwrap()
            }
        };
        assert_eq!(
            get(format!("{base}{a}")).await,
            get(format!("{base}{b}")).await
        );
    }
    // Follow `next` to the end: links are absolute and point at this server.
    let mut url = format!("{base}mnm/interestprofiler/questions_30?end=7");
    let mut seen = Vec::new();
    loop {
        let v: Value = http
            .get(&url)
            .header("X-API-Key", KEY)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen.extend(
            v["question"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["index"].as_u64().unwrap()),
        );
        match v.get("next").and_then(Value::as_str) {
            Some(next) => {
                assert!(next.starts_with(base), "{next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(seen, (1..=30).collect::<Vec<u64>>());
}

#[tokio::test]
async fn page_cap_limits_rows_whatever_end_asks() {
    let server = TestServer::start(KEY).await.unwrap();
    server.set_page_cap(5);
    let http = reqwest::Client::new();
    let v: Value = http
        .get(format!(
            "{}database/rows/occupation_data?start=1&end=100",
            server.base_url()
        ))
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["row"].as_array().unwrap().len(), 5);
    assert_eq!(v["end"], 5);
    assert_eq!(
        v["total"].as_u64().unwrap() as usize,
        server.occupations().len()
    );
    assert!(v["next"].as_str().unwrap().contains("start=6"));
    assert!(v.get("prev").is_none());
}

#[test]
fn the_schema_check_rejects_off_contract_bodies() {
    let Some(doc) = openapi("the_schema_check_rejects_off_contract_bodies") else {
        return;
    };
    // mpp's overview forbids word_cloud_terms; a fake that sent it must fail.
    let schema = &doc["paths"]["/mpp/careers/{code}/"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    let body = json!({"code": "11-1011.00", "title": "t", "tags": {}, "what_they_do": "w",
        "on_the_job": [], "contents": [], "word_cloud_terms": ["x"]});
    let validator = jsonschema::validator_for(&with_components(schema, &doc)).unwrap();
    assert!(!validator.is_valid(&body));
    let mut ok = body.clone();
    ok.as_object_mut().unwrap().remove("word_cloud_terms");
    assert!(validator.is_valid(&ok));
}
