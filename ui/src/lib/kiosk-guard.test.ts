import { describe, expect, it } from "vitest";
import { cornerTaps, isAdminChord, shouldBlock, type GuardEvent } from "./kiosk-guard";

const key = (k: string, mods: Partial<GuardEvent> = {}): GuardEvent => ({ type: "keydown", key: k, ...mods });

describe("shouldBlock", () => {
  it("blocks the context menu and dragging", () => {
    expect(shouldBlock({ type: "contextmenu" })).toBe(true);
    expect(shouldBlock({ type: "dragstart" })).toBe(true);
  });
  it("blocks text selection outside text fields only", () => {
    expect(shouldBlock({ type: "selectstart" })).toBe(true);
    expect(shouldBlock({ type: "selectstart", inTextField: true })).toBe(false);
  });
  it("blocks reload: F5, Ctrl+R, Cmd+R, Ctrl+Shift+R, Ctrl+F5", () => {
    for (const e of [key("F5"), key("r", { ctrlKey: true }), key("r", { metaKey: true }), key("R", { ctrlKey: true, shiftKey: true }), key("F5", { ctrlKey: true }), key("BrowserRefresh")])
      expect(shouldBlock(e), JSON.stringify(e)).toBe(true);
  });
  it("blocks zoom shortcuts and Ctrl+wheel, not a plain wheel", () => {
    for (const k of ["+", "=", "-", "0"]) {
      expect(shouldBlock(key(k, { ctrlKey: true }))).toBe(true);
      expect(shouldBlock(key(k, { metaKey: true }))).toBe(true);
      expect(shouldBlock(key(k))).toBe(false);
    }
    expect(shouldBlock({ type: "wheel", ctrlKey: true })).toBe(true);
    expect(shouldBlock({ type: "wheel" })).toBe(false);
  });
  it("blocks back/forward: Alt+arrows, browser keys, mouse buttons 3/4, Backspace outside fields", () => {
    expect(shouldBlock(key("ArrowLeft", { altKey: true }))).toBe(true);
    expect(shouldBlock(key("ArrowRight", { altKey: true }))).toBe(true);
    expect(shouldBlock(key("BrowserBack"))).toBe(true);
    expect(shouldBlock(key("BrowserForward"))).toBe(true);
    expect(shouldBlock({ type: "mouseup", button: 3 })).toBe(true);
    expect(shouldBlock({ type: "mousedown", button: 4 })).toBe(true);
    expect(shouldBlock({ type: "mouseup", button: 0 })).toBe(false);
    expect(shouldBlock(key("Backspace"))).toBe(true);
    expect(shouldBlock(key("Backspace", { inTextField: true }))).toBe(false);
    expect(shouldBlock(key("ArrowLeft"))).toBe(false);
  });
  it("blocks devtools: F12, Ctrl+Shift+I/J/C, Cmd+Alt+I", () => {
    expect(shouldBlock(key("F12"))).toBe(true);
    for (const k of ["I", "J", "C"]) expect(shouldBlock(key(k, { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(shouldBlock(key("i", { metaKey: true, altKey: true }))).toBe(true);
  });
  it("blocks new windows, find and print", () => {
    expect(shouldBlock(key("n", { ctrlKey: true }))).toBe(true);
    expect(shouldBlock(key("t", { ctrlKey: true }))).toBe(true);
    expect(shouldBlock(key("f", { ctrlKey: true }))).toBe(true);
    expect(shouldBlock(key("F3"))).toBe(true);
    expect(shouldBlock(key("p", { metaKey: true }))).toBe(true);
    expect(shouldBlock({ type: "click", onLink: true, ctrlKey: true })).toBe(true);
    expect(shouldBlock({ type: "click", onLink: true, shiftKey: true })).toBe(true);
    expect(shouldBlock({ type: "auxclick", button: 1, onLink: true })).toBe(true);
    expect(shouldBlock({ type: "mousedown", button: 1, onLink: true })).toBe(true);
    expect(shouldBlock({ type: "click", onLink: true })).toBe(false);
    expect(shouldBlock({ type: "click", ctrlKey: true })).toBe(false);
  });
  it("leaves typing, editing shortcuts and ordinary keys alone", () => {
    for (const e of [key("a"), key("Enter"), key(" "), key("Tab"), key("Tab", { shiftKey: true }), key("Escape"), key("c", { ctrlKey: true }), key("v", { ctrlKey: true }), key("z", { ctrlKey: true }), key("a", { ctrlKey: true }), key("7")])
      expect(shouldBlock(e), JSON.stringify(e)).toBe(false);
  });
});

describe("admin gestures", () => {
  it("recognises Ctrl+Alt+Shift+A only", () => {
    expect(isAdminChord({ type: "keydown", key: "A", code: "KeyA", ctrlKey: true, altKey: true, shiftKey: true })).toBe(true);
    expect(isAdminChord({ type: "keydown", key: "a", ctrlKey: true, altKey: true })).toBe(false);
    expect(isAdminChord({ type: "keydown", key: "A", code: "KeyA", ctrlKey: true, shiftKey: true })).toBe(false);
  });
  it("fires on the fifth corner tap within 3 s", () => {
    let taps: number[] = [];
    let fired = false;
    for (const t of [0, 500, 1000, 1500]) ({ taps, fired } = cornerTaps(taps, t));
    expect(fired).toBe(false);
    ({ taps, fired } = cornerTaps(taps, 2000));
    expect(fired).toBe(true);
    expect(taps).toEqual([]);
  });
  it("forgets taps older than 3 s", () => {
    let taps: number[] = [];
    let fired = false;
    for (const t of [0, 1000, 2000, 3000, 3500]) ({ taps, fired } = cornerTaps(taps, t));
    expect(fired).toBe(false); // the tap at 0 fell out of the window
    ({ fired } = cornerTaps(taps, 4000));
    expect(fired).toBe(true);
  });
});
