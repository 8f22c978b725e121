//! Opening what the app needs, never crashing on what it finds: a corrupt database is set
//! aside and replaced, a database from a newer Waypoint is left alone (the app then runs on a
//! temporary one for this launch), and the person is told either way.

use std::sync::Arc;

use waypoint_config::Paths;
use waypoint_secrets::KeyStore;
use waypoint_services::{ErrorCode, OnetSettings, Services};
use waypoint_store::Store;

use crate::app_info::AppState;
use crate::AppError;

pub struct Started {
    pub services: Arc<Services>,
    pub state: AppState,
}

/// What the person is told after an earlier data folder was moved (or could not be).
pub fn data_moved_notice(
    moved: std::io::Result<Option<waypoint_config::Moved>>,
) -> Option<AppError> {
    use waypoint_config::Moved;
    let notice = match moved {
        Ok(None) => return None,
        Ok(Some(Moved::Renamed { from, to })) => {
            tracing::info!(from = %from.display(), to = %to.display(), "data folder moved");
            AppError::new(
                ErrorCode::ConfigDataMoved,
                format!(
                    "Waypoint now keeps its data on this computer only, in {}. Your saved results were moved there from {}.",
                    to.display(),
                    from.display()
                ),
            )
        }
        Ok(Some(Moved::Copied { to, kept_as, .. })) => {
            tracing::info!(to = %to.display(), kept = %kept_as.display(), "data folder copied");
            AppError::new(
                ErrorCode::ConfigDataMoved,
                format!(
                    "Waypoint now keeps its data on this computer only, in {}. Your saved results were copied there; the old folder was kept as {} and can be deleted.",
                    to.display(),
                    kept_as.display()
                ),
            )
        }
        Err(e) => {
            tracing::error!("could not move the earlier data folder: {e}");
            AppError::new(
                ErrorCode::ConfigDataNotMoved,
                format!("Waypoint could not move its earlier data folder, which was left as it was: {e}"),
            )
        }
    };
    Some(notice)
}

pub fn start(paths: Paths) -> Started {
    start_with(paths, KeyStore::default())
}

pub fn start_with(paths: Paths, keys: KeyStore) -> Started {
    let mut notices = vec![];
    let store = match Store::open(&paths.data_dir) {
        Ok((store, report)) => {
            if let Some(aside) = report.recovered_from {
                tracing::error!(aside = %aside.display(), "database was unreadable and was set aside");
                notices.push(set_aside_notice(&aside));
            }
            store
        }
        Err(e) => {
            tracing::error!(code = %e.code(), "database refused: {e}");
            notices.push(AppError::new(e.code(), e.to_string()));
            let temp =
                std::env::temp_dir().join(format!("waypoint-temporary-{}", std::process::id()));
            Store::open(&temp)
                .map(|(s, _)| s)
                .expect("a fresh temporary database can always be created")
        }
    };
    let api_base = match waypoint_config::api_base() {
        Ok(b) => b,
        Err(e) => {
            notices.push(AppError::new(e.code(), e.to_string()));
            waypoint_config::DEFAULT_API_BASE.to_string()
        }
    };
    // The keychain is not read here: `ui_ready` does it after the first paint.
    let services = Services::new(store, keys, OnetSettings::new(api_base));
    Started {
        services: Arc::new(services),
        state: AppState {
            paths,
            notices,
            late_notices: Default::default(),
        },
    }
}

/// What the person is told when a damaged database was set aside, at open or later.
pub fn set_aside_notice(aside: &std::path::Path) -> AppError {
    AppError::new(
        ErrorCode::StoreRecoveredFromCorruption,
        format!(
            "Waypoint's saved data could not be read, so a fresh database was started. The old file was kept as {} — nothing was deleted.",
            aside.display()
        ),
    )
}

