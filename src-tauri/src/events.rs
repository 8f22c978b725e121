//! Events Rust pushes to the UI (typed for TypeScript through tauri-specta).

use serde::{Deserialize, Serialize};
use waypoint_services::dto::PackProgress;
use waypoint_services::prepare::PrepareProgress;

/// What the last real call to O*NET showed; no pings to third parties.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OnlineStatus {
    pub online: bool,
}

/// Progress of an occupation pack import or download.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct PackProgressEvent(pub PackProgress);

/// Progress of "Prepare for offline use": the part being fetched, parts done of all.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct PrepareProgressEvent(pub PrepareProgress);

/// A notice found after start-up (the later integrity check set a damaged database aside, or
/// the keychain, read after the first paint, could not be read): shown like the start-up notices.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct StoreNotice(pub crate::AppError);
