// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // One version source: Cargo.toml's, shown here, in About and in the bundles.
    if let Some(version) = waypoint_app::fatal::version_request(std::env::args()) {
        waypoint_app::fatal::print_to_console(&version);
        return;
    }
    waypoint_app::run();
}
