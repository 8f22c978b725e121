//! Where Waypoint keeps things and which service it talks to.
//!
//! The app and the CLI both read their folders and the O*NET base URL from here,
//! so `WAYPOINT_DATA_DIR` and `WAYPOINT_API_BASE` mean the same thing everywhere.

use std::path::{Path, PathBuf};

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
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::InvalidApiBase { .. } => "config.invalid_api_base",
            ConfigError::NoHome => "config.no_home",
        }
    }
}

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
        let base = BaseFolders::of_this_user().ok_or(ConfigError::NoHome)?;
        Ok(Paths::for_os(Os::current(), &base))
    }

    /// Waypoint's folders on `os` under its per-user base folders. The names are those of
    /// `directories::ProjectDirs::from("org", "waypoint", "Waypoint")` (which the store
    /// also uses), spelled out per OS so every system's answer is tested on any one.
    pub fn for_os(os: Os, base: &BaseFolders) -> Paths {
        match os {
            Os::Linux => Paths {
                data_dir: base.data.join("waypoint"),
                // Linux has no log convention in `directories`; the state folder is the XDG answer.
                log_dir: base
                    .state
                    .as_ref()
                    .unwrap_or(&base.data_local)
                    .join("waypoint")
                    .join("logs"),
            },
            Os::Mac => Paths {
                data_dir: base.data.join("org.waypoint.Waypoint"),
                log_dir: base.data_local.join("org.waypoint.Waypoint").join("logs"),
            },
            Os::Windows => {
                // Local AppData, not roaming: roaming profiles copy the roaming folder to a
                // network share, where SQLite's WAL is unsafe. Earlier versions used roaming
                // (see `legacy_data_dir`).
                let data_dir = windows_app_dir(&base.data_local);
                Paths {
                    log_dir: data_dir.join("logs"),
                    data_dir,
                }
            }
        }
    }

    /// Where an earlier Waypoint kept its data on `os`, when that is not where it goes now:
    /// on Windows, the roaming AppData folder.
    pub fn legacy_data_dir(os: Os, base: &BaseFolders) -> Option<PathBuf> {
        match os {
            Os::Windows => Some(windows_app_dir(&base.data)),
            Os::Linux | Os::Mac => None,
        }
    }

    /// [`Paths::legacy_data_dir`] for this user and system; none when `WAYPOINT_DATA_DIR` is set.
    pub fn legacy_data_dir_of_this_user() -> Option<PathBuf> {
        if std::env::var_os(DATA_DIR_ENV).is_some_and(|d| !d.is_empty()) {
            return None;
        }
        Paths::legacy_data_dir(Os::current(), &BaseFolders::of_this_user()?)
    }
}

/// `directories`' folder for org.waypoint.Waypoint under a Windows AppData root.
fn windows_app_dir(root: &Path) -> PathBuf {
    root.join("waypoint").join("Waypoint").join("data")
}

/// What [`move_data_folder`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    /// The folder was renamed into place (same volume).
    Renamed { from: PathBuf, to: PathBuf },
    /// The folder was copied (another volume, e.g. a redirected roaming folder); the original
    /// was renamed to `kept_as` so it is never used again and can be deleted by hand.
    Copied {
        from: PathBuf,
        to: PathBuf,
        kept_as: PathBuf,
    },
}

/// The database file whose presence makes a folder "Waypoint's data".
const DATABASE_FILE: &str = "waypoint.db";

/// Moves an earlier data folder `from` to `to`, once: only when `from` holds a database and
/// `to` holds none, so newer data is never overwritten. Nothing is deleted: a copy keeps the
/// original beside it under another name.
pub fn move_data_folder(from: &Path, to: &Path) -> std::io::Result<Option<Moved>> {
    if !from.join(DATABASE_FILE).is_file() || to.join(DATABASE_FILE).exists() {
        return Ok(None);
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // An empty folder left by an earlier start (logs only, say) is not in the way.
    if to.is_dir() {
        copy_tree(to, from)?;
        std::fs::remove_dir_all(to)?;
    }
    let moved = (from.to_path_buf(), to.to_path_buf());
    if std::fs::rename(from, to).is_ok() {
        return Ok(Some(Moved::Renamed {
            from: moved.0,
            to: moved.1,
        }));
    }
    copy_tree(from, to)?;
    let kept_as = from.with_file_name("data-moved-to-local-appdata");
    std::fs::rename(from, &kept_as)?;
    Ok(Some(Moved::Copied {
        from: moved.0,
        to: moved.1,
        kept_as,
    }))
}

/// Copies every file under `from` into `to`, keeping files `to` already has.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if !target.exists() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The systems whose folder conventions differ; `Linux` stands for every XDG system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    Mac,
    Windows,
}

