//! The history in pages through the services (issue #22), offline, on a real SQLite file.

use waypoint_profiler::Form;
use waypoint_secrets::KeyStore;
use waypoint_services::dto::{Lang, SessionQuery};
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

#[test]
fn the_history_pages_and_searches_by_label() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let keys = KeyStore::new("org.waypoint.profiler.tests", "services-history-page");
    // A loopback port nothing listens on: offline.
    let s = Services::new(store, keys, OnetSettings::new("http://127.0.0.1:9/"));
    let mut ids = vec![];
    for label in ["Zoë Park", "Zoe Adams", "Sam Lee"] {
        let out = s
            .submit_scores(
                Form::Ip60,
                [20, 22, 25, 10, 10, 8],
                Lang::En,
                Some(label.into()),
            )
            .unwrap();
        ids.push(out.session_id);
    }
    let all: Vec<String> = s
        .list_sessions()
        .unwrap()
        .into_iter()
        .map(|x| x.id)
        .collect();

    let first = s
        .list_sessions_page(&SessionQuery {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(first.total, 3);
    assert_eq!(first.items.len(), 2);
    let second = s
        .list_sessions_page(&SessionQuery {
            limit: 2,
            after: first.next.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(second.next, None);
    let paged: Vec<String> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|x| x.id.clone())
        .collect();
    assert_eq!(paged, all);

    let zoe = s
        .list_sessions_page(&SessionQuery {
            label: Some("zoe".into()),
            limit: 10,
            after: None,
        })
        .unwrap();
    let mut found: Vec<String> = zoe.items.into_iter().map(|x| x.id).collect();
    found.sort();
    let mut want = vec![ids[0].clone(), ids[1].clone()];
    want.sort();
    assert_eq!((found, zoe.total), (want, 2));

    let bad = SessionQuery {
        after: Some("x".into()),
        limit: 2,
        label: None,
    };
    assert_eq!(
        s.list_sessions_page(&bad).unwrap_err().code(),
        "store.invalid_input"
    );
    assert_eq!(s.check_integrity().unwrap(), None);
}
