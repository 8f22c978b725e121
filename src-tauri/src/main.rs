// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // One version source: Cargo.toml's, shown here, in About and in the bundles.
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Waypoint {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    waypoint_app::run();
}
