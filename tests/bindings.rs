//! The UI's TypeScript bindings are generated from the Rust commands. This test fails when
//! `ui/src/lib/bindings.ts` is stale; `WAYPOINT_UPDATE_BINDINGS=1 cargo test --test bindings`
//! (or `cargo xtask bindings`) rewrites it.

use std::path::Path;

#[test]
fn generated_bindings_are_committed_and_fresh() {
    let fresh = waypoint_app::render_bindings().expect("bindings render");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(waypoint_app::BINDINGS_PATH);
    if std::env::var_os("WAYPOINT_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `cargo xtask bindings` and commit the result",
        path.display()
    );
    assert!(
        fresh.contains("appInfo"),
        "the app_info command is missing from the bindings"
    );
}
