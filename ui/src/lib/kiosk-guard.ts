// Kiosk lock-down inside the web view: the browser behaviours that would let a patron leave the
// session (reload, back/forward, new windows, devtools, zoom, find, print, the context menu).
// `shouldBlock` is pure so vitest can cover every shortcut; `installGuard` wires it to the window.

/** The parts of a DOM event the guard looks at (a KeyboardEvent, MouseEvent or WheelEvent). */
export interface GuardEvent {
  type: string;
  key?: string;
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  button?: number;
  /** For clicks: whether the target is (inside) a link. */
  onLink?: boolean;
  /** For keys: whether the target is a text field (Backspace is editing there). */
  inTextField?: boolean;
}

const ZOOM_KEYS = new Set(["+", "=", "-", "_", "0", "Add", "Subtract"]);
const NAV_KEYS = new Set(["BrowserBack", "BrowserForward", "BrowserRefresh", "BrowserHome", "BrowserSearch"]);

/** True when the event must be cancelled in kiosk mode. */
export function shouldBlock(e: GuardEvent): boolean {
  const mod = !!(e.ctrlKey || e.metaKey);
  switch (e.type) {
    case "contextmenu":
    case "dragstart":
    case "selectstart":
      // Text selection is blocked by CSS; selectstart is only blocked outside text fields.
      return e.type !== "selectstart" || !e.inTextField;
    case "wheel":
      return mod; // Ctrl+wheel / trackpad pinch zooms.
    case "mousedown":
    case "mouseup":
    case "auxclick":
      // 3/4 are the mouse's back/forward buttons; 1 (middle) opens links in a new window.
      return e.button === 3 || e.button === 4 || (e.button === 1 && (e.type === "auxclick" || !!e.onLink));
    case "click":
      // Ctrl/Cmd/Shift+click on a link opens a new window or tab.
      return !!e.onLink && (mod || !!e.shiftKey || e.button === 1);
    case "keydown":
    case "keyup": {
      const key = e.key ?? "";
      const k = key.length === 1 ? key.toLowerCase() : key;
      if (NAV_KEYS.has(key)) return true;
      if (key === "F5" || key === "F12" || key === "F11" || key === "F3" || key === "F7") return true;
      if (e.altKey && (key === "ArrowLeft" || key === "ArrowRight" || key === "Home")) return true;
      if (key === "Backspace" && !e.inTextField) return true; // old "back" shortcut
      if (mod) {
        if (ZOOM_KEYS.has(key)) return true;
        // reload, new window/tab, find, print, save, open, view source, history, downloads, bookmarks, close tab
        if (["r", "n", "t", "f", "g", "p", "s", "o", "u", "h", "j", "d", "w", "l", "e", "k", "[", "]"].includes(k)) {
          // Keep copy/paste/undo in text fields; these letters are not editing shortcuts.
          return true;
        }
        if (e.shiftKey && ["i", "j", "c", "delete"].includes(k)) return true; // devtools, clear data
        if (e.altKey && k === "i") return true; // macOS devtools
        if (key === "ArrowLeft" || key === "ArrowRight") return !e.inTextField; // Cmd+←/→ is back/forward on macOS
      }
      return false;
    }
    default:
      return false;
  }
}

/** The hidden admin chord: Ctrl+Alt+Shift+A. */
export function isAdminChord(e: GuardEvent): boolean {
  return e.type === "keydown" && !!e.ctrlKey && !!e.altKey && !!e.shiftKey && (e.code === "KeyA" || (e.key ?? "").toLowerCase() === "a");
}

/** Five taps within `windowMs` make a corner gesture; returns the kept tap times and whether it fired. */
export function cornerTaps(taps: number[], now: number, windowMs = 3000, needed = 5): { taps: number[]; fired: boolean } {
  const kept = [...taps.filter((t) => now - t <= windowMs), now];
  if (kept.length >= needed) return { taps: [], fired: true };
  return { taps: kept, fired: false };
}

function isTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement) return true;
  return t instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(t.type);
}

function toGuardEvent(e: Event): GuardEvent {
  const k = e as KeyboardEvent & MouseEvent;
  const target = e.target;
  return {
    type: e.type, key: k.key, code: k.code, ctrlKey: k.ctrlKey, metaKey: k.metaKey, altKey: k.altKey, shiftKey: k.shiftKey,
    button: k.button, onLink: target instanceof Element && !!target.closest("a[href]"), inTextField: isTextField(target),
  };
}

const TYPES = ["keydown", "keyup", "contextmenu", "wheel", "mousedown", "mouseup", "auxclick", "click", "dragstart", "selectstart"] as const;

/**
 * Cancels the blocked events while `active()` is true. `always` blocks the context menu even when
 * kiosk mode is off (production builds). Returns a function that removes the guard.
 */
export function installGuard(active: () => boolean, opts: { always?: boolean } = {}): () => void {
  const onEvent = (e: Event) => {
    const on = active();
    if (!on && !(opts.always && e.type === "contextmenu")) return;
    if (shouldBlock(toGuardEvent(e))) {
      e.preventDefault();
      if (e.type !== "click" && e.type !== "keydown" && e.type !== "keyup") e.stopPropagation();
    }
  };
  for (const t of TYPES) window.addEventListener(t, onEvent, { capture: true, passive: false });
  const realOpen = window.open;
  window.open = ((...args: Parameters<typeof window.open>) => (active() ? null : realOpen.apply(window, args))) as typeof window.open;
  const onPopState = () => {
    if (active()) history.pushState(null, "", location.href);
  };
  window.addEventListener("popstate", onPopState);
  return () => {
    for (const t of TYPES) window.removeEventListener(t, onEvent, { capture: true });
    window.removeEventListener("popstate", onPopState);
    window.open = realOpen;
  };
}
