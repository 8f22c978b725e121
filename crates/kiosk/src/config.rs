//! Kiosk configuration: defaults, then the managed config file an IT
//! department may install, then the `--kiosk` command-line flag.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use waypoint_profiler::Lang;

use crate::error::{KioskError, Result};
use crate::platform::Os;

pub const IDLE_MINUTES_MIN: u32 = 1;
pub const IDLE_MINUTES_MAX: u32 = 30;
pub const IDLE_MINUTES_DEFAULT: u32 = 3;
pub const CENTER_NAME_MAX_CHARS: usize = 80;
/// Overrides the managed config file's location, in debug builds only (the real-window tests).
pub const ENV_CONFIG_PATH: &str = "WAYPOINT_KIOSK_CONFIG";
/// Names errors in settings an admin changed inside the app.
const ADMIN_SOURCE: &str = "admin settings";

/// The settings an admin sees and edits in the admin panel.
// Also what the managed file sets; with the PIN hash they make a [`KioskConfig`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct KioskSettings {
    pub enabled: bool,
    pub idle_minutes: u32,
    pub default_lang: Lang,
    // Off by default: on a shared computer results are not kept. An admin
    // may allow saving (without labels that identify the person).
    pub save_results: bool,
    pub printing: bool,
    pub center_name: Option<String>,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            enabled: false,
            idle_minutes: IDLE_MINUTES_DEFAULT,
            default_lang: Lang::En,
            save_results: false,
            printing: true,
            center_name: None,
        }
    }
}

/// The whole kiosk configuration: the settings plus the PIN hash, so send
/// [`KioskSettings`] to the UI, not this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KioskConfig {
    pub settings: KioskSettings,
    /// Argon2 PHC string; see [`crate::pin`].
    pub pin_hash: Option<String>,
}

impl KioskConfig {
    /// Checks every rule; the error names the first field that breaks one.
    pub fn validate(&self) -> Result<()> {
        let source = ADMIN_SOURCE;
        check_idle_minutes(source, i64::from(self.settings.idle_minutes))?;
        if let Some(name) = &self.settings.center_name {
            check_center_name(source, name)?;
        }
        if let Some(hash) = &self.pin_hash {
            crate::pin::check_hash(hash).map_err(|r| KioskError::invalid(source, "pin_hash", r))?;
        }
        Ok(())
    }

    /// Applies an admin's changes if they all pass; on error nothing changes.
    pub fn apply_settings(&mut self, s: KioskSettings) -> Result<()> {
        let center_name = match &s.center_name {
            Some(n) => normalise_center_name(ADMIN_SOURCE, n)?,
            None => None,
        };
        let next = KioskConfig {
            settings: KioskSettings { center_name, ..s },
            pin_hash: self.pin_hash.clone(),
        };
        next.validate()?;
        *self = next;
        Ok(())
    }

