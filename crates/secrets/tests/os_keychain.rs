//! Against the real OS keychain: gnome-keyring on a private D-Bus under `cargo xtask test`,
//! Credential Manager and the macOS Keychain in CI (`.github/workflows/ci.yml`).

use secrecy::{ExposeSecret, SecretString};
use waypoint_secrets::KeyStore;

fn test_store(name: &str) -> KeyStore {
    KeyStore::new(
        "org.waypoint.profiler.tests",
        &format!("{name}-{}", std::process::id()),
    )
}

#[test]
#[ignore = "needs the OS keychain (on Linux a Secret Service): run through `cargo xtask test` or CI"]
fn a_key_round_trips_through_the_real_keychain() {
    let store = test_store("round-trip");
    assert!(store.load().unwrap().is_none());
    store.save(&SecretString::from("test-key-0001")).unwrap();
    // A fresh handle reads it back: it was persisted by the service, not held in memory.
    let again = test_store("round-trip");
    assert_eq!(
        again.load().unwrap().unwrap().expose_secret(),
        "test-key-0001"
    );
    store.save(&SecretString::from("test-key-0002")).unwrap();
    assert_eq!(
        again.load().unwrap().unwrap().expose_secret(),
        "test-key-0002"
    );
    store.remove().unwrap();
    assert!(again.load().unwrap().is_none());
    store.remove().unwrap(); // removing twice is fine
}

// D-Bus carries the keychain only on Linux; elsewhere the broken bus changes nothing.
#[cfg(target_os = "linux")]
#[test]
fn without_a_session_bus_the_keychain_is_reported_unavailable() {
    // Run the probe in a child so the broken bus address cannot leak into other tests.
    if std::env::var_os("WAYPOINT_SECRETS_PROBE").is_some() {
        let err = test_store("no-bus").load().unwrap_err();
        println!("PROBE-CODE={}", err.code());
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "without_a_session_bus_the_keychain_is_reported_unavailable",
            "--nocapture",
        ])
        .env("WAYPOINT_SECRETS_PROBE", "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/waypoint-bus",
        )
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("PROBE-CODE=keychain.unavailable"),
        "child said: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
