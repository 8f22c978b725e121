//! The bundled instrument against the reference files in the shared folder, read with
//! plain JSON here so a slip in the crate's own parsing (or a stale copy under `data/`)
//! shows up as a difference.

mod shared;

use serde_json::Value;
use waypoint_profiler::instrument::{answer_options, areas, items, job_zones};
use waypoint_profiler::Form;

fn reference(file: &str, test: &str) -> Option<Value> {
    let path = shared::shared_path(&format!("instrument/{file}"), test)?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(s).collect()
}

fn check_form(form: Form, file: &str, test: &str) {
    let Some(want) = reference(file, test) else {
        return;
    };
    let want = want.as_array().unwrap();
    let got = items(form);
    assert_eq!(got.len(), want.len(), "{file}: item count");
    for (g, w) in got.iter().zip(want) {
        let at = format!("{file} item {}", w["index"]);
        assert_eq!(
            u64::from(g.index),
            w["index"].as_u64().unwrap(),
            "{at}: order"
        );
        assert_eq!(g.area.name(), s(&w["area"]), "{at}: area");
        assert_eq!(g.text, s(&w["text"]), "{at}: text");
    }
}

#[test]
fn ip60_items_match_the_reference_file() {
    check_form(
        Form::Ip60,
        "ip60.json",
        "ip60_items_match_the_reference_file",
    );
}

#[test]
fn ip30_items_match_the_reference_file() {
    check_form(
        Form::Ip30,
        "ip30.json",
        "ip30_items_match_the_reference_file",
    );
}

#[test]
fn answer_options_match_the_reference_scale() {
    let Some(scale) = reference("scale.json", "answer_options_match_the_reference_scale") else {
        return;
    };
    let want: Vec<(u64, &str)> = scale["answer_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["value"].as_u64().unwrap(), s(&o["label"])))
        .collect();
    let got: Vec<(u64, &str)> = answer_options()
        .iter()
        .map(|o| (u64::from(o.value), o.label.as_str()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn areas_match_the_reference_file() {
    let Some(file) = reference("areas.json", "areas_match_the_reference_file") else {
        return;
    };
    let want = file["areas"].as_array().unwrap();
    let got = areas();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.letter.to_string(), s(&w["code"]));
        assert_eq!(g.name, s(&w["name"]));
        assert_eq!(g.area.name(), s(&w["name"]));
        assert_eq!(g.element_id, s(&w["onet_element_id"]), "{}", g.name);
        assert_eq!(g.description, s(&w["description"]), "{}", g.name);
        assert_eq!(
            g.example_fields,
            strings(&w["example_fields"]),
            "{}",
            g.name
        );
    }
}

#[test]
fn job_zones_match_the_reference_file() {
    let Some(file) = reference("job_zones.json", "job_zones_match_the_reference_file") else {
        return;
    };
    let want = file["job_zones"].as_array().unwrap();
    let got = job_zones();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        let at = format!("zone {}", w["zone"]);
        assert_eq!(u64::from(g.zone), w["zone"].as_u64().unwrap(), "{at}");
        assert_eq!(g.title, s(&w["title"]), "{at}");
        assert_eq!(g.svp_range, s(&w["svp_range"]), "{at}");
        assert_eq!(g.education, s(&w["education"]), "{at}");
        assert_eq!(g.experience, s(&w["experience"]), "{at}");
        assert_eq!(g.training, s(&w["training"]), "{at}");
        assert_eq!(g.typical_work, s(&w["typical_work"]), "{at}");
        assert_eq!(g.examples, strings(&w["example_occupations"]), "{at}");
    }
}
