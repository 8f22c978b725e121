//! The sessions import (`Store::import_json`, the exported history brought back) into a
//! real SQLite store. Anything refused is `store.import_invalid` with nothing written;
//! anything accepted exports and imports again unchanged (every result reported as
//! already saved with identical content).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use waypoint_store::{ImportMode, Store, StoreError};

/// One store per process, in memory when the machine has /dev/shm. Results pile up
/// across runs, which also exercises imports over what is already saved.
fn store() -> &'static Store {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let shm = std::path::Path::new("/dev/shm");
        let dir = DIR.get_or_init(|| {
            if shm.is_dir() {
                tempfile::tempdir_in(shm).unwrap()
            } else {
                tempfile::tempdir().unwrap()
            }
        });
        Store::open(dir.path()).unwrap().0
    })
}

fuzz_target!(|data: &[u8]| {
    // The app reads the file as UTF-8 text before importing it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let store = store();
    // Alternate the two modes on the input's length so both are reached.
    let mode = if data.len().is_multiple_of(2) {
        ImportMode::KeepExisting
    } else {
        ImportMode::Overwrite
    };
    match store.import_json(text, mode) {
        Ok(report) => {
            let mut ids: Vec<&str> = report
                .imported
                .iter()
                .chain(&report.skipped_identical)
                .chain(&report.conflicting)
                .chain(&report.overwritten)
                .map(String::as_str)
                .collect();
            ids.sort_unstable();
            let n = ids.len();
            ids.dedup();
            assert_eq!(n, ids.len(), "an id reported twice: {report:?}");
            if ids.is_empty() {
                return;
            }
            let exported = store.export_json(Some(&ids)).unwrap();
            let again = store
                .import_json(&exported, ImportMode::KeepExisting)
                .unwrap();
            let mut same = again.skipped_identical.clone();
            same.sort_unstable();
            assert_eq!(same, ids, "export → import changed something: {again:?}");
        }
        Err(e) => {
            assert!(matches!(e, StoreError::ImportInvalid(_)), "{e:?}");
            let _ = (e.code(), e.to_string());
        }
    }
});
