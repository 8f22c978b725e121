//! The data half of the kiosk wipe between two people (the app adds the webview's half).

use waypoint_store::{ForgetReport, StoreError};

use crate::pdf::TEMP_DIR;
use crate::{Result, Services};

impl Services {
    /// Leaves nothing of the person who just used a kiosk: results held only in memory, every
    /// draft, every cached O*NET answer that describes them (with the WAL emptied, so no old
    /// page copy survives), and the temporary folder with report PDFs sent to print.
    /// Saved results stay: a kiosk saves only when an admin allows it, and then without labels.
    pub fn wipe_visitor(&self) -> Result<ForgetReport> {
        self.forget_unsaved();
        let report = self.store.wipe_visitor()?;
        if let Some(data) = self.store.path().parent() {
            let tmp = data.join(TEMP_DIR);
            match std::fs::remove_dir_all(&tmp) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    // The data folder's own temporary files: a storage failure, not a report one.
                    return Err(StoreError::Io {
                        path: tmp,
                        source: e,
                    }
                    .into());
                }
                _ => {}
            }
        }
        Ok(report)
    }
}
