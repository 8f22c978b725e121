//! Opening what the app needs, never crashing on what it finds: a corrupt database is set
//! aside and replaced, a database from a newer Waypoint is left alone (the app then runs on a
//! temporary one for this launch), and the person is told either way.

use std::sync::Arc;

use waypoint_config::Paths;
use waypoint_secrets::KeyStore;
use waypoint_services::{OnetSettings, Services};
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
                "config.data_moved",
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
                "config.data_moved",
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
                "config.data_not_moved",
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
                notices.push(AppError::new(
                    "store.recovered_from_corruption",
                    format!(
                        "Waypoint's saved data could not be read, so a fresh database was started. The old file was kept as {} — nothing was deleted.",
                        aside.display()
                    ),
                ));
            }
            store
        }
        Err(e) => {
            tracing::error!(code = e.code(), "database refused: {e}");
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
    let services = Services::new(store, keys, OnetSettings::new(api_base));
    if let Some(p) = services.key_status().keychain_error {
        notices.push(p);
    }
    Started {
        services: Arc::new(services),
        state: AppState { paths, notices },
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
        assert_eq!(n.code, "config.data_moved");
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
        assert_eq!(n.code, "config.data_not_moved");
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
}
