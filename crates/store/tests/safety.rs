mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{open, session};
use waypoint_store::{Form, Lang, Store, StoreError, StoreOptions, DB_FILE};

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn assert_aside_name(p: &Path) {
    let name = p.file_name().unwrap().to_str().unwrap();
    let stamp = name
        .strip_prefix("waypoint.db.corrupt-")
        .unwrap_or_else(|| panic!("unexpected name {name}"));
    let stamp = &stamp[..16];
    assert!(
        stamp.len() == 16
            && stamp.as_bytes()[8] == b'T'
            && stamp.ends_with('Z')
            && stamp[..8].bytes().all(|b| b.is_ascii_digit())
            && stamp[9..15].bytes().all(|b| b.is_ascii_digit()),
        "unexpected stamp in {name}"
    );
}

#[test]
fn non_sqlite_file_is_set_aside_with_its_wal_and_a_fresh_db_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let junk = "this is a note, not a database\n".repeat(200);
    std::fs::write(&db, &junk).unwrap();
    std::fs::write(side(&db, "-wal"), b"stray wal").unwrap();

    let (store, report) = Store::open(dir.path()).expect("recovers instead of failing");
    let aside = report.recovered_from.expect("caller is told");
    assert_aside_name(&aside);
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        junk,
        "nothing lost"
    );
    assert_eq!(std::fs::read(side(&aside, "-wal")).unwrap(), b"stray wal");

    let s = session(1, 2);
    store.save_session(&s).unwrap();
    assert_eq!(store.get_session(&s.id).unwrap(), s);
    store.quick_check().unwrap();
    drop(store);
    // And the next open is a normal one.
    open(dir.path());
}

#[test]
fn damaged_pages_are_detected_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    {
        let store = open(dir.path());
        for n in 0..40 {
            store.save_session(&session(n, 20)).unwrap();
        }
    } // last close checkpoints the WAL into the main file
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "expected a multi-page database");
    // Scribble over the middle pages, leaving the header page intact so the
    // damage is only found by the integrity check.
    let (from, to) = (2 * page, bytes.len() - page);
    for (i, b) in bytes[from..to].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();

    let (store, report) = Store::open(dir.path()).unwrap();
    let aside = report.recovered_from.expect("damage detected");
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bytes,
        "the damaged file is kept as is"
    );
    assert!(store.list_sessions().unwrap().is_empty());
}

#[test]
fn repeated_recoveries_do_not_overwrite_earlier_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut seen = Vec::new();
    for i in 0..3 {
        std::fs::write(&db, format!("garbage #{i} ").repeat(100)).unwrap();
        let (_s, report) = Store::open(dir.path()).unwrap();
        seen.push(report.recovered_from.unwrap());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3);
    for (i, p) in seen.iter().enumerate() {
        assert!(
            std::fs::read_to_string(p).unwrap().starts_with("garbage #"),
            "{i}"
        );
    }
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    {
        let store = open(dir.path());
        store.save_session(&session(1, 2)).unwrap();
    }
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "store.newer_version");
    assert!(
        err.to_string().contains("newer version of Waypoint"),
        "{err}"
    );
    assert!(matches!(
        err,
        StoreError::NewerVersion {
            found: 99,
            supported: 4
        }
    ));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "byte-for-byte untouched"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("corrupt")),
        "a newer file is not treated as damaged: {names:?}"
    );
}

#[test]
fn write_blocked_by_another_connection_reports_busy_then_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions {
        busy_timeout: Duration::from_millis(200),
        ..StoreOptions::default()
    };
    let (store, _) = Store::open_with(dir.path(), opts).unwrap();
    let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
    store.record_answer(&d.id, 0, 2).unwrap();

    let other = rusqlite::Connection::open(store.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let err = store.record_answer(&d.id, 1, 3).unwrap_err();
    assert_eq!(err.code(), "store.busy");
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "waited for the timeout"
    );
    // Reads still work while another process writes (WAL).
    assert_eq!(store.get_draft(&d.id).unwrap().answers[0], Some(2));
    other.execute_batch("COMMIT").unwrap();

    store.record_answer(&d.id, 1, 3).unwrap();
    assert_eq!(store.get_draft(&d.id).unwrap().answers[1], Some(3));
}

