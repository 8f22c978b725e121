// Its own test binary: it changes the process environment, which no other
// test in this binary reads concurrently.

#[test]
fn env_override_and_default_open() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nested").join("data");
    std::env::set_var(waypoint_store::DATA_DIR_ENV, &target);
    assert_eq!(waypoint_store::data_dir(), target);
    let (store, report) = waypoint_store::Store::open(waypoint_store::data_dir()).unwrap();
    assert_eq!(report.recovered_from, None);
    assert_eq!(store.path(), target.join("waypoint.db"));
    assert!(target.join("waypoint.db").is_file());

    // Empty means "not set": fall back to the OS folder for org/waypoint/Waypoint.
    std::env::set_var(waypoint_store::DATA_DIR_ENV, "");
    let default = waypoint_store::data_dir();
    assert_ne!(default, target);
    let s = default.to_string_lossy().to_lowercase();
    assert!(s.contains("waypoint"), "{s}");
}
