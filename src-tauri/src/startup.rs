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
                    waypoint_services::ErrorCode::StoreRecoveredFromCorruption,
                    format!(
                        "Waypoint's saved data could not be read, so a fresh database was started. The old file was kept as {} — nothing was deleted.",
                        aside.display()
                    ),
                ));
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
