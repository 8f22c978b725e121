import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir } from "./harness.mjs";
import { mock, h1, typedToResults } from "./flows.mjs";

// "Prepare for offline use": the mock replays runs recorded from the real services
// (crates/services/tests/ui_fixtures.rs): their progress, a complete summary, and one whose
// Spanish Job Zones failed.

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function toSettings(page) {
  await page.locator(".nav-link", { hasText: /^(Settings|Configuración)$/ }).click();
  await page.getByTestId("prepare-offline").waitFor();
}

test("settings: prepare is disabled without a key, then shows progress and what was saved and when", async () => {
  const page = await env.page();
  await mock(page, "set", { key: false });
  await toSettings(page);
  const button = page.getByRole("button", { name: "Prepare for offline use" });
  assert.equal(await button.isDisabled(), true);
  assert.match(await page.getByTestId("prepare-need-key").innerText(), /An O\*NET key is needed to prepare/);
  // The hint is the disabled button's description.
  assert.match(await button.getAttribute("aria-describedby"), /need-key/);

  // A fresh start with the mock's default: a key is set.
  await page.reload();
  await toSettings(page);
  await button.click();
  const bar = page.getByRole("progressbar", { name: "Preparing for offline use" });
  await bar.waitFor();
  await page.getByTestId("prepare-progress").filter({ hasText: /\(\d of 9\)/ }).waitFor();
  assert.equal(await bar.getAttribute("max"), "9");
  await page.screenshot({ path: path.join(shotDir, "settings-prepare-progress.png"), fullPage: true });
  await page.getByTestId("prepare-result").filter({ hasText: "Everything is saved for offline use." }).waitFor();
  const items = page.getByTestId("prepare-summary").locator("li");
  assert.equal(await items.count(), 9);
  assert.match(await items.first().innerText(), /^Occupation data \(offline careers\): saved Mar 2, 2026/);
  assert.match(await page.locator('li[data-part="questions_30_es"]').innerText(), /30 questions \(Mini-IP\), Spanish: saved/);
  assert.equal(await page.getByRole("progressbar").count(), 0, "the bar goes once done");
  assert.equal((await mock(page, "calls", "prepare_offline")).length, 1);
  // The pack the run installed shows in the offline data section.
  await page.getByTestId("pack-status").filter({ hasText: "923 occupations from O*NET release 29.3" }).waitFor();
  await page.screenshot({ path: path.join(shotDir, "settings-prepare-done.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on settings after preparing");
  assert.deepEqual(page.errors, []);
});

test("in Spanish a failed part says why in Spanish, the others are listed as saved", async () => {
  const page = await env.page();
  await mock(page, "set", { prepare: "partial" });
  await page.getByRole("button", { name: "Español" }).click();
  await toSettings(page);
  assert.equal(await h1(page), "Configuración");
  await page.getByRole("button", { name: "Preparar para usar sin conexión" }).click();
  await page.getByTestId("prepare-result").filter({ hasText: "No se pudieron descargar 1 de 9 partes; las demás quedaron guardadas." }).waitFor();
  const failed = page.locator('li[data-part="job_zones_es"]');
  assert.equal(
    await failed.innerText(),
    "Zonas de Empleo, en español: no se guardó: O*NET tiene problemas en este momento. Espera un minuto e inténtalo de nuevo.",
  );
  assert.equal(await page.locator("li.failed").count(), 1);
  assert.match(await page.locator('li[data-part="questions_60_es"]').innerText(), /^60 preguntas, en español: guardado el /);
  await page.screenshot({ path: path.join(shotDir, "settings-prepare-partial-es.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on a partial summary in Spanish");
  // Those Job Zones were not saved: the screen keeps Waypoint's translation, marked as such.
  await page.locator(".nav-link", { hasText: "Inicio" }).click();
  await typedToResults(page);
  await page.getByRole("button", { name: /cuánta preparación/ }).click();
  const zone1 = page.locator('[data-zone-more="1"]');
  await zone1.waitFor();
  assert.match(await zone1.getByTestId("title-note").textContent(), /traducción de Waypoint/);
});

test("once prepared, the Spanish Job Zones are O*NET's own text, not marked as Waypoint's translation", async () => {
  const page = await env.page();
  await toSettings(page);
  await page.getByRole("button", { name: "Prepare for offline use" }).click();
  await page.getByTestId("prepare-result").filter({ hasText: "Everything is saved" }).waitFor();
  await page.getByRole("button", { name: "Español" }).click();
  await page.locator(".nav-link", { hasText: "Inicio" }).click();
  await typedToResults(page);
  await page.getByRole("button", { name: /cuánta preparación/ }).click();
  const zone1 = page.locator('[data-zone-more="1"]');
  await zone1.waitFor();
  // The test server marks O*NET's mpp/ text "[es] "; "typical work" stays Waypoint's.
  assert.match(await zone1.textContent(), /\[es\] Job Zone One: Little or No Preparation Needed/);
  assert.match(await zone1.textContent(), /Seguir instrucciones y ayudar a otras personas\./);
  assert.equal(await zone1.getByTestId("title-note").count(), 0);
  const calls = await mock(page, "calls", "job_zones");
  assert.equal(calls.at(-1).args.lang, "es");
});

test("kiosk: the admin panel offers prepare for offline use", async () => {
  const page = await env.page();
  await mock(page, "set", { kiosk: true, pin: "2468" });
  await page.getByTestId("attract").waitFor();
  await page.keyboard.press("Control+Alt+Shift+A");
  await page.keyboard.type("2468");
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Kiosk admin" });
  await panel.waitFor();
  await panel.getByRole("button", { name: "Prepare for offline use" }).click();
  await panel.getByTestId("prepare-result").filter({ hasText: "Everything is saved for offline use." }).waitFor();
  assert.equal(await panel.getByTestId("prepare-summary").locator("li").count(), 9);
  await page.screenshot({ path: path.join(shotDir, "kiosk-admin-prepare.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the admin panel after preparing");
});
