//! Found by the `onet_decode` fuzz target (10-minute run, December 2026): a body that repeats
//! the key as a JSON string made serde's message ("invalid type: string \"<key>…\"") carry
//! the key into the error's detail; only the body snippet was scrubbed.

use waypoint_onet::{Client, SecretString, Section};

const KEY: &str = "decode-key-5f0c2a91e7";

fn client() -> Client {
    Client::builder()
        .base_url("http://127.0.0.1:9/")
        .api_key(SecretString::from(KEY))
        .build()
        .unwrap()
}

#[test]
fn a_body_echoing_the_key_never_puts_it_in_the_error() {
    let c = client();
    let body = format!("\"{KEY}{KEY}\"");
    let overview = c.decode_career_overview(body.as_bytes()).unwrap_err();
    let page = c.decode_careers_page(body.as_bytes()).unwrap_err();
    let section = c
        .decode_career_section(Section::Education, body.as_bytes())
        .unwrap_err();
    for e in [overview, page, section] {
        assert_eq!(e.code(), "onet.bad_response", "{e}");
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(KEY), "the key leaked: {shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
