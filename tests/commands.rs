//! The webview's commands are listed once, in `src-tauri/src/command_list.rs`, which both the
//! build script (permissions) and `specta_builder` (handler and bindings) read. What is left to
//! drift is checked here: every `#[tauri::command]` is listed, and the capability file allows
//! exactly the listed ones.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn listed() -> BTreeSet<String> {
    let set: BTreeSet<String> = waypoint_app::COMMANDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        set.len(),
        waypoint_app::COMMANDS.len(),
        "a command is listed twice"
    );
    set
}

#[test]
fn every_tauri_command_is_listed() {
    let src = read("src-tauri/src/commands.rs");
    let mut defined = BTreeSet::new();
    let mut lines = src.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[tauri::command]" {
            continue;
        }
        let f = lines
            .by_ref()
            .find(|l| l.contains("fn "))
            .expect("a function after #[tauri::command]");
        let name = f.split("fn ").nth(1).unwrap();
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        defined.insert(name);
    }
    assert!(defined.len() > 30, "parsed only {defined:?}");
    assert_eq!(defined, listed());
}

#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let allowed: BTreeSet<String> = json["permissions"]
        .as_array()
        .expect("a permissions array")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect();
    assert_eq!(allowed, listed());
}

#[test]
fn the_bindings_invoke_exactly_the_listed_commands() {
    let ts = waypoint_app::render_bindings().unwrap();
    let invoked: BTreeSet<String> = ts
        .split("__TAURI_INVOKE")
        .skip(1)
        // Calls only (`__TAURI_INVOKE("x"` or `__TAURI_INVOKE<T>("x"`), not the import.
        .filter(|rest| rest.starts_with(['(', '<']))
        .filter_map(|rest| rest.split('"').nth(1).map(str::to_string))
        .collect();
    assert_eq!(invoked, listed());
}
