//! The types the UI receives must export to TypeScript the way the app's
//! bindings do (serde-aware, no 64-bit integers that would need BigInt).

use specta::Types;
use waypoint_kiosk::{Effect, Event, KioskSettings, Lang, PinStatus, Snapshot, State};

#[test]
fn ui_types_export_to_typescript() {
    let types = Types::default()
        .register::<Effect>()
        .register::<Event>()
        .register::<Snapshot>()
        .register::<State>()
        .register::<Lang>()
        .register::<KioskSettings>()
        .register::<PinStatus>();
    let ts = specta_typescript::Typescript::default()
        .export(&types, specta_serde::Format)
        .expect("exports");
    for needle in [
        "export type Effect",
        "kind: \"show_countdown\"",
        "seconds_left: number",
        "export type State",
        "\"attract\" | \"profiler\" | \"results\" | \"careers\" | \"report\"",
        "export type Lang = \"en\" | \"es\"",
        "idle_deadline_in_ms: number | null",
        "locked_seconds_left: number | null",
    ] {
        assert!(ts.contains(needle), "missing {needle:?} in:\n{ts}");
    }
}

/// The example kiosk.toml in docs/kiosk.md must be a file Waypoint accepts,
/// since admins will copy it.
#[test]
fn the_documented_example_config_is_valid() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/kiosk.md"))
        .expect("docs/kiosk.md");
    let start = doc.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let text = &doc[start..start + doc[start..].find("```").expect("closed block")];
    let c = waypoint_kiosk::KioskConfig::from_toml(text, "docs/kiosk.md").expect("valid example");
    assert!(c.settings.enabled);
    assert_eq!(
        c.settings.center_name.as_deref(),
        Some("Eastside Career Center")
    );
}
