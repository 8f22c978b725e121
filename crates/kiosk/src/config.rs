//! Kiosk configuration: defaults, then the managed config file an IT
//! department may install, then the `--kiosk` command-line flag.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{KioskError, Result};

pub const IDLE_MINUTES_MIN: u32 = 1;
pub const IDLE_MINUTES_MAX: u32 = 30;
pub const IDLE_MINUTES_DEFAULT: u32 = 3;
pub const CENTER_NAME_MAX_CHARS: usize = 80;
/// Overrides the managed config file's location.
pub const ENV_CONFIG_PATH: &str = "WAYPOINT_KIOSK_CONFIG";
/// Names errors in settings an admin changed inside the app.
const ADMIN_SOURCE: &str = "admin settings";

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }
}

/// The whole kiosk configuration as the app stores it. It holds the PIN
/// hash, so send [`KioskSettings`] to the UI, not this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KioskConfig {
    pub enabled: bool,
    pub idle_minutes: u32,
    pub default_lang: Lang,
    /// Off by default: on a shared computer results are not kept. An admin
    /// may allow saving (without labels that identify the person).
    pub save_results: bool,
    pub printing: bool,
    pub center_name: Option<String>,
    /// Argon2 PHC string; see [`crate::pin`].
    pub pin_hash: Option<String>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            enabled: false,
            idle_minutes: IDLE_MINUTES_DEFAULT,
            default_lang: Lang::En,
            save_results: false,
            printing: true,
            center_name: None,
            pin_hash: None,
        }
    }
}

/// The settings an admin sees and edits in the admin panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct KioskSettings {
    pub enabled: bool,
    pub idle_minutes: u32,
    pub default_lang: Lang,
    pub save_results: bool,
    pub printing: bool,
    pub center_name: Option<String>,
}

impl KioskConfig {
    /// Checks every rule; the error names the first field that breaks one.
    pub fn validate(&self) -> Result<()> {
        self.validate_as(ADMIN_SOURCE)
    }

    fn validate_as(&self, source: &str) -> Result<()> {
        check_idle_minutes(source, i64::from(self.idle_minutes))?;
        if let Some(name) = &self.center_name {
            check_center_name(source, name)?;
        }
        if let Some(hash) = &self.pin_hash {
            crate::pin::check_hash(hash).map_err(|r| KioskError::invalid(source, "pin_hash", r))?;
        }
        Ok(())
    }

    pub fn settings(&self) -> KioskSettings {
        KioskSettings {
            enabled: self.enabled,
            idle_minutes: self.idle_minutes,
            default_lang: self.default_lang,
            save_results: self.save_results,
            printing: self.printing,
            center_name: self.center_name.clone(),
        }
    }

    /// Applies an admin's changes if they all pass; on error nothing changes.
    pub fn apply_settings(&mut self, s: KioskSettings) -> Result<()> {
        let center_name = match s.center_name {
            Some(n) => normalise_center_name(ADMIN_SOURCE, &n)?,
            None => None,
        };
        let next = KioskConfig {
            enabled: s.enabled,
            idle_minutes: s.idle_minutes,
            default_lang: s.default_lang,
            save_results: s.save_results,
            printing: s.printing,
            center_name,
            pin_hash: self.pin_hash.clone(),
        };
        next.validate()?;
        *self = next;
        Ok(())
    }

    pub fn session_config(&self) -> Result<crate::session::SessionConfig> {
        crate::session::SessionConfig::new(self.idle_minutes, self.default_lang)
    }

    /// Reads a managed config file's text over the defaults. Every key is
    /// optional; unknown keys are errors so a typo is not silently ignored.
    pub fn from_toml(text: &str, source: &str) -> Result<KioskConfig> {
        let table: toml::Table =
            text.parse()
                .map_err(|e: toml::de::Error| KioskError::ConfigUnreadable {
                    origin: source.to_string(),
                    reason: match e.span() {
                        Some(span) => format!(
                            "not valid TOML at line {}: {}",
                            text[..span.start.min(text.len())].matches('\n').count() + 1,
                            e.message()
                        ),
                        None => format!("not valid TOML: {}", e.message()),
                    },
                })?;
        let mut c = KioskConfig::default();
        for (key, value) in &table {
            let bad = |reason: String| KioskError::invalid(source, key.as_str(), reason);
            match key.as_str() {
                "enabled" => c.enabled = as_bool(value).map_err(bad)?,
                "save_results" => c.save_results = as_bool(value).map_err(bad)?,
                "printing" => c.printing = as_bool(value).map_err(bad)?,
                "idle_minutes" => {
                    let n = value.as_integer().ok_or_else(|| {
                        bad(format!(
                            "must be a whole number of minutes, got {}",
                            value.type_str()
                        ))
                    })?;
                    c.idle_minutes = check_idle_minutes(source, n)?;
                }
                "default_lang" => {
                    let code = value.as_str().ok_or_else(|| {
                        bad(format!(
                            "must be \"en\" or \"es\", got {}",
                            value.type_str()
                        ))
                    })?;
                    c.default_lang = Lang::from_code(code)
                        .ok_or_else(|| bad(format!("must be \"en\" or \"es\", got \"{code}\"")))?;
                }
                "center_name" => {
                    let s = value
                        .as_str()
                        .ok_or_else(|| bad(format!("must be text, got {}", value.type_str())))?;
                    c.center_name = normalise_center_name(source, s)?;
                }
                "pin_hash" => {
                    let s = value
                        .as_str()
                        .ok_or_else(|| bad(format!("must be text, got {}", value.type_str())))?;
                    crate::pin::check_hash(s).map_err(bad)?;
                    c.pin_hash = Some(s.to_string());
                }
                _ => {
                    return Err(bad(
                        "is not a kiosk setting (expected enabled, idle_minutes, default_lang, \
                         save_results, printing, center_name or pin_hash)"
                            .to_string(),
                    ))
                }
            }
        }
        Ok(c)
    }
}