#[test]
fn two_stores_on_one_file_write_concurrently_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = Store::open(dir.path()).unwrap();
    let (b, _) = Store::open(dir.path()).unwrap();
    let write = |store: &Store| {
        let mut ids = Vec::new();
        let d = store.start_draft(Form::Ip60, Lang::En).unwrap();
        for n in 0..60u16 {
            let s = session(u32::from(n), 5);
            store.save_session(&s).unwrap();
            store.record_answer(&d.id, n, 4).unwrap();
            ids.push(s.id);
        }
        (ids, d.id)
    };
    let (ra, rb) = std::thread::scope(|sc| {
        let ha = sc.spawn(|| write(&a));
        let hb = sc.spawn(|| write(&b));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    drop((a, b));
    let store = open(dir.path());
    store.quick_check().unwrap();
    assert_eq!(store.list_sessions().unwrap().len(), 120);
    for (ids, draft) in [ra, rb] {
        for id in ids {
            assert_eq!(store.get_session(&id).unwrap().careers[0].rows.len(), 5);
        }
        assert!(store
            .get_draft(&draft)
            .unwrap()
            .answers
            .iter()
            .all(|a| *a == Some(4)));
    }
}

#[test]
fn acknowledged_answers_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_store-crash-writer"))
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut acks: Vec<(String, u16, u8)> = Vec::new();
    let mut line = String::new();
    let parse = |line: &str| -> (String, u16, u8) {
        let mut it = line.trim_end().split(' ');
        assert_eq!(it.next(), Some("ack"));
        let d = it.next().unwrap().to_owned();
        (
            d,
            it.next().unwrap().parse().unwrap(),
            it.next().unwrap().parse().unwrap(),
        )
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut own_session = None;
    while acks.len() < 400 && Instant::now() < deadline {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            panic!("writer exited early");
        }
        acks.push(parse(&line));
        if acks.len() == 100 {
            // A second process writing while the writer runs.
            let opts = StoreOptions {
                busy_timeout: Duration::from_secs(60),
                ..StoreOptions::default()
            };
            let (store, _) = Store::open_with(dir.path(), opts).unwrap();
            let s = session(1, 3);
            store.save_session(&s).unwrap();
            own_session = Some(s);
        }
    }
    assert!(acks.len() >= 150, "writer too slow: {} acks", acks.len());
    child.kill().unwrap(); // SIGKILL on Unix: no destructors, no flush
    child.wait().unwrap();
    // Lines already in the pipe were acknowledged before the kill too.
    loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if line.ends_with('\n') {
            acks.push(parse(&line));
        }
    }

    let store = open(dir.path());
    store.quick_check().unwrap();
    let mut drafts = std::collections::HashMap::new();
    for (draft, item, value) in &acks {
        let d = drafts
            .entry(draft.clone())
            .or_insert_with(|| store.get_draft(draft).expect("draft survived"));
        assert_eq!(
            d.answers[usize::from(*item)],
            Some(*value),
            "acknowledged answer lost: draft {draft} item {item}"
        );
    }
    let s = own_session.unwrap();
    assert_eq!(store.get_session(&s.id).unwrap(), s);
    eprintln!(
        "{} acknowledged answers all present after SIGKILL",
        acks.len()
    );
}

#[test]
fn unusable_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert_eq!(err.code(), "store.io");
    assert!(err.to_string().contains("not-a-folder"), "{err}");
}

#[test]
fn errors_serialize_as_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let err = store.get_session("abc").unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["code"], "store.not_found");
    assert_eq!(v["message"], err.to_string());
    assert!(v["message"].as_str().unwrap().contains("abc"));
    assert_eq!(v.as_object().unwrap().len(), 2);
}
