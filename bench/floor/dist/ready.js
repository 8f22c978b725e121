// As Waypoint's welcome screen: after the first frame is painted, tell Rust once.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke("ui_ready"), 0));
