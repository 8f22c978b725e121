import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, tabTo, shotDir } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("welcome screen shows the three ways in and the version from app_info", async () => {
  const page = await env.page();
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Find careers that fit your interests");
  for (const way of ["ip60", "ip30", "typed"]) {
    assert.ok(await page.locator(`[data-way="${way}"]`).isVisible(), `${way} is visible`);
  }
  await page.getByTestId("app-version").waitFor();
  assert.equal(await page.getByTestId("app-version").innerText(), "Version 0.0.0-e2e");
  assert.match(await page.locator(".attribution").innerText(), /O\*NET/);
  await page.screenshot({ path: path.join(shotDir, "welcome-en.png"), fullPage: true });
  assert.deepEqual(page.errors, []);
});

test("every way in is reachable and usable by keyboard alone", async () => {
  const page = await env.page();
  await page.getByRole("heading", { level: 1 }).waitFor();
  const titles = { ip60: "Interest Profiler", ip30: "Mini Interest Profiler", typed: "Enter scores from a paper profiler" };
  for (const way of ["ip60", "ip30", "typed"]) {
    await tabTo(page, `[data-way="${way}"]`);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: titles[way], exact: true }).waitFor();
    // Focus lands on the new screen's heading (or, in a profiler, on the first activity's answers).
    await page.waitForFunction(() => document.activeElement?.matches("main h1, main [role=radio]") ?? false);
    // Back to the start with the nav link (Shift+Tab from the top).
    await page.locator(".nav-link", { hasText: "Start" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Find careers that fit your interests" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  }
});

test("the skip link is the first stop and moves focus to the main content", async () => {
  const page = await env.page();
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "skip");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
});

test("switching to Spanish translates the screen and sets the document language", async () => {
  const page = await env.page();
  await page.getByRole("button", { name: "Español" }).click();
  await page.getByRole("heading", { name: "Encuentra carreras que coincidan con tus intereses" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
  assert.equal(await page.getByRole("button", { name: "Español" }).getAttribute("aria-pressed"), "true");
  await page.screenshot({ path: path.join(shotDir, "welcome-es.png"), fullPage: true });
});

test("axe finds no serious or critical violations on the welcome screen", async () => {
  const page = await env.page();
  await page.getByTestId("app-version").waitFor();
  assert.deepEqual(await axe(page), []);
});

test("ways in stay at least 44 px tall and the layout survives 200 % zoom", async () => {
  const page = await env.page({ viewport: { width: 512, height: 384 } }); // 1024x768 at 200 %
  await page.getByRole("heading", { level: 1 }).waitFor();
  for (const sel of ['[data-way="ip60"]', ".lang-btn"]) {
    const box = await page.locator(sel).first().boundingBox();
    assert.ok(box.height >= 44, `${sel} is ${box.height}px tall`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});

test("start-up notices from Rust appear in a dismissible alert at the top of the app", async () => {
  const page = await env.page();
  await page.goto(env.url + "?mockNotice=corrupt");
  const alert = page.locator('[role="alert"][data-code="store.recovered_from_corruption"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /saved data could not be read, so a fresh database was started\. The old file was kept as \/tmp\/waypoint-e2e\//);
  // It comes before the main content, so it is the first thing read.
  assert.ok(await page.evaluate(() => {
    const a = document.querySelector('[data-code="store.recovered_from_corruption"]');
    return !!a && !!(a.compareDocumentPosition(document.getElementById("main")) & Node.DOCUMENT_POSITION_FOLLOWING);
  }));
  assert.equal((await page.evaluate(() => window.__waypointMock.calls("startup_notices"))).length, 1);
  await page.screenshot({ path: path.join(shotDir, "startup-notice.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe with a start-up notice");
  await alert.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await alert.count(), 0);
  await page.waitForFunction(() => document.activeElement?.matches("main h1") ?? false);
  assert.deepEqual(page.errors, []);
});

test("in Spanish a start-up notice is said in Spanish, with the English details (the path) below", async () => {
  const page = await env.page();
  await page.goto(env.url + "?mockNotice=corrupt");
  await page.getByRole("button", { name: "Español" }).click();
  const alert = page.locator('[role="alert"][data-code="store.recovered_from_corruption"]');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /^Aviso: No se pudieron leer los datos guardados de Waypoint/);
  const detail = alert.locator('.detail[lang="en"]');
  assert.match(await detail.innerText(), /The old file was kept as \/tmp\/waypoint-e2e\//);
  await page.screenshot({ path: path.join(shotDir, "startup-notice-es.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe with a Spanish start-up notice");
  assert.deepEqual(page.errors, []);
});
