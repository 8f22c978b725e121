//! When the integrity check runs (issue #22): at open only after an unclean shutdown or an
//! outside change to the file, otherwise later through `Store::check_integrity`.

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{open, session};
use waypoint_store::{Store, DB_FILE};

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A store of 40 results, closed cleanly; returns their ids.
fn forty_results(dir: &Path) -> Vec<String> {
    let store = open(dir);
    (0..40)
        .map(|n| {
            let s = session(n, 20);
            store.save_session(&s).unwrap();
            s.id
        })
        .collect()
}

/// Scribbles over the pages of the careers snapshots, keeping the schema's (so opening still
/// works and only a full check finds the damage) and, when `keep_mtime`, the file's size and
/// modification time too (bit rot, a disk that lied about a write: nothing outside says the
/// file changed). Returns the damaged bytes.
fn damage(db: &Path, keep_mtime: bool) -> Vec<u8> {
    let pages: Vec<i64> = {
        let c =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let mut stmt = c
            .prepare("SELECT pageno FROM dbstat WHERE name = 'session_careers'")
            .unwrap();
        let pages = stmt.query_map([], |r| r.get(0)).unwrap();
        pages.collect::<Result<_, _>>().unwrap()
    };
    assert!(pages.len() > 8, "expected many careers pages: {pages:?}");
    let mtime = std::fs::metadata(db).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    let page = 4096;
    for p in pages {
        let from = (p as usize - 1) * page;
        for (i, b) in bytes[from..from + page].iter_mut().enumerate() {
            *b = (i * 7 + 13) as u8;
        }
    }
    std::fs::write(db, &bytes).unwrap();
    if keep_mtime {
        let f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
        f.set_modified(mtime).unwrap();
    }
    bytes
}

#[test]
fn after_a_clean_close_open_skips_the_check() {
    let dir = tempfile::tempdir().unwrap();
    forty_results(dir.path());
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(!report.checked_at_open, "{report:?}");
    assert!(!store.checked_at_open());
    assert_eq!(store.list_sessions().unwrap().len(), 40);
    assert_eq!(store.check_integrity().unwrap(), None, "a healthy file");

    // The app's way out: it exits without dropping the store, after `close_cleanly`.
    store.save_session(&session(41, 3)).unwrap();
    store.close_cleanly().unwrap();
    std::mem::forget(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(!report.checked_at_open, "{report:?}");
    assert_eq!(store.list_sessions().unwrap().len(), 41);
}

#[test]
fn a_write_after_close_cleanly_or_a_new_file_brings_the_check_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(!report.checked_at_open, "nothing to check in a new file");
    store.close_cleanly().unwrap();
    // Written after the record of a clean close, and never closed: the WAL holds it.
    store.save_session(&session(1, 3)).unwrap();
    std::mem::forget(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(report.checked_at_open, "{report:?}");
    assert!(store.checked_at_open());
    assert_eq!(store.list_sessions().unwrap().len(), 1);
}

#[test]
fn after_an_unclean_shutdown_open_checks_and_sets_a_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    forty_results(dir.path());

    // A real crash: another process writes, then is killed (SIGKILL on Unix).
    let mut child = Command::new(env!("CARGO_BIN_EXE_store-crash-writer"))
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..20 {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "writer exited early");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        std::fs::metadata(side(&db, "-wal")).unwrap().len() > 0,
        "the crash left the WAL behind"
    );

    // The same damage as in the clean case below, the same file times: only the crash differs.
    let bytes = damage(&db, true);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(report.checked_at_open, "{report:?}");
    let aside = report.recovered_from.expect("damage found at open");
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "kept as found");
    assert!(
        std::fs::metadata(side(&aside, "-wal")).unwrap().len() > 0,
        "with the crashed session's WAL"
    );
    assert!(store.list_sessions().unwrap().is_empty());
}

#[test]
fn damage_after_a_clean_close_is_found_by_the_later_check_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    forty_results(dir.path());
    let bytes = damage(&db, true);

    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(!report.checked_at_open, "{report:?}");
    assert_eq!(report.recovered_from, None, "not looked for at open");

    let aside = store
        .check_integrity()
        .unwrap()
        .expect("the later check finds the damage");
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "nothing lost");
    assert!(aside
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("waypoint.db.corrupt-"));

    // The same store now works on a fresh file, and keeps it.
    assert!(store.list_sessions().unwrap().is_empty());
    let s = session(7, 5);
    store.save_session(&s).unwrap();
    assert_eq!(store.check_integrity().unwrap(), None);
    drop(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert_eq!(report, Default::default(), "a normal, unchecked open");
    assert_eq!(store.get_session(&s.id).unwrap(), s);
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "still there");
}
