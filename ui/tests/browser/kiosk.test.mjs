import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir } from "./harness.mjs";
import { mock, h1, focused } from "./flows.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** A page with kiosk mode turned on in the mock (PIN 2468), on the attract screen. */
async function kioskPage(opts) {
  const page = await env.page(opts);
  await mock(page, "set", { kiosk: true, pin: "2468", centerName: "Eastside Career Center" });
  await page.getByTestId("attract").waitFor();
  return page;
}

const kioskEvents = (page) => page.evaluate(() => window.__waypointMock.calls("kiosk_event").map((c) => c.args.event));

async function answer(page, n) {
  for (let i = 1; i <= n; i++) {
    await focused(page, `[data-item="${i}"] [role="radio"]`);
    await page.keyboard.press("4");
    await page.locator(`[data-item="${i + 1}"]`).waitFor();
  }
}

test("attract → start → answer → still there? → I'm still here → countdown runs out → wiped back to attract", async () => {
  const page = await kioskPage();
  assert.equal(await h1(page), "Explore careers that match your interests");
  assert.equal(await page.getByTestId("center-name").innerText(), "Welcome to Eastside Career Center");
  // History and Settings are gone; the language choice is on the attract screen.
  assert.equal(await page.locator(".nav-link").count(), 0);
  assert.equal(await page.getByTestId("kiosk-done").count(), 0);
  await page.screenshot({ path: path.join(shotDir, "kiosk-attract.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the attract screen");
  const box = await page.getByTestId("kiosk-start").boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44);

  // Spanish, then back to English: the start event carries the chosen language.
  await page.locator(".attract-lang-btn", { hasText: "Español" }).click();
  assert.equal(await page.getByTestId("kiosk-start").innerText(), "Toca para empezar");
  await page.locator(".attract-lang-btn", { hasText: "English" }).click();
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').waitFor();
  assert.deepEqual((await kioskEvents(page))[0], { kind: "start", lang: "en" });
  await page.locator('[data-way="ip30"]').click();
  await page.locator('[data-item="1"]').waitFor();
  assert.equal(await page.locator("[data-item]").count(), 1, "one activity at a time");
  await answer(page, 3);
  assert.ok((await kioskEvents(page)).some((e) => e.kind === "activity"), "activity reported");
  const activityCount = (await kioskEvents(page)).filter((e) => e.kind === "activity").length;
  assert.ok(activityCount <= 2, `activity throttled (got ${activityCount} for quick inputs)`);

  // Rust's idle timer fires: the countdown dialog appears, focused and announced.
  await mock(page, "countdown", 30, 60_000);
  const dialog = page.getByRole("alertdialog", { name: "Are you still there?" });
  await dialog.waitFor();
  assert.equal(await page.getByTestId("countdown-seconds").innerText(), "30");
  assert.match(await page.getByTestId("countdown-announce").innerText(), /Your session ends in 30 seconds/);
  assert.equal(await page.getByTestId("countdown-announce").getAttribute("aria-live"), "assertive");
  await focused(page, '[data-testid="countdown"] button');
  await page.screenshot({ path: path.join(shotDir, "kiosk-countdown.png") });
  assert.deepEqual(await axe(page), [], "axe with the countdown open");
  const before = (await kioskEvents(page)).filter((e) => e.kind === "activity").length;
  await dialog.getByRole("button", { name: "I'm still here" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.ok((await kioskEvents(page)).filter((e) => e.kind === "activity").length > before, "I'm still here sends activity");
  // Focus goes back into the questionnaire, the session is intact.
  await page.locator('[data-item="4"]').waitFor();
  assert.equal(await page.evaluate(() => window.__waypointMock.state.draft?.answers.filter((x) => x != null).length), 3);

  // Any key also cancels (activity is never throttled during the countdown).
  await mock(page, "countdown", 30, 60_000);
  await dialog.waitFor();
  await page.keyboard.press("Shift");
  await dialog.waitFor({ state: "hidden" });

  // This time nobody answers: the countdown runs out, the session is wiped.
  await mock(page, "countdown", 3, 100);
  await dialog.waitFor();
  await page.getByTestId("attract").waitFor();
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.evaluate(() => window.__waypointMock.state.draft), null, "the draft is gone");
  assert.equal(await page.evaluate(() => window.__waypointMock.calls("resume_draft").length > 0), true);
  // Starting again offers no draft to resume.
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').waitFor();
  await page.locator("h1[data-draft-checked=true]").waitFor();
  assert.equal(await page.getByTestId("resume").count(), 0, "no draft to resume after the wipe");
  assert.deepEqual(page.errors, []);
});

test("screen changes are reported, the label field is hidden, and I'm done goes back to the attract screen", async () => {
  const page = await kioskPage();
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="typed"]').click();
  const areas = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
  for (const [i, a] of areas.entries()) await page.locator(`#score-${a}`).fill(String([27, 13, 23, 25, 14, 14][i]));
  await page.locator('#typed-form button[type="submit"]').click();
  await page.getByTestId("code").waitFor();
  await page.getByRole("button", { name: "Show all careers" }).click();
  await page.locator(".career-title").first().click();
  await page.getByTestId("mnm-url").waitFor();
  const navs = (await kioskEvents(page)).filter((e) => e.kind === "navigate").map((e) => e.to);
  assert.deepEqual(navs, ["results", "careers", "report"]);
  const done = page.getByTestId("kiosk-done");
  assert.ok((await done.boundingBox()).height >= 44);
  await done.click();
  // One question, then the erase: nothing is sent to Rust before "Yes".
  const confirm = page.getByRole("alertdialog", { name: "Leave and erase your answers?" });
  await confirm.waitFor();
  assert.notDeepEqual((await kioskEvents(page)).at(-1), { kind: "done" });
  assert.deepEqual(await axe(page), [], "axe with the done confirmation open");
  await confirm.getByRole("button", { name: "Yes, erase" }).click();
  await page.getByTestId("attract").waitFor();
  assert.deepEqual((await kioskEvents(page)).at(-1), { kind: "done" });
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').click();
  // The one-at-a-time form ends with a submit without the name/label field.
  assert.equal(await page.locator("#q-label").count(), 0);
});

// The pad's answers to wrong PINs are the real crate's, recorded (ui/src/mocks/fixtures/kiosk.json):
// the back-off rule itself is tested in Rust only (crates/kiosk/src/pin.rs).
test("the admin chord opens the PIN pad: wrong PIN, a wait, right PIN → admin panel", async () => {
  const page = await kioskPage();
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').waitFor();
  await page.keyboard.press("Control+Alt+Shift+A");
  const pad = page.getByRole("dialog", { name: "Staff access" });
  await pad.waitFor();
  await focused(page, '[data-digit="1"]');
  for (const b of await pad.locator(".pin-key").all()) {
    const box = await b.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, "PIN keys are at least 44 px");
  }
  // Keyboard digits work and are masked.
  await page.keyboard.type("1111");
  assert.equal(await page.getByTestId("pin-dots").innerText(), "●●●●");
  assert.equal(await pad.innerText().then((t) => t.includes("1111")), false);
  await page.screenshot({ path: path.join(shotDir, "kiosk-pinpad.png") });
  assert.deepEqual(await axe(page), [], "axe on the PIN pad");
  await page.keyboard.press("Enter");
  await page.getByTestId("pin-message").filter({ hasText: "Wrong PIN, 2 more before a wait." }).waitFor();
  // Tapping works too, and backspace.
  for (const d of ["9", "9", "9", "8"]) await pad.locator(`[data-digit="${d}"]`).click();
  await pad.getByTestId("pin-back").click();
  assert.equal(await page.getByTestId("pin-dots").innerText(), "●●●");
  await pad.locator('[data-digit="7"]').click();
  await pad.getByTestId("pin-ok").click();
  await page.getByTestId("pin-message").filter({ hasText: "Wrong PIN, 1 more before a wait." }).waitFor();
  await page.keyboard.type("0000");
  await page.keyboard.press("Enter");
  await page.getByTestId("pin-message").filter({ hasText: "Wrong PIN. The next wrong PIN means a wait." }).waitFor();
  await page.keyboard.type("0000");
  await page.keyboard.press("Enter");
  await page.getByTestId("pin-message").filter({ hasText: /^Locked for (10|9) s\.$/ }).waitFor();
  assert.equal(await pad.getByTestId("pin-ok").isDisabled(), true);
  // Reopening the pad shows the lock as Rust has it.
  await pad.getByRole("button", { name: "Cancel" }).click();
  await pad.waitFor({ state: "hidden" });
  await page.keyboard.press("Control+Alt+Shift+A");
  await page.getByTestId("pin-message").filter({ hasText: /^Locked for \d+ s\.$/ }).waitFor();
  await pad.getByRole("button", { name: "Cancel" }).click();
  // Even the right PIN is refused while locked (Rust's lock error, mocked).
  await page.evaluate(() => {
    void window.__waypointMock.set({ wrong: 0 });
    window.__waypointMock.fail("kiosk_unlock", { code: "kiosk.pin_locked", message: "Too many wrong PINs. The pad takes the next one in 60 seconds." }, 1);
  });
  await page.keyboard.press("Control+Alt+Shift+A");
  await pad.waitFor();
  await page.waitForFunction(() => !document.querySelector("[data-testid=pin-message]").textContent);
  await page.keyboard.type("2468");
  await page.keyboard.press("Enter");
  await page.getByTestId("pin-message").filter({ hasText: "Locked for 60 s." }).waitFor();
  await pad.getByRole("button", { name: "Cancel" }).click();
  // A wrong PIN whose count Rust could not save: the pad says so in the UI's words.
  await page.evaluate(() => {
    void window.__waypointMock.set({ wrong: 0 });
    window.__waypointMock.fail("kiosk_unlock", { code: "kiosk.lock_state_io", message: "The PIN pad's wrong-try counter at /x could not be read or saved: denied" }, 1);
  });
  await page.keyboard.press("Control+Alt+Shift+A");
  await pad.waitFor();
  await page.waitForFunction(() => !document.querySelector("[data-testid=pin-message]").textContent);
  await page.keyboard.type("1111");
  await page.keyboard.press("Enter");
  await page.getByTestId("pin-message").filter({ hasText: "The PIN pad could not save its count of wrong PINs, so a restart would forget it." }).waitFor();
  await pad.getByRole("button", { name: "Cancel" }).click();
  // The right PIN once the lock is over.
  await page.evaluate(() => window.__waypointMock.set({ wrong: 0 }));
  await page.keyboard.press("Control+Alt+Shift+A");
  await pad.waitFor();
  await page.keyboard.type("2468");
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Kiosk admin" });
  await panel.waitFor();
  await focused(page, '[data-testid="admin-panel"] h2');
  await page.screenshot({ path: path.join(shotDir, "kiosk-admin.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the admin panel");
  // Settings are saved through kioskUpdate.
  await panel.getByLabel(/Minutes without input/).fill("5");
  await panel.getByLabel("Allow printing").uncheck();
  await panel.getByRole("button", { name: "Save settings" }).click();
  await page.getByTestId("admin-status").filter({ hasText: "Settings saved." }).waitFor();
  const upd = await page.evaluate(() => window.__waypointMock.calls("kiosk_update").at(-1).args.settings);
  assert.equal(upd.idle_minutes, 5);
  assert.equal(upd.printing, false);
  assert.equal(upd.enabled, true);
  // Change PIN.
  await panel.getByLabel(/New PIN/).fill("13579");
  await panel.getByRole("button", { name: "Change PIN" }).click();
  await page.getByTestId("admin-status").filter({ hasText: "PIN changed." }).waitFor();
  // Lock again: back to the session.
  await panel.getByRole("button", { name: "Lock again" }).click();
  await panel.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => window.__waypointMock.state.kiosk.unlocked), false);
  // Five taps in the top-left corner open the pad too; then leave kiosk mode.
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
  await pad.waitFor();
  await page.keyboard.type("13579");
  await page.keyboard.press("Enter");
  await panel.waitFor();
  await panel.getByRole("button", { name: "Leave kiosk mode" }).click();
  await panel.waitFor({ state: "hidden" });
  await page.locator(".nav-link", { hasText: "Settings" }).waitFor();
  assert.equal(await page.evaluate(() => window.__waypointMock.state.kiosk.enabled), false);
  assert.deepEqual(page.errors, []);
});

