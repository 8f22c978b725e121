// Read by the build script and, for its test, by the library (`include!`): no `use` lines.

/// The Common Controls v6 dependency that tauri-build's default Windows manifest declares.
/// rfd (through the dialog plugin) imports `TaskDialogIndirect`, which only comctl32 v6
/// exports; a Windows binary without this dependency in its manifest fails to load
/// (`STATUS_ENTRYPOINT_NOT_FOUND`).
const COMMON_CONTROLS_V6: &str = "type='win32' name='Microsoft.Windows.Common-Controls' version='6.0.0.0' processorArchitecture='*' publicKeyToken='6595b64144ccf1df' language='*'";

/// Linker arguments that embed the manifest in every binary the package links, test
/// binaries included. tauri-build embeds its manifest as a resource in the app binary only
/// (tauri issue #13419), so `cargo test` on Windows could not even start the root package's
/// tests. Only MSVC's linker takes these (`None` elsewhere, where tauri-build's own manifest
/// stays: the GNU toolchain's test binaries still lack it).
fn windows_manifest_link_args(target_os: &str, target_env: &str) -> Option<[String; 2]> {
    (target_os == "windows" && target_env == "msvc").then(|| {
        [
            "/MANIFEST:EMBED".to_string(),
            format!("/MANIFESTDEPENDENCY:{COMMON_CONTROLS_V6}"),
        ]
    })
}
