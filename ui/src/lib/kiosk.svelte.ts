// Kiosk mode on the UI side. Rust owns the rules (crates/kiosk): the idle timer, the countdown,
// the wipe and the PIN. The UI reports what the person does (start, screen changes, activity,
// "I'm done") and applies the effects Rust pushes back (events.kioskEffect).
import { api, events, settle } from "./api";
import type { Effect, KioskStatus, State } from "./bindings";
import { app, flow, go, screenHooks, type Screen } from "./app.svelte";
import { setLang, type Lang } from "./i18n.svelte";
import { installGuard, isAdminChord, cornerTaps } from "./kiosk-guard";

export const kiosk = $state({
  status: null as KioskStatus | null,
  /** Seconds left while "Are you still there?" shows, else null. */
  countdown: null as number | null,
  /** The admin PIN pad or panel. */
  pin: false,
  admin: false,
  /** Seconds left on "Leave and erase your answers?", else null. */
  confirmDone: null as number | null,
  /** This visitor pressed a key: only then are keyboard hints worth showing. */
  keyboard: false,
});

/** "I'm done" asks once, then erases by itself after this many seconds: the visitor already said they are leaving. */
export const DONE_CONFIRM_SECONDS = 10;
let confirmTimer: ReturnType<typeof setInterval> | null = null;

function stopConfirm(): void {
  if (confirmTimer != null) clearInterval(confirmTimer);
  confirmTimer = null;
  kiosk.confirmDone = null;
}

/** "I'm done": asks "Leave and erase your answers?" with its own short countdown. */
export function askDone(): void {
  if (kiosk.confirmDone != null) return;
  kiosk.confirmDone = DONE_CONFIRM_SECONDS;
  confirmTimer = setInterval(() => {
    const left = (kiosk.confirmDone ?? 1) - 1;
    if (left <= 0) void done();
    else kiosk.confirmDone = left;
  }, 1000);
}

/** "Keep going": nothing is erased and the visitor carries on. */
export function keepGoing(): void {
  stopConfirm();
  reportActivity(true);
}

/** Activity is reported at most once per this many ms (except to cancel a countdown). */
export const ACTIVITY_THROTTLE_MS = 2000;

let lastActivity = 0;
let lastReported: State | null = null;

/** Which kiosk state a screen belongs to (the attract screen is Rust's to enter). */
export function stateOf(s: Screen): State | null {
  switch (s.name) {
    case "welcome":
    case "questionnaire":
    case "typed":
      return "profiler";
    case "results":
    case "zones":
      return "results";
    case "careers":
      return "careers";
    case "report":
      return "report";
    default:
      return null;
  }
}

function apply(status: KioskStatus): void {
  kiosk.status = status;
  app.kiosk = status.enabled;
}

/** Reads the status from Rust; in kiosk mode, shows the attract screen unless a session is on. */
export async function loadKiosk(): Promise<void> {
  const r = await settle(api.kioskStatus());
  if (r.status !== "ok") return;
  const was = app.kiosk;
  apply(r.data);
  if (!r.data.enabled) {
    if (was) toWelcome();
    return;
  }
  const s = r.data.session;
  if (s.state === "attract" || !was) {
    // A fresh page (Rust reloads after a wipe) or a new kiosk: start from the attract screen.
    // A running session is not resumed into an empty UI; Rust wipes it when it times out.
    toAttract();
  }
  if (s.countdown_seconds_left != null) kiosk.countdown = s.countdown_seconds_left;
}

export async function refreshStatus(): Promise<KioskStatus | null> {
  const r = await settle(api.kioskStatus());
  if (r.status !== "ok") return null;
  apply(r.data);
  return r.data;
}

function toWelcome(): void {
  kiosk.countdown = null;
  go({ name: "welcome" });
}

function clearFlow(): void {
  flow.outcome = null;
  flow.zone = null;
  flow.tab = "all";
  flow.page = 1;
  flow.counts = {};
}

/** Back to the attract screen in the default language, nothing of the last person kept. */
export function toAttract(): void {
  stopConfirm();
  kiosk.keyboard = false;
  kiosk.countdown = null;
  kiosk.pin = false;
  kiosk.admin = false;
  lastReported = null;
  clearFlow();
  const lang = kiosk.status?.settings.default_lang ?? "en";
  setLang(lang as Lang);
  go({ name: "attract" });
}