test("browser behaviours are blocked in kiosk mode and not outside it", async () => {
  const page = await kioskPage();
  const prevented = () =>
    page.evaluate(() => {
      const key = (k, o = {}) => new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...o });
      const fire = (ev, target = document.body) => !target.dispatchEvent(ev);
      const link = document.createElement("a");
      link.href = "https://example.org/";
      link.textContent = "x";
      document.querySelector("main").append(link);
      const r = {
        contextmenu: fire(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 })),
        F5: fire(key("F5")),
        "Ctrl+R": fire(key("r", { ctrlKey: true })),
        "Cmd+R": fire(key("r", { metaKey: true })),
        "Ctrl+=": fire(key("=", { ctrlKey: true })),
        "Ctrl+-": fire(key("-", { ctrlKey: true })),
        "Ctrl+0": fire(key("0", { ctrlKey: true })),
        "Ctrl+wheel": fire(new WheelEvent("wheel", { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
        "Alt+Left": fire(key("ArrowLeft", { altKey: true })),
        BrowserBack: fire(key("BrowserBack")),
        "mouse back": fire(new MouseEvent("mouseup", { bubbles: true, cancelable: true, button: 3 })),
        F12: fire(key("F12")),
        "Ctrl+Shift+I": fire(key("I", { ctrlKey: true, shiftKey: true })),
        "Ctrl+Shift+J": fire(key("J", { ctrlKey: true, shiftKey: true })),
        "Ctrl+Shift+C": fire(key("C", { ctrlKey: true, shiftKey: true })),
        "Ctrl+N": fire(key("n", { ctrlKey: true })),
        "Ctrl+F": fire(key("f", { ctrlKey: true })),
        "Ctrl+P": fire(key("p", { ctrlKey: true })),
        "Ctrl+click link": fire(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true }), link),
        "middle-click link": fire(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }), link),
        "window.open": window.open("https://example.org/") === null,
        "user-select": getComputedStyle(document.body).userSelect === "none",
        "plain key": fire(key("a")),
      };
      link.remove();
      return r;
    });
  const on = await prevented();
  for (const [k, v] of Object.entries(on)) assert.equal(v, k !== "plain key", `${k} in kiosk mode`);
  // Outside kiosk mode the e2e build leaves them alone (the production build blocks the context menu).
  await mock(page, "set", { kiosk: false });
  await page.locator(".nav-link", { hasText: "Settings" }).waitFor();
  const off = await page.evaluate(() => {
    const ev = new KeyboardEvent("keydown", { key: "F5", bubbles: true, cancelable: true });
    document.body.dispatchEvent(ev);
    return { F5: ev.defaultPrevented, select: getComputedStyle(document.body).userSelect };
  });
  assert.equal(off.F5, false);
  assert.notEqual(off.select, "none");
});

