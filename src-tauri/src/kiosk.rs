//! Kiosk mode, the Tauri side: the window lock-down, the timer that drives the session
//! machine, and carrying out its effects (the wipe). The rules themselves — idle countdown,
//! PIN lock-out, configuration — live in `crates/kiosk` and are tested there with a fake clock.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, WebviewWindow};
use tauri_specta::Event as _;
use waypoint_kiosk::{
    Effect, Event, Kiosk, KioskConfig, KioskSettings, LockState, PinPad, PinStatus, Snapshot,
};
use waypoint_services::Services;

use crate::AppError;

const SETTINGS_KEY: &str = "kiosk.settings";
const PIN_KEY: &str = "kiosk.pin_hash";
const LOCK_FILE: &str = "kiosk-pin-lock.json";

/// What the UI needs to draw kiosk mode. The PIN hash never leaves Rust.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct KioskStatus {
    pub enabled: bool,
    /// An admin entered the PIN: settings may change and the window may close.
    pub unlocked: bool,
    pub settings: KioskSettings,
    pub pin: PinStatus,
    pub session: Snapshot,
}

/// Effects pushed to the UI as they happen (countdown, attract screen, navigation).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct KioskEffect(pub Effect);

pub struct KioskRuntime {
    inner: Mutex<Inner>,
    services: Arc<Services>,
    lock_file: PathBuf,
}

struct Inner {
    config: KioskConfig,
    machine: Kiosk,
    pad: PinPad,
    unlocked: bool,
}

fn err(e: waypoint_kiosk::KioskError) -> AppError {
    AppError::from(e)
}

impl KioskRuntime {
    /// Managed file and `--kiosk` first, then what an admin saved in Settings.
    pub fn load(
        services: Arc<Services>,
        data_dir: &std::path::Path,
        notices: &mut Vec<AppError>,
    ) -> Self {
        let outcome = waypoint_kiosk::load(std::env::args());
        if let Some(e) = &outcome.error {
            notices.push(err(e.clone()));
        }
        let mut config = outcome.config;
        let managed = outcome.file.is_some();
        if !managed {
            if let Ok(Some(saved)) = services.store().get_setting::<KioskSettings>(SETTINGS_KEY) {
                let flag = config.enabled;
                if config.apply_settings(saved).is_ok() && flag {
                    config.enabled = true;
                }
            }
        }
        if config.pin_hash.is_none() {
            config.pin_hash = services
                .store()
                .get_setting::<String>(PIN_KEY)
                .ok()
                .flatten();
        }
        let lock_file = data_dir.join(LOCK_FILE);
        let lock = LockState::load(&lock_file).unwrap_or_default();
        let pad = PinPad::new(config.pin_hash.clone(), lock);
        let session = config.session_config().unwrap_or_default();
        services.set_save_results(!config.enabled || config.save_results);
        KioskRuntime {
            inner: Mutex::new(Inner {
                machine: Kiosk::new(session, Instant::now()),
                config,
                pad,
                unlocked: false,
            }),
            services,
            lock_file,
        }
    }

    pub fn enabled(&self) -> bool {
        self.inner.lock().unwrap().config.enabled
    }

    /// Admins may turn printing off for a kiosk; outside kiosk mode it is always on.
    pub fn printing_allowed(&self) -> bool {
        let i = self.inner.lock().unwrap();
        !i.config.enabled || i.config.printing
    }

    /// A close request is refused in kiosk mode unless an admin unlocked it.
    pub fn may_close(&self) -> bool {
        let i = self.inner.lock().unwrap();
        !i.config.enabled || i.unlocked
    }

    pub fn status(&self) -> KioskStatus {
        let mut i = self.inner.lock().unwrap();
        let now = Instant::now();
        KioskStatus {
            enabled: i.config.enabled,
            unlocked: i.unlocked,
            settings: i.config.settings(),
            pin: i.pad.status(SystemTime::now()),
            session: i.machine.snapshot(now),
        }
    }

    pub fn event(&self, app: &AppHandle, event: Event) {
        let effects = {
            let mut i = self.inner.lock().unwrap();
            if !i.config.enabled {
                return;
            }
            i.machine.on_event(event, Instant::now())
        };
        self.apply(app, effects);
    }