    /// Reads a managed config file's text over the defaults. Every key is
    /// optional; unknown keys are errors so a typo is not silently ignored.
    pub fn from_toml(text: &str, source: &str) -> Result<KioskConfig> {
        let table: toml::Table =
            text.parse()
                .map_err(|e: toml::de::Error| KioskError::ConfigUnreadable {
                    origin: source.to_string(),
                    reason: match e.span() {
                        // Counted in bytes: the span may start inside a multi-byte
                        // character, and a '\n' byte is never part of one.
                        Some(span) => format!(
                            "not valid TOML at line {}: {}",
                            text.as_bytes()[..span.start.min(text.len())]
                                .iter()
                                .filter(|&&b| b == b'\n')
                                .count()
                                + 1,
                            e.message()
                        ),
                        None => format!("not valid TOML: {}", e.message()),
                    },
                })?;
        let mut c = KioskConfig::default();
        for (key, value) in &table {
            let bad = |reason: String| KioskError::invalid(source, key.as_str(), reason);
            match key.as_str() {
                "enabled" => c.settings.enabled = as_bool(value).map_err(bad)?,
                "save_results" => c.settings.save_results = as_bool(value).map_err(bad)?,
                "printing" => c.settings.printing = as_bool(value).map_err(bad)?,
                "idle_minutes" => {
                    let n = value.as_integer().ok_or_else(|| {
                        bad(format!(
                            "must be a whole number of minutes, got {}",
                            value.type_str()
                        ))
                    })?;
                    c.settings.idle_minutes = check_idle_minutes(source, n)?;
                }
                "default_lang" => {
                    let code = value.as_str().ok_or_else(|| {
                        bad(format!(
                            "must be \"en\" or \"es\", got {}",
                            value.type_str()
                        ))
                    })?;
                    c.settings.default_lang = Lang::from_code(code)
                        .ok_or_else(|| bad(format!("must be \"en\" or \"es\", got \"{code}\"")))?;
                }
                "center_name" => {
                    let s = value
                        .as_str()
                        .ok_or_else(|| bad(format!("must be text, got {}", value.type_str())))?;
                    c.settings.center_name = normalise_center_name(source, s)?;
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

/// The one idle-time rule, for the managed file, admin changes and the session machine.
pub(crate) fn check_idle_minutes(source: &str, n: i64) -> Result<u32> {
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

/// The command-line option that names a managed config file (`--kiosk-config PATH` or
/// `--kiosk-config=PATH`), for a kiosk set up by a shortcut an administrator made.
pub const ARG_CONFIG_PATH: &str = "--kiosk-config";

/// The `--kiosk-config` path on the command line, if any (program name first).
pub fn config_arg(args: &[String]) -> Option<PathBuf> {
    let mut it = args.iter().skip(1).take_while(|a| *a != "--");
    while let Some(a) = it.next() {
        if a == ARG_CONFIG_PATH {
            return it.next().filter(|p| !p.is_empty()).map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--kiosk-config=") {
            return (!p.is_empty()).then(|| PathBuf::from(p));
        }
    }
    None
}

/// Where the managed config file is for this process, and whether it was named explicitly
/// (then a missing file is an error).
pub fn managed_config_path(args: &[String]) -> Option<(PathBuf, bool)> {
    managed_config_path_from(
        Os::current(),
        config_arg(args),
        std::env::var_os(ENV_CONFIG_PATH),
        std::env::var_os("ProgramData"),
        cfg!(debug_assertions),
    )
}

/// [`managed_config_path`] with its inputs passed in. Only the machine-wide location or the
/// `--kiosk-config` argument count: a user's environment variable must not replace the
/// configuration IT installed. `WAYPOINT_KIOSK_CONFIG` is honoured in debug builds only, for
/// the real-window tests.
pub fn managed_config_path_from(
    os: Os,
    arg: Option<PathBuf>,
    env_override: Option<OsString>,
    program_data: Option<OsString>,
    debug_build: bool,
) -> Option<(PathBuf, bool)> {
    if let Some(p) = arg {
        return Some((p, true));
    }
    if debug_build {
        if let Some(p) = env_override.filter(|p| !p.is_empty()) {
            return Some((PathBuf::from(p), true));
        }
    }
    Some((default_managed_path(os, program_data), false))
}

/// The machine-wide location, writable only by administrators on each system.
pub fn default_managed_path(os: Os, program_data: Option<OsString>) -> PathBuf {
    match os {
        Os::Windows => {
            let base = program_data
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
            base.join("Waypoint").join("kiosk.toml")
        }
        Os::Mac => PathBuf::from("/Library/Application Support/Waypoint/kiosk.toml"),
        Os::Linux => PathBuf::from("/etc/waypoint/kiosk.toml"),
    }
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
    let args: Vec<String> = args.collect();
    let flag = kiosk_flag(args.iter().cloned());
    match managed_config_path(&args) {
        Some((path, explicit)) => load_from(Some(&path), explicit, flag),
        None => load_from(None, false, flag),
    }
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
    if out.error.is_some() {
        // Fail closed: a managed kiosk whose file broke stays a kiosk, on safe defaults, and
        // the admin is told; it must not turn into an open desktop app.
        tracing::error!("managed kiosk configuration unusable; kiosk mode stays on with defaults");
        out.config.settings.enabled = true;
    }
    if kiosk_flag {
        out.config.settings.enabled = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const SRC: &str = "/etc/waypoint/kiosk.toml";

    fn fast_hash() -> String {
        let mut pad = crate::pin::PinPad::new(None, Default::default())
            .with_params(argon2::Params::new(8, 1, 1, None).unwrap());
        pad.set_pin("1234").unwrap()
    }

    /// The error for one bad file, checked to name the file and the field.
    fn bad(text: &str, field: &str) -> String {
        let e = KioskConfig::from_toml(text, SRC).unwrap_err();
        assert_eq!(e.code(), "kiosk.config_invalid", "{e}");
        let msg = e.to_string();
        assert!(msg.starts_with(SRC), "{msg}");
        assert!(msg.contains(&format!("`{field}`")), "{msg}");
        msg
    }

    #[test]
    fn defaults() {
        let c = KioskConfig::default();
        let s = &c.settings;
        assert!(!s.enabled);
        assert_eq!(s.idle_minutes, 3);
        assert_eq!(s.default_lang, Lang::En);
        assert!(!s.save_results, "results are not kept on shared computers");
        assert!(s.printing);
        assert_eq!(s.center_name, None);
        assert_eq!(c.pin_hash, None);
        c.validate().unwrap();
        assert_eq!(KioskConfig::from_toml("", SRC).unwrap(), c);
    }

    #[test]
    fn a_good_file_sets_every_field() {
        let hash = fast_hash();
        let text = format!(
            r#"
enabled = true
idle_minutes = 5
default_lang = "es"
save_results = true
printing = false
center_name = "  Eastside Career Center  "
pin_hash = "{hash}"
"#
        );
        let c = KioskConfig::from_toml(&text, SRC).unwrap();
        assert_eq!(
            c,
            KioskConfig {
                settings: KioskSettings {
                    enabled: true,
                    idle_minutes: 5,
                    default_lang: Lang::Es,
                    save_results: true,
                    printing: false,
                    center_name: Some("Eastside Career Center".into()),
                },
                pin_hash: Some(hash),
            }
        );
        c.validate().unwrap();
    }

    #[test]
    fn idle_minutes_must_be_1_to_30() {
        for ok in [1, 30] {
            let c = KioskConfig::from_toml(&format!("idle_minutes = {ok}"), SRC).unwrap();
            assert_eq!(c.settings.idle_minutes, ok);
        }
        for n in [0, 31, -1] {
            let msg = bad(&format!("idle_minutes = {n}"), "idle_minutes");
            assert!(msg.contains("from 1 to 30"), "{msg}");
            assert!(msg.contains(&format!("got {n}")), "{msg}");
        }
        bad("idle_minutes = 2.5", "idle_minutes");
        bad("idle_minutes = \"3\"", "idle_minutes");
    }

    #[test]
    fn default_lang_must_be_en_or_es() {
        let msg = bad("default_lang = \"fr\"", "default_lang");
        assert!(msg.contains("\"fr\""), "{msg}");
        bad("default_lang = \"EN\"", "default_lang");
        bad("default_lang = 1", "default_lang");
    }

    #[test]
    fn switches_must_be_booleans() {
        for field in ["enabled", "save_results", "printing"] {
            let msg = bad(&format!("{field} = \"yes\""), field);
            assert!(msg.contains("true or false"), "{msg}");
        }
    }

    #[test]
    fn center_name_is_at_most_80_characters_of_one_line() {
        let name80 = "é".repeat(80);
        let c = KioskConfig::from_toml(&format!("center_name = \"{name80}\""), SRC).unwrap();
        assert_eq!(c.settings.center_name.as_deref(), Some(name80.as_str()));
        let msg = bad(
            &format!("center_name = \"{}\"", "a".repeat(81)),
            "center_name",
        );
        assert!(msg.contains("at most 80"), "{msg}");
        bad("center_name = \"two\\nlines\"", "center_name");
        let c = KioskConfig::from_toml("center_name = \"   \"", SRC).unwrap();
        assert_eq!(c.settings.center_name, None, "a blank name is no name");
    }

    #[test]
    fn pin_hash_must_be_an_argon2_phc_string() {
        let msg = bad("pin_hash = \"1234\"", "pin_hash");
        assert!(msg.contains("argon2"), "{msg}");
        bad("pin_hash = \"$2b$12$abcdefghijklmnopqrstuv\"", "pin_hash");
    }

    #[test]
    fn unknown_keys_are_errors_so_typos_show() {
        let msg = bad("idle_minute = 5", "idle_minute");
        assert!(msg.contains("not a kiosk setting"), "{msg}");
    }

    #[test]
    fn broken_toml_names_the_file_and_line() {
        let e = KioskConfig::from_toml("enabled = true\nidle_minutes = = 3\n", SRC).unwrap_err();
        assert_eq!(e.code(), "kiosk.config_unreadable");
        let msg = e.to_string();
        assert!(msg.starts_with(SRC) && msg.contains("line 2"), "{msg}");
    }

    /// Found by the kiosk_config fuzz target: toml may point its error inside a
    /// multi-byte character (here after a bad escape), and the line count sliced the
    /// text there and panicked.
    #[test]
    fn broken_toml_inside_a_multibyte_character_still_names_the_line() {
        let text = "enabled = true\ncenter_name = \"\\\u{737}\"\n";
        let e = KioskConfig::from_toml(text, SRC).unwrap_err();
        assert_eq!(e.code(), "kiosk.config_unreadable");
        let msg = e.to_string();
        assert!(msg.starts_with(SRC) && msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn kiosk_flag_is_found_after_the_program_name_only() {
        let args = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert!(kiosk_flag(args(&["waypoint", "--kiosk"])));
        assert!(kiosk_flag(args(&["waypoint", "--verbose", "--kiosk"])));
        assert!(!kiosk_flag(args(&["waypoint"])));
        assert!(!kiosk_flag(args(&["--kiosk"])), "argv[0] is the program");
        assert!(!kiosk_flag(args(&["waypoint", "--kiosk=false"])));
        assert!(!kiosk_flag(args(&["waypoint", "--", "--kiosk"])));
        assert!(!kiosk_flag(args(&["waypoint", "--kiosks"])));
    }

    #[test]
    fn the_managed_path_is_the_machine_wide_one_per_os() {
        let pd = || Some(OsString::from(r"D:\PD"));
        assert_eq!(
            managed_config_path_from(Os::Linux, None, None, pd(), false),
            Some((PathBuf::from("/etc/waypoint/kiosk.toml"), false))
        );
        assert_eq!(
            default_managed_path(Os::Mac, pd()),
            PathBuf::from("/Library/Application Support/Waypoint/kiosk.toml")
        );
        assert_eq!(
            default_managed_path(Os::Windows, pd()),
            PathBuf::from(r"D:\PD").join("Waypoint").join("kiosk.toml")
        );
        assert_eq!(
            default_managed_path(Os::Windows, None),
            PathBuf::from(r"C:\ProgramData")
                .join("Waypoint")
                .join("kiosk.toml")
        );
    }

    #[test]
    fn a_user_environment_variable_cannot_replace_it_in_a_release_build() {
        let env = || Some(OsString::from("/home/visitor/kiosk.toml"));
        assert_eq!(
            managed_config_path_from(Os::Linux, None, env(), None, false),
            Some((PathBuf::from("/etc/waypoint/kiosk.toml"), false)),
            "release build"
        );
        assert_eq!(
            managed_config_path_from(Os::Linux, None, env(), None, true),
            Some((PathBuf::from("/home/visitor/kiosk.toml"), true)),
            "debug build (tests)"
        );
        // The argument wins over both, and a missing file it names is an error.
        assert_eq!(
            managed_config_path_from(Os::Linux, Some("/opt/k.toml".into()), env(), None, true),
            Some((PathBuf::from("/opt/k.toml"), true))
        );
    }

    #[test]
    fn kiosk_config_argument_in_both_spellings() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            config_arg(&a(&["waypoint", "--kiosk-config", "/opt/k.toml"])),
            Some(PathBuf::from("/opt/k.toml"))
        );
        assert_eq!(
            config_arg(&a(&["waypoint", "--kiosk", "--kiosk-config=/opt/k.toml"])),
            Some(PathBuf::from("/opt/k.toml"))
        );
        assert_eq!(config_arg(&a(&["--kiosk-config", "/opt/k.toml"])), None);
        assert_eq!(
            config_arg(&a(&["waypoint", "--", "--kiosk-config=/x"])),
            None
        );
        assert_eq!(config_arg(&a(&["waypoint", "--kiosk-config"])), None);
    }

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("kiosk.toml");
        std::fs::File::create(&p)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        p
    }

    #[test]
    fn load_good_file_then_flag() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "idle_minutes = 7\nprinting = false\n");
        let out = load_from(Some(&p), false, false);
        assert_eq!(out.error, None);
        assert_eq!(out.file.as_deref(), Some(p.as_path()));
        assert_eq!(out.config.settings.idle_minutes, 7);
        assert!(!out.config.settings.printing);
        assert!(!out.config.settings.enabled);
        let out = load_from(Some(&p), false, true);
        assert!(
            out.config.settings.enabled,
            "--kiosk comes last and turns it on"
        );
        assert_eq!(out.config.settings.idle_minutes, 7);
    }

    #[test]
    fn load_bad_file_falls_back_to_defaults_with_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "enabled = true\nidle_minutes = 45\n");
        let out = load_from(Some(&p), false, false);
        // Fail closed: the defaults, but kiosk mode stays on.
        let on = KioskConfig {
            settings: KioskSettings {
                enabled: true,
                ..KioskSettings::default()
            },
            ..KioskConfig::default()
        };
        assert_eq!(out.config, on);
        assert_eq!(out.file, None);
        let e = out.error.unwrap();
        assert_eq!(e.code(), "kiosk.config_invalid");
        let msg = e.to_string();
        assert!(msg.contains(&p.display().to_string()), "{msg}");
        assert!(msg.contains("idle_minutes"), "{msg}");
        // The flag still applies on top of the defaults.
        assert!(load_from(Some(&p), false, true).config.settings.enabled);
    }

    #[test]
    fn load_missing_file_is_quiet_unless_named_explicitly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("absent.toml");
        let out = load_from(Some(&p), false, false);
        assert_eq!(
            (out.config, out.file, out.error),
            (KioskConfig::default(), None, None)
        );
        let out = load_from(Some(&p), true, false);
        assert!(
            out.config.settings.enabled,
            "a named file that is missing fails closed"
        );
        let e = out.error.unwrap();
        assert_eq!(e.code(), "kiosk.config_unreadable");
        assert!(e.to_string().contains("absent.toml"), "{e}");
        assert_eq!(load_from(None, false, false).error, None);
    }

    #[test]
    fn admin_changes_follow_the_same_rules_and_apply_all_or_nothing() {
        let mut c = KioskConfig {
            pin_hash: Some(fast_hash()),
            ..KioskConfig::default()
        };
        let before = c.clone();
        let mut s = c.settings.clone();
        s.idle_minutes = 31;
        s.printing = false;
        let e = c.apply_settings(s.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "admin settings: setting `idle_minutes`: must be from 1 to 30 minutes, got 31"
        );
        assert_eq!(c, before, "nothing changes on error");

        s.idle_minutes = 0;
        assert!(c.apply_settings(s.clone()).is_err());
        s.idle_minutes = 12;
        s.center_name = Some("x".repeat(81));
        assert!(c.apply_settings(s.clone()).is_err());
        s.center_name = Some(" Library ".into());
        s.default_lang = Lang::Es;
        c.apply_settings(s).unwrap();
        assert_eq!(c.settings.idle_minutes, 12);
        assert!(!c.settings.printing);
        assert_eq!(c.settings.center_name.as_deref(), Some("Library"));
        assert_eq!(c.pin_hash, before.pin_hash, "settings never touch the PIN");
    }

    #[test]
    fn validate_catches_a_stored_config_gone_bad() {
        let c = KioskConfig {
            settings: KioskSettings {
                idle_minutes: 0,
                ..KioskSettings::default()
            },
            pin_hash: None,
        };
        assert_eq!(c.validate().unwrap_err().code(), "kiosk.config_invalid");
        let c = KioskConfig {
            pin_hash: Some("nope".into()),
            ..KioskConfig::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("pin_hash"));
    }

    #[test]
    fn settings_for_the_ui_carry_no_pin_hash() {
        let c = KioskConfig {
            pin_hash: Some(fast_hash()),
            ..KioskConfig::default()
        };
        let v = serde_json::to_value(&c.settings).unwrap();
        assert!(v.get("pin_hash").is_none());
        assert_eq!(v["default_lang"], "en");
    }
}
