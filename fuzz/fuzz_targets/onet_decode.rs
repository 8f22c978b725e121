//! The O*NET response decoding: a careers page, a career overview and the nine report
//! sections, decoded by the client's own functions (`Client::decode_*`, the same code
//! its requests run on a body). A body is decoded or refused as `onet.bad_response`;
//! the key never appears in an error; what decodes re-encodes and decodes to the same.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde_json::Value;
use waypoint_onet::{Client, Error, SecretString, Section};

/// Also written into some seed bodies, so the scrubbing of error snippets is exercised.
const KEY: &str = "fuzz-key-8c1e5b27d4";

fn client() -> &'static Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        Client::builder()
            .base_url("http://127.0.0.1:9/")
            .api_key(SecretString::from(KEY))
            .build()
            .unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let c = client();
    let result = match pick % 11 {
        0 => c.decode_careers_page(body).map(|page| {
            let mut v = serde_json::to_value(&page).unwrap();
            // The page's rows come in the API's "career" list.
            let rows = v.as_object_mut().unwrap().remove("rows").unwrap();
            v["career"] = rows;
            let again = c
                .decode_careers_page(&serde_json::to_vec(&v).unwrap())
                .unwrap();
            assert_same(&page, &again);
        }),
        1 => c.decode_career_overview(body).map(|o| {
            let again = c
                .decode_career_overview(&serde_json::to_vec(&o).unwrap())
                .unwrap();
            assert_same(&o, &again);
        }),
        n => {
            let section = Section::ALL[usize::from(n - 2)];
            c.decode_career_section(section, body).map(|d| {
                let again = c
                    .decode_career_section(section, &serde_json::to_vec(&d).unwrap())
                    .unwrap();
                assert_same(&d, &again);
            })
        }
    };
    if let Err(e) = result {
        assert!(matches!(e, Error::BadResponse { .. }), "{e:?}");
        let shown = format!("{e} {e:?}");
        assert!(
            !shown.contains(KEY),
            "the key leaked into an error: {shown}"
        );
    }
});

/// Equal as JSON, numbers compared as f64 within a rounding step: serde_json's default
/// float parsing may land one unit in the last place away from the value printed.
fn assert_same<T: Serialize>(a: &T, b: &T) {
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    assert!(same(&a, &b), "round trip changed\n{a}\n{b}");
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= f64::EPSILON * 4.0 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
