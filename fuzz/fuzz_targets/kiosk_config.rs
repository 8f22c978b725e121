//! The kiosk configuration parser (`KioskConfig::from_toml`, the managed file an IT
//! department installs). A file is refused with a kiosk error, or read into a
//! configuration that passes `validate` and reads back the same when written as TOML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypoint_kiosk::{KioskConfig, KioskError};

const SOURCE: &str = "/etc/waypoint/kiosk.toml";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match KioskConfig::from_toml(text, SOURCE) {
        Ok(c) => {
            c.validate().unwrap();
            let back = KioskConfig::from_toml(&to_toml(&c), SOURCE).unwrap();
            assert_eq!(back, c);
        }
        Err(e) => {
            assert!(
                matches!(
                    e,
                    KioskError::ConfigUnreadable { .. } | KioskError::ConfigInvalid { .. }
                ),
                "{e:?}"
            );
            let msg = e.to_string();
            assert!(msg.contains(SOURCE), "{msg}");
        }
    }
});

/// The file an admin would write for `c`.
fn to_toml(c: &KioskConfig) -> String {
    let s = &c.settings;
    let mut t = toml::Table::new();
    t.insert("enabled".into(), s.enabled.into());
    t.insert("idle_minutes".into(), i64::from(s.idle_minutes).into());
    t.insert("default_lang".into(), s.default_lang.code().into());
    t.insert("save_results".into(), s.save_results.into());
    t.insert("printing".into(), s.printing.into());
    if let Some(name) = &s.center_name {
        t.insert("center_name".into(), name.clone().into());
    }
    if let Some(hash) = &c.pin_hash {
        t.insert("pin_hash".into(), hash.clone().into());
    }
    toml::to_string(&t).unwrap()
}