/** "Touch to start" with the chosen language. */
export async function startSession(lang: Lang): Promise<void> {
  setLang(lang);
  clearFlow();
  lastReported = "profiler";
  await settle(api.kioskEvent({ kind: "start", lang }));
  go({ name: "welcome" });
}

/** Reports a screen change (from app.go) to Rust's session machine. */
export function reportScreen(s: Screen): void {
  if (!app.kiosk) return;
  const to = stateOf(s);
  if (!to || to === lastReported) return;
  lastReported = to;
  void settle(api.kioskEvent({ kind: "navigate", to }));
}

/** Any input: tells Rust the person is still there (throttled; never throttled during the countdown). */
export function reportActivity(force = false): void {
  if (!app.kiosk || app.screen.name === "attract") return;
  const now = Date.now();
  if (!force && kiosk.countdown == null && now - lastActivity < ACTIVITY_THROTTLE_MS) return;
  lastActivity = now;
  void settle(api.kioskEvent({ kind: "activity" }));
}

/** "I'm still here": cancels the countdown at once. */
export function stillHere(): void {
  reportActivity(true);
  kiosk.countdown = null;
}

export async function done(): Promise<void> {
  stopConfirm();
  await settle(api.kioskEvent({ kind: "done" }));
  // Rust answers with wipe/show_attract (and reloads the page); go there now either way.
  toAttract();
}

export function onEffect(e: Effect): void {
  switch (e.kind) {
    case "show_countdown":
      if (app.screen.name !== "attract") kiosk.countdown = e.seconds_left;
      break;
    case "hide_countdown":
      kiosk.countdown = null;
      break;
    case "wipe":
    case "show_attract":
      toAttract();
      void refreshStatus();
      break;
    case "navigate":
      if (e.to === "attract") toAttract();
      break;
    case "relock":
      // The admin panel was left alone: it closes, and the PIN is needed again.
      kiosk.admin = false;
      kiosk.pin = false;
      void refreshStatus();
      break;
  }
}

let taps: number[] = [];

/** Opens the PIN pad (from the chord or the corner taps). */
export function openPin(): void {
  if (!app.kiosk || kiosk.admin) return;
  kiosk.pin = true;
}

/** Installs the listeners: effects, activity, the guard, the admin gestures. Returns the teardown. */
export function installKiosk(): () => void {
  const un = events.kioskEffect.listen((e) => onEffect(e.payload));
  screenHooks.push(reportScreen);
  const activity = (e: Event) => {
    // "I'm still here" reports on its own click; a pointerdown that closed the box first would eat the click.
    if (e.type !== "keydown" && e.target instanceof Element && e.target.closest("[data-still-here]")) return;
    reportActivity();
  };
  const activityTypes = ["pointerdown", "keydown", "touchstart", "wheel"] as const;
  for (const t of activityTypes) window.addEventListener(t, activity, { capture: true, passive: true });
  const removeGuard = installGuard(() => app.kiosk, { always: import.meta.env.PROD && import.meta.env.MODE !== "e2e" });
  const onKey = (e: KeyboardEvent) => {
    kiosk.keyboard = true;
    if (app.kiosk && isAdminChord(e)) {
      e.preventDefault();
      openPin();
    }
  };
  const onPointer = (e: PointerEvent) => {
    if (!app.kiosk || e.clientX > 80 || e.clientY > 80) return;
    const r = cornerTaps(taps, Date.now());
    taps = r.taps;
    if (r.fired) openPin();
  };
  window.addEventListener("keydown", onKey, true);
  window.addEventListener("pointerdown", onPointer, true);
  return () => {
    void un.then((f) => f());
    screenHooks.splice(screenHooks.indexOf(reportScreen), 1);
    for (const t of activityTypes) window.removeEventListener(t, activity, { capture: true });
    window.removeEventListener("keydown", onKey, true);
    window.removeEventListener("pointerdown", onPointer, true);
    removeGuard();
  };
}
