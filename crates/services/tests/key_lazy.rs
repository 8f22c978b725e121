//! The keychain is read when the key is first needed, never while the services are built
//! (start-up), and never for a run that was given its own key.

use secrecy::SecretString;
use waypoint_secrets::KeyStore;
use waypoint_services::{OnetSettings, Services};
use waypoint_store::Store;

fn services(dir: &std::path::Path) -> Services {
    let (store, _) = Store::open(dir).unwrap();
    Services::new(
        store,
        KeyStore::new("org.waypoint.profiler.tests", "services-lazy-key"),
        OnetSettings::new("http://127.0.0.1:9/"),
    )
}

#[test]
fn the_keychain_is_read_when_the_key_is_first_needed() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path());
    assert!(!s.key_loaded(), "read while starting");
    s.list_sessions().unwrap();
    assert!(!s.key_loaded(), "history needs no key");
    let _ = s.has_key();
    assert!(s.key_loaded());
    // Once: the same answer without asking again.
    assert_eq!(s.load_key(), s.load_key());
}

#[test]
fn a_key_given_for_the_run_is_kept_and_the_keychain_not_asked() {
    let dir = tempfile::tempdir().unwrap();
    let s = services(dir.path());
    s.use_key(SecretString::from("run-only-key-1234".to_string()));
    assert!(s.key_loaded());
    // Without a Secret Service (a plain `cargo test`) a read would fail and say so here.
    assert_eq!(s.load_key(), None);
    assert!(s.has_key());
}
