include!("src/command_list.rs");
include!("src/windows_manifest.rs");

macro_rules! names {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

// Every listed command gets an `allow-<name>` permission; `capabilities/main.json` grants them
// to the main window, so a command missing from the list or the file cannot be called.
const COMMANDS: &[&str] = with_commands!(names);

fn main() {
    // tauri-build names the files it watches, which turns off Cargo's "any file changed".
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    println!("cargo:rerun-if-changed=src-tauri/src/windows_manifest.rs");
    let mut attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    // The build script runs on the host: the target is in Cargo's CARGO_CFG_* variables.
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if let Some(args) =
        windows_manifest_link_args(&var("CARGO_CFG_TARGET_OS"), &var("CARGO_CFG_TARGET_ENV"))
    {
        // The linker embeds the manifest instead of tauri-build's resource: two would clash.
        attributes = attributes
            .windows_attributes(tauri_build::WindowsAttributes::new_without_app_manifest());
        for arg in args {
            println!("cargo:rustc-link-arg={arg}");
        }
    }
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