fn as_bool(v: &toml::Value) -> std::result::Result<bool, String> {
    v.as_bool()
        .ok_or_else(|| format!("must be true or false, got {}", v.type_str()))
}

fn check_idle_minutes(source: &str, n: i64) -> Result<u32> {
    match u32::try_from(n) {
        Ok(m) if (IDLE_MINUTES_MIN..=IDLE_MINUTES_MAX).contains(&m) => Ok(m),
        _ => Err(KioskError::invalid(
            source,
            "idle_minutes",
            format!("must be from {IDLE_MINUTES_MIN} to {IDLE_MINUTES_MAX} minutes, got {n}"),
        )),
    }
}

fn check_center_name(source: &str, name: &str) -> Result<()> {
    let chars = name.chars().count();
    if chars > CENTER_NAME_MAX_CHARS {
        return Err(KioskError::invalid(
            source,
            "center_name",
            format!("must be at most {CENTER_NAME_MAX_CHARS} characters, got {chars}"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(KioskError::invalid(
            source,
            "center_name",
            "must be one line of text without control characters",
        ));
    }
    Ok(())
}

/// Trims, checks, and turns a blank name into "no name".
fn normalise_center_name(source: &str, name: &str) -> Result<Option<String>> {
    let name = name.trim();
    check_center_name(source, name)?;
    Ok((!name.is_empty()).then(|| name.to_string()))
}

/// True when the command line asks for kiosk mode (`--kiosk`). The first
/// item is the program name and is skipped, as `std::env::args()` gives it.
pub fn kiosk_flag(args: impl Iterator<Item = String>) -> bool {
    args.skip(1)
        // Everything after `--` is an operand, not an option.
        .take_while(|a| a != "--")
        .any(|a| a == "--kiosk")
}

/// Where the managed config file is: `WAYPOINT_KIOSK_CONFIG` if set,
/// else the platform's machine-wide location.
pub fn managed_config_path() -> Option<PathBuf> {
    managed_config_path_from(
        std::env::var_os(ENV_CONFIG_PATH),
        std::env::var_os("ProgramData"),
    )
}

/// [`managed_config_path`] with the environment passed in, for tests.
pub fn managed_config_path_from(
    override_path: Option<OsString>,
    program_data: Option<OsString>,
) -> Option<PathBuf> {
    if let Some(p) = override_path.filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    default_managed_path(program_data)
}

#[cfg(target_os = "windows")]
fn default_managed_path(program_data: Option<OsString>) -> Option<PathBuf> {
    let base = program_data
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
    Some(base.join("Waypoint").join("kiosk.toml"))
}

#[cfg(target_os = "macos")]
fn default_managed_path(_program_data: Option<OsString>) -> Option<PathBuf> {
    Some(PathBuf::from(
        "/Library/Application Support/Waypoint/kiosk.toml",
    ))
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn default_managed_path(_program_data: Option<OsString>) -> Option<PathBuf> {
    Some(PathBuf::from("/etc/waypoint/kiosk.toml"))
}

/// What loading found. `config` is always usable: on an error it is the
/// defaults (plus `--kiosk`), and `error` says what was wrong so the app can
/// log it and tell the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOutcome {
    pub config: KioskConfig,
    /// The managed file that was applied, if any.
    pub file: Option<PathBuf>,
    pub error: Option<KioskError>,
}

/// Loads the configuration for this process: defaults, the managed file,
/// then `--kiosk` from the arguments (program name first).
pub fn load(args: impl Iterator<Item = String>) -> LoadOutcome {
    let explicit = std::env::var_os(ENV_CONFIG_PATH).is_some_and(|p| !p.is_empty());
    load_from(managed_config_path().as_deref(), explicit, kiosk_flag(args))
}

/// [`load`] with its inputs spelt out. A missing file is normal (most
/// installs are not managed) unless the path was given explicitly.
pub fn load_from(path: Option<&Path>, explicit: bool, kiosk_flag: bool) -> LoadOutcome {
    let mut out = LoadOutcome {
        config: KioskConfig::default(),
        file: None,
        error: None,
    };
    if let Some(path) = path {
        let source = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => match KioskConfig::from_toml(&text, &source) {
                Ok(c) => {
                    out.config = c;
                    out.file = Some(path.to_path_buf());
                }
                Err(e) => out.error = Some(e),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {}
            Err(e) => {
                out.error = Some(KioskError::ConfigUnreadable {
                    origin: source,
                    reason: format!("cannot read the file: {e}"),
                })
            }
        }
    }
    if kiosk_flag {
        out.config.enabled = true;
    }
    out
}
