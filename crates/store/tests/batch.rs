//! Several writes in one commit: careers pages cached and filed in a result's snapshot
//! together, all or none.

mod common;

use common::{open, session, t0};
use serde_json::json;
use waypoint_store::{Batch, CacheKey, Lang};

fn key(tab: &str) -> CacheKey {
    CacheKey::new("careers", &[("by", "1,2,3"), ("tab", tab)], Lang::En)
        .unwrap()
        .personal()
}

#[test]
fn a_batch_caches_pages_and_fills_every_tab_in_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let full = session(4, 3);
    let mut s = full.clone();
    s.careers.clear();
    store.save_session(&s).unwrap();

    let mut b = Batch::new();
    assert!(b.is_empty());
    for tab in &full.careers {
        let k = key(tab.tab.key());
        b.cache_put(k, &json!({"tab": tab.tab.key()}), Some("30.0"), t0())
            .unwrap();
        b.put_session_careers(&s.id, tab.clone());
    }
    store.write_batch(&b).unwrap();

    assert_eq!(store.get_session(&s.id).unwrap(), full);
    for tab in &full.careers {
        let hit = store.cache_get(&key(tab.tab.key())).unwrap().unwrap();
        assert_eq!(hit.body, json!({"tab": tab.tab.key()}));
        assert_eq!(hit.release.as_deref(), Some("30.0"));
    }

    // A tab filed again keeps its place, as with put_session_careers.
    let mut again = full.careers[1].clone();
    again.rows.truncate(1);
    let mut b = Batch::new();
    b.put_session_careers(&s.id, again.clone());
    store.write_batch(&b).unwrap();
    let back = store.get_session(&s.id).unwrap();
    assert_eq!(back.careers[1], again);
    assert_eq!(back.careers[5], full.careers[5]);
}

#[test]
fn a_batch_with_one_bad_write_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let full = session(5, 2);
    let mut s = full.clone();
    s.careers.clear();
    store.save_session(&s).unwrap();

    let mut b = Batch::new();
    b.cache_put(key("all"), &json!({"rows": []}), None, t0())
        .unwrap();
    b.put_session_careers(&s.id, full.careers[0].clone());
    b.put_session_careers("no-such-result", full.careers[1].clone());
    assert_eq!(store.write_batch(&b).unwrap_err().code(), "store.not_found");

    assert!(store.cache_get(&key("all")).unwrap().is_none());
    assert!(store.get_session(&s.id).unwrap().careers.is_empty());
}
