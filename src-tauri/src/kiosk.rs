//! Kiosk mode, the Tauri side: the window lock-down, the timer that drives the session
//! machine, carrying out its effects (the wipe), and saving what an admin changed. The rules
//! themselves — which configuration wins, who may change settings or close the window, the
//! idle countdown, the PIN lock-out — live in `crates/kiosk` (`KioskPolicy`), tested there.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, WebviewWindow};
use tauri_specta::Event as _;
use waypoint_kiosk::{
    app_menu, AppMenu, Effect, Event, KioskPolicy, KioskSettings, KioskStatus, Os, Saved,
    WindowRequest, LOCK_FILE, PIN_KEY, SETTINGS_KEY,
};
use waypoint_services::Services;

use crate::AppError;

/// Effects pushed to the UI as they happen (countdown, attract screen, navigation).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct KioskEffect(pub Effect);

pub struct KioskRuntime {
    policy: Mutex<KioskPolicy>,
    services: Arc<Services>,
}

fn err(e: waypoint_kiosk::KioskError) -> AppError {
    AppError::from(e)
}

impl KioskRuntime {
    pub fn load(
        services: Arc<Services>,
        data_dir: &std::path::Path,
        notices: &mut Vec<AppError>,
    ) -> Self {
        let loaded = waypoint_kiosk::load(std::env::args());
        Self::from_loaded(services, &loaded, data_dir, notices)
    }

    /// In kiosk mode, start-up wipes exactly as "I'm done" does, before the first screen: after
    /// a crash or a forced quit the next visitor must not be offered the last one's answers.
    pub fn from_loaded(
        services: Arc<Services>,
        loaded: &waypoint_kiosk::LoadOutcome,
        data_dir: &std::path::Path,
        notices: &mut Vec<AppError>,
    ) -> Self {
        if let Some(e) = &loaded.error {
            notices.push(err(e.clone()));
        }
        let store = services.store();
        let saved = Saved {
            settings: store.get_setting(SETTINGS_KEY).ok().flatten(),
            pin_hash: store.get_setting(PIN_KEY).ok().flatten(),
        };
        let policy = KioskPolicy::new(
            loaded,
            saved,
            data_dir.join(LOCK_FILE),
            Instant::now(),
            SystemTime::now(),
        );
        services.set_save_results(policy.keeps_results());
        if policy.enabled() {
            match services.wipe_visitor() {
                Ok(r) => tracing::info!(drafts = r.drafts, "kiosk start-up wipe"),
                Err(e) => {
                    tracing::error!(code = %e.code(), "kiosk start-up wipe incomplete: {e}");
                    notices.push(AppError::new(e.code(), e.to_string()));
                }
            }
        }
        KioskRuntime {
            policy: Mutex::new(policy),
            services,
        }
    }