impl Os {
    /// The system this was built for: the only place the build target is looked at.
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::Mac
        } else {
            Os::Linux
        }
    }
}

/// The per-user folders the OS defines, before Waypoint's own folder names are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseFolders {
    /// Linux `$XDG_DATA_HOME`, macOS `~/Library/Application Support`, Windows `%APPDATA%`.
    pub data: PathBuf,
    /// The same as `data` except on Windows: `%LOCALAPPDATA%`.
    pub data_local: PathBuf,
    /// Linux `$XDG_STATE_HOME`; none elsewhere.
    pub state: Option<PathBuf>,
}

impl BaseFolders {
    /// This user's folders, from `directories`; `None` without a home folder.
    pub fn of_this_user() -> Option<BaseFolders> {
        let b = directories::BaseDirs::new()?;
        Some(BaseFolders {
            data: b.data_dir().to_path_buf(),
            data_local: b.data_local_dir().to_path_buf(),
            state: b.state_dir().map(PathBuf::from),
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
    if url.scheme() == "http" && !is_loopback(&url) {
        return Err(invalid(
            "plain http would send the API key unencrypted; it is allowed only for this \
             computer (127.0.0.1, ::1, localhost), so use https"
                .into(),
        ));
    }
    let mut s = url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

/// This computer: 127.0.0.0/8, ::1 or the name localhost.
fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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

    fn base(data: &str, data_local: &str, state: Option<&str>) -> BaseFolders {
        BaseFolders {
            data: data.into(),
            data_local: data_local.into(),
            state: state.map(PathBuf::from),
        }
    }

    #[test]
    fn linux_keeps_data_in_xdg_data_and_logs_in_xdg_state() {
        let b = base(
            "/home/ana/.local/share",
            "/home/ana/.local/share",
            Some("/home/ana/.local/state"),
        );
        let p = Paths::for_os(Os::Linux, &b);
        assert_eq!(p.data_dir, Path::new("/home/ana/.local/share/waypoint"));
        assert_eq!(p.log_dir, Path::new("/home/ana/.local/state/waypoint/logs"));
        // Without a state folder the logs stay beside the data.
        let b = BaseFolders { state: None, ..b };
        let p = Paths::for_os(Os::Linux, &b);
        assert_eq!(p.log_dir, Path::new("/home/ana/.local/share/waypoint/logs"));
    }

    #[test]
    fn macos_keeps_data_and_logs_in_application_support() {
        let support = "/Users/ana/Library/Application Support";
        let p = Paths::for_os(Os::Mac, &base(support, support, None));
        let app = Path::new(support).join("org.waypoint.Waypoint");
        assert_eq!(p.data_dir, app);
        assert_eq!(p.log_dir, app.join("logs"));
    }

    #[test]
    fn windows_keeps_data_and_logs_local_and_knows_the_roaming_folder() {
        let roaming = r"C:\Users\ana\AppData\Roaming";
        let local = r"C:\Users\ana\AppData\Local";
        // A state folder (which Windows does not have) would change nothing.
        let p = Paths::for_os(Os::Windows, &base(roaming, local, Some("/ignored")));
        let app = |root: &str| {
            Path::new(root)
                .join("waypoint")
                .join("Waypoint")
                .join("data")
        };
        assert_eq!(p.data_dir, app(local));
        assert_eq!(p.log_dir, app(local).join("logs"));
        let legacy = Paths::legacy_data_dir(Os::Windows, &base(roaming, local, None));
        assert_eq!(legacy, Some(app(roaming)));
        for os in [Os::Linux, Os::Mac] {
            assert_eq!(
                Paths::legacy_data_dir(os, &base(roaming, local, None)),
                None
            );
        }
    }

    fn write(p: &Path, text: &str) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn an_earlier_data_folder_moves_once_and_never_over_newer_data() {
        let tmp = tempfile::tempdir().unwrap();
        let (from, to) = (
            tmp.path().join("roaming/data"),
            tmp.path().join("local/data"),
        );
        // Nothing to move yet.
        assert_eq!(move_data_folder(&from, &to).unwrap(), None);
        write(&from.join("waypoint.db"), "old db");
        write(&from.join("waypoint.db-wal"), "old wal");
        write(&from.join("tmp/report.pdf"), "pdf");
        // The new folder exists already with today's log only: not in the way.
        write(&to.join("logs/waypoint.log"), "today");
        let moved = move_data_folder(&from, &to).unwrap();
        assert_eq!(
            moved,
            Some(Moved::Renamed {
                from: from.clone(),
                to: to.clone()
            })
        );
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        assert_eq!(read(&to.join("waypoint.db")), "old db");
        assert_eq!(read(&to.join("waypoint.db-wal")), "old wal");
        assert_eq!(read(&to.join("tmp/report.pdf")), "pdf");
        assert_eq!(read(&to.join("logs/waypoint.log")), "today");
        assert!(!from.exists());
        // Once: an earlier folder that reappears never overwrites the data now in use.
        write(&from.join("waypoint.db"), "stale");
        assert_eq!(move_data_folder(&from, &to).unwrap(), None);
        assert_eq!(read(&to.join("waypoint.db")), "old db");
    }

    #[test]
    fn a_copy_keeps_every_file_and_the_target_files_it_already_has() {
        let tmp = tempfile::tempdir().unwrap();
        let (from, to) = (tmp.path().join("a"), tmp.path().join("b"));
        write(&from.join("x/y/z.txt"), "deep");
        write(&from.join("keep.txt"), "from a");
        write(&to.join("keep.txt"), "from b");
        copy_tree(&from, &to).unwrap();
        assert_eq!(
            std::fs::read_to_string(to.join("x/y/z.txt")).unwrap(),
            "deep"
        );
        assert_eq!(
            std::fs::read_to_string(to.join("keep.txt")).unwrap(),
            "from b"
        );
    }

    #[test]
    fn this_systems_folders_are_the_ones_directories_names() {
        // Ties the per-OS names above to the library's convention, which the store also
        // uses, on whichever system CI runs this.
        let p = Paths::for_os(Os::current(), &BaseFolders::of_this_user().unwrap());
        let dirs = directories::ProjectDirs::from("org", "waypoint", "Waypoint").unwrap();
        // On Windows data is deliberately local (`data_local_dir`), elsewhere the two agree.
        assert_eq!(p.data_dir, dirs.data_local_dir());
        let expected_logs = dirs
            .state_dir()
            .unwrap_or(dirs.data_local_dir())
            .join("logs");
        assert_eq!(p.log_dir, expected_logs);
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

    #[test]
    fn plain_http_only_for_this_computer() {
        for ok in [
            "http://127.0.0.1:8787/",
            "http://127.8.9.10/",
            "http://[::1]:9000/",
            "http://localhost:1234/v2/",
            "http://LOCALHOST/",
            "https://api.example.org/",
            "https://10.0.0.5/",
        ] {
            assert!(normalise_api_base(ok).is_ok(), "{ok} refused");
        }
        for bad in [
            "http://api.example.org/",
            "http://10.0.0.5:8787/",
            "http://128.0.0.1/",
            "http://[::2]/",
            "http://localhost.example.org/",
            "http://0.0.0.0/",
        ] {
            let e = normalise_api_base(bad).unwrap_err();
            assert_eq!(e.code(), "config.invalid_api_base", "{bad}");
            assert!(e.to_string().contains("https"), "{bad}: {e}");
        }
    }
}
