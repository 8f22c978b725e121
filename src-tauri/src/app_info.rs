use serde::Serialize;
use waypoint_config::Paths;

use crate::AppError;

/// Facts the welcome and About screens show; also proves the IPC path end to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub log_dir: String,
    pub api_base: String,
    /// True when `WAYPOINT_API_BASE` points somewhere other than the real O*NET service.
    pub api_base_overridden: bool,
}

/// What the app resolved at start-up, shared by every command.
pub struct AppState {
    pub paths: Paths,
    /// Told to the person once the window is up (a database set aside, a keychain problem).
    pub notices: Vec<AppError>,
    /// Found after the window was up (the later integrity check); also sent as an event.
    pub late_notices: std::sync::Mutex<Vec<AppError>>,
}

impl AppState {
    pub fn new(paths: Paths) -> Self {
        AppState {
            paths,
            notices: vec![],
            late_notices: Default::default(),
        }
    }

    /// Every notice so far: start-up first, then later ones.
    pub fn all_notices(&self) -> Vec<AppError> {
        let late = self.late_notices.lock().unwrap_or_else(|p| p.into_inner());
        self.notices.iter().chain(late.iter()).cloned().collect()
    }

    pub fn app_info(&self) -> Result<AppInfo, AppError> {
        let api_base = waypoint_config::api_base()?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.paths.data_dir.display().to_string(),
            log_dir: self.paths.log_dir.display().to_string(),
            api_base_overridden: api_base != waypoint_config::DEFAULT_API_BASE,
            api_base,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_reports_the_version_and_overridden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(Paths::from_override(Some(dir.path().into())).unwrap());
        let info = state.app_info().unwrap();
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.data_dir, dir.path().display().to_string());
        assert!(info.log_dir.starts_with(&info.data_dir));
        assert!(info.log_dir.ends_with("logs"));
        assert!(info.api_base.starts_with("http"));
        assert!(info.api_base.ends_with('/'));
    }
}
