//! Where Waypoint keeps things and which service it talks to.
//!
//! The app and the CLI both read their folders and the O*NET base URL from here,
//! so `WAYPOINT_DATA_DIR` and `WAYPOINT_API_BASE` mean the same thing everywhere.

use std::path::PathBuf;
use waypoint_error_code::ErrorCode;

/// The real O*NET Web Services v2 endpoint; tests and portable installs override it.
pub const DEFAULT_API_BASE: &str = "https://api-v2.onetcenter.org/";

pub const DATA_DIR_ENV: &str = "WAYPOINT_DATA_DIR";
pub const API_BASE_ENV: &str = "WAYPOINT_API_BASE";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("the O*NET address {value:?} is not a valid http(s) URL: {reason}")]
    InvalidApiBase { value: String, reason: String },
    #[error(
        "no home folder was found, so Waypoint cannot choose a data folder; set {DATA_DIR_ENV}"
    )]
    NoHome,
}

impl ConfigError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ConfigError::InvalidApiBase { .. } => ErrorCode::ConfigInvalidApiBase,
            ConfigError::NoHome => ErrorCode::ConfigNoHome,
        }
    }
}

waypoint_error_code::serialize_as_code_and_message!(ConfigError);

/// Folders resolved once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    /// `WAYPOINT_DATA_DIR` puts data and logs in one portable folder; otherwise the OS conventions apply.
    pub fn resolve() -> Result<Self, ConfigError> {
        Self::from_override(std::env::var_os(DATA_DIR_ENV).map(PathBuf::from))
    }

    pub fn from_override(data_dir: Option<PathBuf>) -> Result<Self, ConfigError> {
        if let Some(dir) = data_dir.filter(|d| !d.as_os_str().is_empty()) {
            return Ok(Paths {
                log_dir: dir.join("logs"),
                data_dir: dir,
            });
        }
        let dirs = directories::ProjectDirs::from("org", "waypoint", "Waypoint")
            .ok_or(ConfigError::NoHome)?;
        // Linux has no log convention in `directories`; the state folder is the XDG answer.
        let log_dir = dirs
            .state_dir()
            .map(|d| d.join("logs"))
            .unwrap_or_else(|| dirs.data_local_dir().join("logs"));
        Ok(Paths {
            data_dir: dirs.data_dir().to_path_buf(),
            log_dir,
        })
    }
}

/// The O*NET base URL in force: `WAYPOINT_API_BASE` if set, else the real service.
pub fn api_base() -> Result<String, ConfigError> {
    match std::env::var(API_BASE_ENV) {
        Ok(v) if !v.trim().is_empty() => normalise_api_base(v.trim()),
        _ => Ok(DEFAULT_API_BASE.to_string()),
    }
}

/// Checks the URL and gives it the trailing slash that relative resource paths need.
pub fn normalise_api_base(value: &str) -> Result<String, ConfigError> {
    let invalid = |reason: String| ConfigError::InvalidApiBase {
        value: value.to_string(),
        reason,
    };
    let url = url::Url::parse(value).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme {:?} is not http or https",
            url.scheme()
        )));
    }
    let mut s = url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_puts_logs_inside_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = Paths::from_override(Some(dir.path().to_path_buf())).unwrap();
        assert_eq!(p.data_dir, dir.path());
        assert_eq!(p.log_dir, dir.path().join("logs"));
    }

    #[test]
    fn empty_override_falls_back_to_os_folders() {
        let p = Paths::from_override(Some(PathBuf::new())).unwrap();
        assert!(p.data_dir.is_absolute(), "{:?}", p.data_dir);
        assert!(p.data_dir.to_string_lossy().contains("aypoint"));
    }

    #[test]
    fn api_base_gets_a_trailing_slash() {
        assert_eq!(
            normalise_api_base("http://127.0.0.1:8787").unwrap(),
            "http://127.0.0.1:8787/"
        );
        assert_eq!(
            normalise_api_base("http://127.0.0.1:8787/v2/").unwrap(),
            "http://127.0.0.1:8787/v2/"
        );
    }

    #[test]
    fn api_base_rejects_other_schemes_and_garbage() {
        let e = normalise_api_base("ftp://example.org/").unwrap_err();
        assert_eq!(e.code(), "config.invalid_api_base");
        assert!(e.to_string().contains("ftp"));
        assert!(normalise_api_base("not a url").is_err());
    }
}