test("Settings: set an admin PIN, then turn kiosk mode on (full screen and locked)", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "Settings" }).click();
  const sec = page.getByTestId("kiosk-settings");
  await sec.waitFor();
  assert.match(await sec.innerText(), /goes full screen and locks/);
  assert.match(await sec.innerText(), /First set an admin PIN/);
  await sec.getByLabel(/New PIN/).fill("12");
  await sec.getByRole("button", { name: "Set admin PIN" }).click();
  await page.getByTestId("kiosk-msg").filter({ hasText: "The PIN must be 4 to 8 digits." }).waitFor();
  await sec.getByLabel(/New PIN/).fill("2468");
  await sec.getByRole("button", { name: "Set admin PIN" }).click();
  await sec.getByTestId("kiosk-on").waitFor();
  assert.deepEqual(await axe(page), [], "axe on Settings with the kiosk section");
  await sec.getByTestId("kiosk-on").click();
  await page.getByTestId("attract").waitFor();
  const st = await page.evaluate(() => window.__waypointMock.state.kiosk);
  assert.equal(st.enabled, true);
  assert.equal(st.unlocked, false, "relocked after turning on");
  assert.equal(await page.locator(".nav-link").count(), 0);
});

test("the attract screen in Spanish", async () => {
  const page = await kioskPage();
  await page.locator(".attract-lang-btn", { hasText: "Español" }).click();
  assert.equal(await h1(page), "Explora carreras que coinciden con tus intereses");
  assert.deepEqual(await axe(page), [], "axe on the Spanish attract screen");
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').waitFor();
  assert.deepEqual((await kioskEvents(page))[0], { kind: "start", lang: "es" });
  assert.equal(await page.getByTestId("kiosk-done").innerText(), "Terminé");
});

