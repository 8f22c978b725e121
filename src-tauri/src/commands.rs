//! The webview's whole API. Each command is a thin wrapper: the work happens in plain Rust.

use tauri::State;

use crate::app_info::{AppInfo, AppState};
use crate::AppError;

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    state.app_info()
}
