//! The paper this computer is set up for. `LC_*`/`LANG` are unset for apps started from the
//! Windows or macOS desktop, so there the OS is asked too: Windows' user locale
//! (`LOCALE_IPAPERSIZE`), macOS' region (`AppleLocale`). The parsing and the order are plain
//! functions, tested on any system; only [`os_paper`] calls the OS.

use std::sync::OnceLock;

use crate::Paper;

/// The paper for reports printed or saved without a choice: the first of an explicit
/// `LC_ALL`/`LC_PAPER` locale, the OS setting, `LANG`; else Letter (`en-US`).
pub fn system_paper() -> Paper {
    static OS: OnceLock<Option<Paper>> = OnceLock::new();
    let os = *OS.get_or_init(os_paper);
    choose_paper(os, |k| std::env::var(k).ok())
}

/// [`system_paper`]'s order, with the OS's answer and the environment passed in. An explicit
/// `LC_ALL`/`LC_PAPER` is a deliberate choice and wins; `LANG` is set by terminals (macOS
/// Terminal sets it from the language, not the region), so the OS's answer comes first.
pub(crate) fn choose_paper(os: Option<Paper>, var: impl Fn(&str) -> Option<String>) -> Paper {
    let locale = |keys: &[&str]| {
        keys.iter()
            .filter_map(|k| var(k))
            .map(|v| v.trim().to_string())
            .find(|v| {
                let core = v.split(['.', '@']).next().unwrap_or("");
                !core.is_empty() && core != "C" && core != "POSIX"
            })
    };
    if let Some(l) = locale(&["LC_ALL", "LC_PAPER"]) {
        return Paper::for_locale(&l);
    }
    if let Some(p) = os {
        return p;
    }
    Paper::for_locale(locale(&["LANG"]).as_deref().unwrap_or("en-US"))
}

/// Windows' `LOCALE_IPAPERSIZE` (a `DMPAPER_*` number). The North American sizes (Letter,
/// Legal, Tabloid, Ledger, Executive) mean Letter; any other size (A3, B5, ...) means the
/// A-series world, so A4; 0 is no answer.
#[cfg_attr(not(windows), allow(dead_code))] // called on Windows, tested everywhere
pub(crate) fn windows_paper(code: u32) -> Option<Paper> {
    match code {
        0 => None,
        1..=5 | 7 => Some(Paper::Letter),
        _ => Some(Paper::A4),
    }
}

/// macOS' `AppleLocale` (`defaults read -g AppleLocale`): `en_US`, or `en_US@rg=gbzzzz` when
/// the region in System Settings differs from the language's; the `rg` region wins.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))] // called on macOS, tested everywhere
pub(crate) fn apple_locale_paper(value: &str) -> Option<Paper> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let region_override = value
        .split_once('@')
        .and_then(|(_, keywords)| {
            keywords
                .split(';')
                .find_map(|kv| kv.trim().strip_prefix("rg="))
        })
        .and_then(|rg| rg.get(..2))
        .filter(|r| r.chars().all(|c| c.is_ascii_alphabetic()));
    Some(match region_override {
        Some(region) => Paper::for_region(region),
        None => Paper::for_locale(value),
    })
}

#[cfg(windows)]
fn os_paper() -> Option<Paper> {
    use windows_sys::Win32::Globalization::{
        GetLocaleInfoEx, LOCALE_IPAPERSIZE, LOCALE_RETURN_NUMBER,
    };
    let mut code: u32 = 0;
    // SAFETY: a null name is the user's default locale; with LOCALE_RETURN_NUMBER the answer
    // is a u32 written into the buffer, whose size is given in UTF-16 units (2).
    let written = unsafe {
        GetLocaleInfoEx(
            std::ptr::null(),
            LOCALE_IPAPERSIZE | LOCALE_RETURN_NUMBER,
            (&mut code as *mut u32).cast::<u16>(),
            2,
        )
    };
    if written > 0 {
        windows_paper(code)
    } else {
        None
    }
}