test("I'm done asks once: Keep going keeps the answers; left alone it erases after 10 s", async () => {
  const page = await kioskPage();
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').click();
  await page.locator('[data-item="1"]').waitFor();
  // Touch only so far: no keyboard hint. A key press shows it.
  assert.equal(await page.getByTestId("keys-hint").count(), 0, "hint without a keyboard");
  await answer(page, 3);
  await page.getByTestId("keys-hint").waitFor();
  await page.getByTestId("kiosk-done").click();
  const confirm = page.getByRole("alertdialog", { name: "Leave and erase your answers?" });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /erased in 10 seconds/);
  await confirm.getByRole("button", { name: "Keep going" }).click();
  await confirm.waitFor({ state: "hidden" });
  assert.ok(!(await kioskEvents(page)).some((e) => e.kind === "done"), "nothing erased");
  await page.locator('[data-item="4"]').waitFor();
  assert.equal(await page.getByTestId("attract").count(), 0);
  const answers = await page.evaluate(() => window.__waypointMock.calls("record_answer").length);
  assert.ok(answers >= 3, `answers kept (${answers} recorded)`);
  // Asked again and left alone: it erases by itself.
  await page.getByTestId("kiosk-done").click();
  await confirm.waitFor();
  await page.getByTestId("attract").waitFor({ timeout: 15_000 });
  assert.deepEqual((await kioskEvents(page)).at(-1), { kind: "done" });
});
