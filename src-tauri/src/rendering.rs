//! How the Linux webview draws (issue #22).
//!
//! WebKitGTK composites with the GPU by default. On the machine measured (bench/RESULTS.md,
//! "Issue #22 … drawing in software") that path held ≈ 160 MiB more in the web process after
//! the 60-item journey than drawing in software, and started 50 ms slower; Waypoint's pages
//! (text, a hexagon, no video or 3-D) gain nothing from it. So Waypoint turns it off, unless
//! `WAYPOINT_GPU_COMPOSITING=1` asks for it back (a machine whose software drawing is slow).
//! Windows (WebView2) and macOS (WKWebView) decide for themselves; nothing changes there.

/// Whether the webview should composite with the GPU, given `WAYPOINT_GPU_COMPOSITING`.
pub fn gpu_compositing(setting: Option<&str>) -> bool {
    matches!(setting.map(str::trim), Some("1" | "true" | "yes" | "on"))
}

/// Applies the choice to `window`'s webview, before its page has drawn anything heavy.
#[cfg(target_os = "linux")]
pub fn apply(window: &tauri::WebviewWindow) {
    let gpu = gpu_compositing(std::env::var("WAYPOINT_GPU_COMPOSITING").ok().as_deref());
    tracing::info!(gpu, "webview compositing chosen");
    if gpu {
        return;
    }
    let done = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = done {
        tracing::warn!("could not set the webview's compositing: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn apply(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::gpu_compositing;

    #[test]
    fn software_unless_asked_for_the_gpu() {
        for off in [
            None,
            Some(""),
            Some("0"),
            Some("no"),
            Some("false"),
            Some("gpu"),
        ] {
            assert!(!gpu_compositing(off), "{off:?}");
        }
        for on in ["1", "true", "yes", "on", " 1 "] {
            assert!(gpu_compositing(Some(on)), "{on:?}");
        }
    }
}