    fn tick(&self, app: &AppHandle) {
        let effects = {
            let mut i = self.inner.lock().unwrap();
            if !i.config.enabled {
                return;
            }
            i.machine.tick(Instant::now())
        };
        self.apply(app, effects);
    }

    fn apply(&self, app: &AppHandle, effects: Vec<Effect>) {
        for effect in effects {
            if effect == Effect::Wipe {
                self.wipe(app);
            }
            let _ = KioskEffect(effect).emit(app);
        }
    }

    /// Nothing of the previous person stays: the unsaved result, the draft, temporary files
    /// and the webview's storage. Then the page reloads, dropping all in-memory UI state.
    pub fn wipe(&self, app: &AppHandle) {
        match self.services.wipe_visitor() {
            Ok(r) => tracing::info!(
                drafts = r.drafts,
                cache_entries = r.cache_entries,
                "kiosk wipe: data removed"
            ),
            Err(e) => tracing::error!(code = %e.code(), "kiosk wipe incomplete: {e}"),
        }
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.clear_all_browsing_data();
            let _ = w.eval("window.location.replace('/')");
        }
        tracing::info!("kiosk session wiped");
    }

    pub fn unlock(&self, pin: &str) -> Result<(), AppError> {
        let mut i = self.inner.lock().unwrap();
        let r = i.pad.verify(pin, SystemTime::now());
        let _ = i.pad.lock_state().save(&self.lock_file);
        r.map_err(err)?;
        i.unlocked = true;
        Ok(())
    }

    pub fn relock(&self) {
        self.inner.lock().unwrap().unlocked = false;
    }

    /// Admin changes: only when unlocked, or to set up kiosk mode before it is on.
    fn require_admin(i: &Inner) -> Result<(), AppError> {
        if i.unlocked || (!i.config.enabled && i.config.pin_hash.is_none()) {
            Ok(())
        } else {
            Err(AppError::new(
                waypoint_services::ErrorCode::KioskLocked,
                "Enter the admin PIN to change kiosk settings.",
            ))
        }
    }

    pub fn set_pin(&self, pin: &str) -> Result<(), AppError> {
        let mut i = self.inner.lock().unwrap();
        Self::require_admin(&i)?;
        let hash = i.pad.set_pin(pin).map_err(err)?;
        self.services
            .store()
            .set_setting(PIN_KEY, &hash)
            .map_err(AppError::from)?;
        i.config.pin_hash = Some(hash);
        Ok(())
    }

    pub fn update(
        &self,
        app: &AppHandle,
        settings: KioskSettings,
    ) -> Result<KioskStatus, AppError> {
        {
            let mut i = self.inner.lock().unwrap();
            Self::require_admin(&i)?;
            if settings.enabled && i.config.pin_hash.is_none() {
                return Err(AppError::new(
                    waypoint_services::ErrorCode::KioskNoPin,
                    "Set an admin PIN before turning kiosk mode on, so staff can leave it.",
                ));
            }
            i.config.apply_settings(settings.clone()).map_err(err)?;
            let session = i.config.session_config().map_err(err)?;
            i.machine.set_config(session, Instant::now());
            self.services
                .set_save_results(!i.config.enabled || i.config.save_results);
            self.services
                .store()
                .set_setting(SETTINGS_KEY, &settings)
                .map_err(AppError::from)?;
            if !settings.enabled {
                i.unlocked = false;
            }
        }
        if let Some(w) = app.get_webview_window("main") {
            lock_down(&w, settings.enabled);
        }
        Ok(self.status())
    }

    /// Drives the idle timer; a few ticks a second keep the countdown smooth.
    pub fn start_timer(self: &Arc<Self>, app: AppHandle) {
        let me = self.clone();
        tauri::async_runtime::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(250));
            loop {
                every.tick().await;
                me.tick(&app);
            }
        });
    }
}

/// Full screen, no decorations, always on top, not resizable — or back to a normal window.
pub fn lock_down(w: &WebviewWindow, on: bool) {
    let _ = w.set_decorations(!on);
    let _ = w.set_always_on_top(on);
    let _ = w.set_resizable(!on);
    let _ = w.set_minimizable(!on);
    let _ = w.set_closable(!on);
    let _ = w.set_fullscreen(on);
}