#[cfg(target_os = "macos")]
fn os_paper() -> Option<Paper> {
    let out = std::process::Command::new("/usr/bin/defaults")
        .args(["read", "-g", "AppleLocale"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    apple_locale_paper(&String::from_utf8_lossy(&out.stdout))
}

/// Linux and the BSDs: the environment is the OS setting.
#[cfg(not(any(windows, target_os = "macos")))]
fn os_paper() -> Option<Paper> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(os: Option<Paper>, pairs: &[(&str, &str)]) -> Paper {
        let map: std::collections::HashMap<&str, &str> = pairs.iter().copied().collect();
        choose_paper(os, |k| map.get(k).map(|v| v.to_string()))
    }

    #[test]
    fn the_environment_decides_where_the_os_says_nothing() {
        assert_eq!(choose(None, &[]), Paper::Letter);
        assert_eq!(choose(None, &[("LANG", "C.UTF-8")]), Paper::Letter);
        assert_eq!(choose(None, &[("LANG", "es_ES.UTF-8")]), Paper::A4);
        assert_eq!(choose(None, &[("LANG", "en_US.UTF-8")]), Paper::Letter);
        assert_eq!(
            choose(None, &[("LC_ALL", "de_DE.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Paper::A4
        );
        assert_eq!(
            choose(None, &[("LC_ALL", "POSIX"), ("LC_PAPER", "es_MX.UTF-8")]),
            Paper::Letter
        );
    }

    #[test]
    fn the_os_setting_beats_lang_but_not_an_explicit_lc_paper() {
        // A desktop app on Windows/macOS: no LANG at all.
        assert_eq!(choose(Some(Paper::A4), &[]), Paper::A4);
        // macOS Terminal's LANG follows the language, the region is the OS's.
        assert_eq!(
            choose(Some(Paper::A4), &[("LANG", "en_US.UTF-8")]),
            Paper::A4
        );
        assert_eq!(
            choose(Some(Paper::Letter), &[("LANG", "de_DE.UTF-8")]),
            Paper::Letter
        );
        assert_eq!(
            choose(Some(Paper::Letter), &[("LC_PAPER", "de_DE.UTF-8")]),
            Paper::A4
        );
        assert_eq!(
            choose(Some(Paper::A4), &[("LC_ALL", "es_MX.UTF-8")]),
            Paper::Letter
        );
    }

    #[test]
    fn the_os_is_asked_where_it_has_a_setting() {
        let answer = os_paper();
        // Seen in CI's log (`--nocapture`) for each system.
        println!(
            "system paper: OS says {answer:?}, chosen {:?}",
            system_paper()
        );
        if cfg!(windows) {
            // Every Windows user locale has a paper size: None means the call is wrong.
            assert!(answer.is_some());
        } else if !cfg!(target_os = "macos") {
            assert_eq!(answer, None, "Linux reads the environment only");
        }
    }

    #[test]
    fn windows_paper_codes() {
        assert_eq!(windows_paper(1), Some(Paper::Letter)); // DMPAPER_LETTER
        assert_eq!(windows_paper(5), Some(Paper::Letter)); // DMPAPER_LEGAL
        assert_eq!(windows_paper(9), Some(Paper::A4)); // DMPAPER_A4
        assert_eq!(windows_paper(8), Some(Paper::A4)); // DMPAPER_A3
        assert_eq!(windows_paper(13), Some(Paper::A4)); // DMPAPER_B5
        assert_eq!(windows_paper(0), None);
    }

    #[test]
    fn apple_locale_region_decides() {
        for (v, paper) in [
            ("en_US", Paper::Letter),
            ("es_MX\n", Paper::Letter),
            ("en_CA", Paper::Letter),
            ("fil_PH", Paper::Letter),
            ("es_CL", Paper::Letter),
            ("es_CO", Paper::Letter),
            ("en_GB", Paper::A4),
            ("es_ES", Paper::A4),
            ("de", Paper::A4),
            // Language English (US), region set to Germany / the other way round.
            ("en_US@rg=dezzzz", Paper::A4),
            ("de_DE@rg=uszzzz", Paper::Letter),
            ("en_GB@calendar=gregorian;rg=mxzzzz", Paper::Letter),
            ("zh-Hans_US", Paper::Letter),
        ] {
            assert_eq!(apple_locale_paper(v), Some(paper), "{v}");
        }
        assert_eq!(apple_locale_paper(" \n"), None);
    }
}
