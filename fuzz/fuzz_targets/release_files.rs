//! The occupation release reader (`import_release`), from a folder and from a zip.
//!
//! The first byte picks the shape. Folder: the rest is split at `\0` into
//! `Occupation Data.txt`, `Interests.txt` and `Job Zones.txt` (fewer parts leave files
//! out). Zip: the rest is the archive. Either way the import ends in a pack that passes
//! the crate's own `pack::validate`, or in a crate error; never a panic, and never an
//! allocation the input merely asked for.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use waypoint_profiler::error::Error;
use waypoint_profiler::pack::validate;
use waypoint_profiler::release_files::{
    import_release, INTERESTS_FILE, JOB_ZONES_FILE, OCCUPATION_DATA_FILE,
};

/// One scratch folder per process, in memory when the machine has /dev/shm.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let shm = std::path::Path::new("/dev/shm");
        let dir = DIR.get_or_init(|| {
            if shm.is_dir() {
                tempfile::tempdir_in(shm).unwrap()
            } else {
                tempfile::tempdir().unwrap()
            }
        });
        dir.path().to_path_buf()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let base = scratch();
    let path = if mode % 2 == 0 {
        let dir = base.join("db_29_3_text");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        let names = [OCCUPATION_DATA_FILE, INTERESTS_FILE, JOB_ZONES_FILE];
        for (name, part) in names.iter().zip(rest.split(|&b| b == 0)) {
            std::fs::write(dir.join(name), part).unwrap();
        }
        dir
    } else {
        let zip = base.join("db_29_3_text.zip");
        std::fs::write(&zip, rest).unwrap();
        zip
    };
    let mut last_done = 0u64;
    let mut stage = None;
    let result = import_release(&path, None, &mut |p| {
        // Progress never runs backwards within a stage and never passes its total.
        if stage != Some(p.stage) {
            stage = Some(p.stage);
            last_done = 0;
        }
        assert!(p.done >= last_done && p.done <= p.total, "{p:?}");
        last_done = p.done;
    });
    match result {
        Ok(pack) => {
            assert_eq!(pack.release, "29.3");
            validate(&pack).unwrap();
            // The pack survives the JSON it is stored as.
            let json = serde_json::to_string(&pack).unwrap();
            let back: waypoint_profiler::OccupationPack = serde_json::from_str(&json).unwrap();
            assert_eq!(back, pack);
        }
        Err(e) => {
            assert!(
                matches!(e, Error::PackInvalid { .. } | Error::PackIo { .. }),
                "{e:?}"
            );
            let _ = (e.code(), e.to_string());
        }
    }
});