    fn policy(&self) -> std::sync::MutexGuard<'_, KioskPolicy> {
        self.policy.lock().unwrap()
    }

    pub fn enabled(&self) -> bool {
        self.policy().enabled()
    }

    pub fn printing_allowed(&self) -> bool {
        self.policy().printing_allowed()
    }

    /// May the webview run `command` now (kiosk off, visitor, admin)?
    pub fn check_command(&self, command: &str) -> Result<(), AppError> {
        self.policy().check_command(command).map_err(err)
    }

    /// Quitting, hiding or minimizing: refused to a visitor (see `waypoint_kiosk::platform`).
    pub fn allows(&self, request: WindowRequest) -> bool {
        self.policy().allows(request)
    }

    pub fn may_close(&self) -> Result<(), AppError> {
        self.policy().may_close().map_err(err)
    }

    pub fn status(&self) -> KioskStatus {
        self.policy().status(Instant::now(), SystemTime::now())
    }

    pub fn event(&self, app: &AppHandle, event: Event) {
        // One line per visitor: staff can count sessions, and tests can see a start happen.
        if matches!(event, Event::Start { .. }) {
            tracing::info!("kiosk session started");
        }
        let effects = self.policy().event(event, Instant::now());
        self.apply(app, effects);
    }

    fn tick(&self, app: &AppHandle) {
        let effects = self.policy().tick(Instant::now());
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
        self.policy()
            .unlock(pin, Instant::now(), SystemTime::now())
            .map_err(err)
    }

    pub fn relock(&self) {
        self.policy().relock()
    }

    pub fn set_pin(&self, pin: &str) -> Result<(), AppError> {
        let hash = self.policy().set_pin(pin).map_err(err)?;
        self.services
            .store()
            .set_setting(PIN_KEY, &hash)
            .map_err(AppError::from)
    }

    pub fn update(
        &self,
        app: &AppHandle,
        settings: KioskSettings,
    ) -> Result<KioskStatus, AppError> {
        {
            let mut policy = self.policy();
            policy
                .update(settings.clone(), Instant::now())
                .map_err(err)?;
            self.services.set_save_results(policy.keeps_results());
            self.services
                .store()
                .set_setting(SETTINGS_KEY, &settings)
                .map_err(AppError::from)?;
        }
        if let Some(w) = app.get_webview_window("main") {
            lock_down(&w, settings.enabled);
        }
        if let Err(e) = install_menu(app, app_menu(Os::current(), settings.enabled)) {
            tracing::error!("could not change the app menu: {e}");
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

/// Installs the application menu `kind` describes (see `waypoint_kiosk::app_menu`): in a
/// macOS kiosk an empty one, so Cmd+Q, Cmd+H and Cmd+M have no menu item to trigger.
pub fn install_menu<R: tauri::Runtime>(app: &AppHandle<R>, kind: AppMenu) -> tauri::Result<()> {
    match kind {
        AppMenu::NoMenu => {}
        AppMenu::Empty => {
            app.set_menu(tauri::menu::Menu::new(app)?)?;
        }
        AppMenu::Standard => {
            app.set_menu(tauri::menu::Menu::default(app)?)?;
        }
    }
    Ok(())
}

/// The one place kiosk rules meet the webview: before any command runs, the kiosk's table
/// (`waypoint_kiosk::access`) decides, so a visitor cannot reach what the UI merely hides.
pub fn guard_commands<R: tauri::Runtime>(
    handler: impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        let refused = {
            let webview = invoke.message.webview();
            match webview.try_state::<Arc<KioskRuntime>>() {
                Some(kiosk) => kiosk.check_command(invoke.message.command()).err(),
                // Managed in `setup`, before the page can call anything; fail closed anyway.
                None => Some(AppError::new(
                    waypoint_services::ErrorCode::KioskForbidden,
                    "Waypoint is still starting. Try again in a moment.",
                )),
            }
        };
        match refused {
            Some(e) => {
                invoke.resolver.reject(e);
                true
            }
            None => handler(invoke),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use waypoint_profiler::Form;
    use waypoint_services::dto::Lang;
    use waypoint_services::OnetSettings;

    /// Services over a real store in `dir`, holding one draft with ten answers.
    fn services_with_a_draft(dir: &std::path::Path) -> Arc<Services> {
        let (store, _) = waypoint_store::Store::open(dir).unwrap();
        let s = Services::new(
            store,
            waypoint_secrets::KeyStore::new("org.waypoint.profiler.tests", "kiosk-startup"),
            OnetSettings::new("http://127.0.0.1:9"),
        );
        let d = s.start_draft(Form::Ip60, Lang::En).unwrap();
        for i in 1..=10 {
            s.record_answer(&d.id, i, 3).unwrap();
        }
        Arc::new(s)
    }

    #[test]
    fn every_registered_command_has_a_kiosk_rule_and_no_rule_is_stale() {
        let missing: Vec<_> = crate::COMMANDS
            .iter()
            .filter(|c| waypoint_kiosk::access::access(c).is_none())
            .collect();
        assert!(missing.is_empty(), "no kiosk rule for {missing:?}");
        let stale: Vec<_> = waypoint_kiosk::COMMAND_ACCESS
            .iter()
            .filter(|(name, _)| !crate::COMMANDS.contains(name))
            .collect();
        assert!(stale.is_empty(), "rules for no command: {stale:?}");
    }

    #[test]
    fn a_kiosk_visitor_is_refused_a_staff_command_until_an_admin_unlocks() {
        let dir = tempfile::tempdir().unwrap();
        let s = services_with_a_draft(dir.path());
        let on = waypoint_kiosk::load_from(None, false, true);
        let k = KioskRuntime::from_loaded(s, &on, dir.path(), &mut vec![]);
        let e = k.check_command("export_sessions").unwrap_err();
        assert_eq!(e.code, "kiosk.forbidden");
        k.check_command("record_answer").unwrap();
    }

    #[test]
    fn kiosk_start_up_wipes_the_previous_visitor_before_the_first_screen() {
        let dir = tempfile::tempdir().unwrap();
        let s = services_with_a_draft(dir.path());
        let mut notices = vec![];
        let on = waypoint_kiosk::load_from(None, false, true);
        let k = KioskRuntime::from_loaded(s.clone(), &on, dir.path(), &mut notices);
        assert!(k.enabled());
        assert!(s.resume_draft().unwrap().is_none(), "the draft survived");
        assert!(notices.is_empty(), "{notices:?}");
        // Reopened from disk too: nothing to resume.
        drop((k, s));
        let (store, _) = waypoint_store::Store::open(dir.path()).unwrap();
        assert!(store.resume().unwrap().is_none());
    }

    #[test]
    fn outside_kiosk_mode_start_up_keeps_the_draft_to_resume() {
        let dir = tempfile::tempdir().unwrap();
        let s = services_with_a_draft(dir.path());
        let off = waypoint_kiosk::load_from(None, false, false);
        let k = KioskRuntime::from_loaded(s.clone(), &off, dir.path(), &mut vec![]);
        assert!(!k.enabled());
        let d = s.resume_draft().unwrap().expect("the draft is kept");
        assert_eq!(d.answers.iter().filter(|a| a.is_some()).count(), 10);
    }
}