/// The integrity check the store skipped at open (after a clean close), run once the window
/// is up. A damaged file is set aside by the store; the person gets the same notice as at
/// start-up, returned here for the caller to show.
pub fn check_later(services: &waypoint_services::Services) -> Option<AppError> {
    if services.store().checked_at_open() {
        return None; // after an unclean shutdown: done before the window, not twice
    }
    let started = std::time::Instant::now();
    match services.check_integrity() {
        Ok(None) => {
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                "database integrity checked: ok"
            );
            None
        }
        Ok(Some(aside)) => {
            tracing::error!(aside = %aside.display(), "database damaged; set aside after start-up");
            Some(set_aside_notice(&aside))
        }
        Err(e) => {
            // Not proof of damage (busy, unreadable folder): the next unclean start checks again.
            tracing::warn!(code = %e.code(), "integrity check could not run: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &std::path::Path) -> Paths {
        Paths::from_override(Some(dir.to_path_buf())).unwrap()
    }

    #[test]
    fn a_moved_data_folder_is_announced_and_a_failed_move_too() {
        use waypoint_config::Moved;
        assert!(data_moved_notice(Ok(None)).is_none());
        let (from, to) = ("/r/data".into(), "/l/data".into());
        let n = data_moved_notice(Ok(Some(Moved::Renamed { from, to }))).unwrap();
        assert_eq!(n.code, ErrorCode::ConfigDataMoved);
        assert!(n.message.contains("/l/data") && n.message.contains("/r/data"));
        let n = data_moved_notice(Ok(Some(Moved::Copied {
            from: "/r/data".into(),
            to: "/l/data".into(),
            kept_as: "/r/data-moved-to-local-appdata".into(),
        })))
        .unwrap();
        assert!(
            n.message.contains("data-moved-to-local-appdata"),
            "{}",
            n.message
        );
        let n = data_moved_notice(Err(std::io::Error::other("disk full"))).unwrap();
        assert_eq!(n.code, ErrorCode::ConfigDataNotMoved);
        assert!(n.message.contains("disk full"));
    }

    #[test]
    fn a_corrupt_database_is_set_aside_and_the_person_is_told() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(waypoint_store::DB_FILE),
            b"this is not sqlite, sorry",
        )
        .unwrap();
        let s = start_with(
            paths(dir.path()),
            KeyStore::new("org.waypoint.tests", "startup"),
        );
        let codes: Vec<_> = s.state.notices.iter().map(|n| n.code.as_str()).collect();
        assert!(
            codes.contains(&"store.recovered_from_corruption"),
            "{codes:?}"
        );
        // A keychain prompt must never hold up the window: read after the first paint.
        assert!(
            !s.services.key_loaded(),
            "the keychain was read at start-up"
        );
        let aside = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .find(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .expect("the old file is kept");
        assert_eq!(
            std::fs::read(aside.path()).unwrap(),
            b"this is not sqlite, sorry"
        );
        assert!(s.services.list_sessions().unwrap().is_empty());
    }

    #[test]
    fn damage_missed_at_a_quick_start_is_set_aside_later_with_the_same_notice() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(waypoint_store::DB_FILE);
        {
            let s = start_with(
                paths(dir.path()),
                KeyStore::new("org.waypoint.tests", "startup"),
            );
            for n in 0..30 {
                s.services
                    .submit_scores(
                        waypoint_profiler::Form::Ip60,
                        [20, 22, 25, 10, 10, 8],
                        waypoint_services::dto::Lang::En,
                        Some(format!("Person {n}")),
                    )
                    .unwrap();
            }
            // What the app does at exit.
            s.services.store().close_cleanly().unwrap();
        }
        // Damage that leaves the file's size and time as they were (bit rot): only a full
        // check finds it. The pages of the saved results, not the schema's.
        let pages: Vec<i64> = {
            let c = rusqlite::Connection::open(&db).unwrap();
            let mut st = c
                .prepare("SELECT pageno FROM dbstat WHERE name = 'sessions'")
                .unwrap();
            let rows = st.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        let mtime = std::fs::metadata(&db).unwrap().modified().unwrap();
        let mut bytes = std::fs::read(&db).unwrap();
        for p in pages {
            let from = (p as usize - 1) * 4096;
            bytes[from..from + 4096].fill(0x5a);
        }
        std::fs::write(&db, &bytes).unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&db)
            .unwrap()
            .set_modified(mtime)
            .unwrap();

        let s = start_with(
            paths(dir.path()),
            KeyStore::new("org.waypoint.tests", "startup"),
        );
        assert!(
            !s.state.notices.iter().any(|n| n.code.category() == "store"),
            "not checked at a quick start"
        );
        let notice = check_later(&s.services).expect("found by the later check");
        assert_eq!(notice.code, ErrorCode::StoreRecoveredFromCorruption);
        // The main file, not its -wal or -shm kept beside it.
        let aside = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .find(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.contains("corrupt") && !name.ends_with("-wal") && !name.ends_with("-shm")
            })
            .expect("the old file is kept");
        assert!(notice
            .message
            .contains(&*aside.file_name().to_string_lossy()));
        assert_eq!(std::fs::read(aside.path()).unwrap(), bytes, "nothing lost");
        assert!(s.services.list_sessions().unwrap().is_empty());
        assert!(
            check_later(&s.services).is_none(),
            "the fresh database is healthy"
        );
    }
}
