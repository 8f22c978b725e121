//! The history list in pages, searched by label (issue #22).

mod common;

use common::{open, session};
use waypoint_store::{SessionQuery, Store};

fn query(label: Option<&str>, limit: u32) -> SessionQuery {
    SessionQuery {
        label: label.map(str::to_owned),
        after: None,
        limit,
    }
}

/// Every page of `q`, following the cursors; checks each page's size and total.
fn all_pages(store: &Store, mut q: SessionQuery) -> Vec<String> {
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let page = store.list_sessions_page(&q).unwrap();
        assert!(page.items.len() <= q.limit as usize);
        ids.extend(page.items.iter().map(|s| s.id.clone()));
        pages += 1;
        assert!(pages < 100, "the cursor does not advance");
        match page.next {
            Some(next) => {
                assert_eq!(
                    page.items.len(),
                    q.limit as usize,
                    "only the last page is short"
                );
                q.after = Some(next);
            }
            None => {
                assert_eq!(page.total as usize, ids.len());
                return ids;
            }
        }
    }
}

#[test]
fn pages_follow_the_full_list_exactly_even_with_equal_times() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    for n in 0..23 {
        store.save_session(&session(n, 2)).unwrap();
    }
    // Three more finished at the same instant as result 5: ordered by id, none skipped.
    for _ in 0..3 {
        store.save_session(&session(5, 2)).unwrap();
    }
    let full: Vec<String> = store
        .list_sessions()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(full.len(), 26);
    for limit in [1, 4, 10, 26, 100] {
        assert_eq!(all_pages(&store, query(None, limit)), full, "limit {limit}");
    }
    let first = store.list_sessions_page(&query(None, 10)).unwrap();
    assert_eq!(first.total, 26);
    assert_eq!(first.items[0], store.list_sessions().unwrap()[0]);
}

#[test]
fn label_search_matches_word_prefixes_without_case_or_accents() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut ids = std::collections::HashMap::new();
    for (n, label) in [
        Some("María López"),
        Some("Mario"),
        Some("José Maria, grade 10"),
        Some("Grade 11 — O'Brien"),
        None,
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = session(n as u32, 1);
        s.label = label.map(str::to_owned);
        store.save_session(&s).unwrap();
        ids.insert(label.unwrap_or("-"), s.id);
    }
    let find = |text: &str| -> Vec<&str> {
        let page = store.list_sessions_page(&query(Some(text), 50)).unwrap();
        assert_eq!(page.total as usize, page.items.len(), "{text}");
        let mut labels: Vec<&str> = page
            .items
            .iter()
            .map(|s| {
                *ids.iter()
                    .find(|(_, id)| **id == s.id)
                    .map(|(l, _)| l)
                    .unwrap()
            })
            .collect();
        labels.sort_unstable();
        labels
    };
    assert_eq!(find("maria"), ["José Maria, grade 10", "María López"]);
    assert_eq!(
        find("MAR"),
        ["José Maria, grade 10", "Mario", "María López"]
    );
    assert_eq!(
        find("grade 1"),
        ["Grade 11 — O'Brien", "José Maria, grade 10"]
    );
    assert_eq!(find("grade 10 jos"), ["José Maria, grade 10"]);
    assert_eq!(find("o'brien"), ["Grade 11 — O'Brien"]);
    assert!(find("lopezz").is_empty());
    assert!(
        find("\"*)(").is_empty(),
        "punctuation matches nothing, safely"
    );
    assert_eq!(find("   ").len(), 5, "a blank search lists everything");

    // Paged search, and the index follows renames and deletions.
    assert_eq!(all_pages(&store, query(Some("mar"), 2)).len(), 3);
    store
        .set_session_label(&ids["Mario"], Some("Carmen"))
        .unwrap();
    assert_eq!(find("mar"), ["José Maria, grade 10", "María López"]);
    assert_eq!(find("carm"), ["Mario"]); // the old name keyed the map
    store.delete_session(&ids["María López"]).unwrap();
    assert_eq!(find("maria"), ["José Maria, grade 10"]);
    store.set_session_label(&ids["Mario"], None).unwrap();
    assert!(find("carmen").is_empty());
}

#[test]
fn results_saved_before_the_index_existed_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(1, 2);
    s.label = Some("Aisha Khan".into());
    {
        let store = open(dir.path());
        store.save_session(&s).unwrap();
        store.save_session(&session(2, 2)).unwrap();
    }
    {
        // Back to schema 2, as an older Waypoint left it.
        let c = rusqlite::Connection::open(dir.path().join(waypoint_store::DB_FILE)).unwrap();
        c.execute_batch(
            "DROP TRIGGER sessions_label_insert; DROP TRIGGER sessions_label_delete;
             DROP TRIGGER sessions_label_update; DROP TABLE sessions_label;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let (store, _) = Store::open(dir.path()).unwrap();
    let page = store.list_sessions_page(&query(Some("khan"), 10)).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, s.id);
    assert_eq!(store.list_sessions_page(&query(None, 10)).unwrap().total, 2);
}

#[test]
fn a_bad_cursor_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let q = SessionQuery {
        after: Some("nonsense".into()),
        ..query(None, 10)
    };
    let err = store.list_sessions_page(&q).unwrap_err();
    assert_eq!(err.code(), "store.invalid_input");
}
