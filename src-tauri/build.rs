include!("src/command_list.rs");

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
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
