import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir } from "./harness.mjs";
import { mock, h1, typedToResults, toCareers, noHorizontalScroll } from "./flows.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("history lists results, opens one as it was seen, and compares two side by side", async () => {
  const page = await env.page();
  await typedToResults(page, [30, 12, 18, 20, 15, 10]);
  await toCareers(page, 3);
  await page.locator(".nav-link", { hasText: "History" }).click();
  assert.equal(await h1(page), "History");
  assert.equal(await page.locator(".nav-link[aria-current='page']").innerText(), "History");
  await page.locator(".session").first().waitFor();
  assert.equal(await page.locator(".session").count(), 3);
  assert.match(await page.locator(".session").nth(1).innerText(), /Mar 14, 2025/);
  await page.screenshot({ path: path.join(shotDir, "history.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on history");
  // Open the newest: scores and the careers snapshot as seen.
  await page.locator(".session").first().getByRole("button", { name: /^Open/ }).click();
  await page.locator(".bar-row").first().waitFor();
  assert.match(await h1(page), /^Result from /);
  assert.equal(await page.locator('[data-area="realistic"] .bar-value').innerText(), "30 of 40");
  assert.equal(await page.getByRole("tab", { selected: true }).innerText(), "Zone 3 (27)");
  assert.equal(await page.locator(".career").count(), 20);
  await page.screenshot({ path: path.join(shotDir, "session.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on a saved result");
  // Still opens offline (read from the local store).
  await mock(page, "setOnline", false);
  await page.getByRole("button", { name: /Back to History/ }).click();
  await page.locator(".session").first().getByRole("button", { name: /^Open/ }).click();
  await page.locator(".career").first().waitFor();
  await page.getByRole("button", { name: /Back to History/ }).click();
  // Compare the two seeded results.
  await page.locator(".session").nth(1).getByRole("checkbox").check();
  await page.locator(".session").nth(2).getByRole("checkbox").check();
  await page.getByTestId("compare").click();
  await page.getByTestId("compare-table").waitFor();
  assert.equal(await h1(page), "Compare two results");
  // b − a where a = Mar 2025 (S25) and b = Jan 2025 (S29): social +4; realistic 22 − 27 = −5.
  assert.equal(await page.locator('[data-area="social"] .diff').innerText(), "+4");
  assert.equal(await page.locator('[data-area="realistic"] .diff').innerText(), "−5");
  await page.screenshot({ path: path.join(shotDir, "compare.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on compare");
});

test("history: delete with confirm, export, import, and forget everything", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "History" }).click();
  await page.locator(".session").first().waitFor();
  await page.locator(".session").first().getByRole("button", { name: /^Delete/ }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this result?" });
  await dialog.waitFor();
  assert.deepEqual(await axe(page), [], "axe with the dialog open");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await page.locator(".session").count(), 2);
  await page.locator(".session").first().getByRole("button", { name: /^Delete/ }).click();
  await dialog.getByRole("button", { name: "Delete result" }).click();
  await page.getByTestId("history-status").filter({ hasText: "Result deleted." }).waitFor();
  assert.equal(await page.locator(".session").count(), 1);
  await page.getByRole("button", { name: "Export as CSV" }).click();
  await page.getByTestId("history-status").filter({ hasText: "waypoint-results.csv" }).waitFor();
  await mock(page, "set", { exportCancel: true });
  await page.getByRole("button", { name: "Export as JSON" }).click();
  await page.getByTestId("history-status").filter({ hasText: "Export canceled." }).waitFor();
  await page.getByRole("button", { name: "Import results…" }).click();
  await page.getByTestId("history-status").filter({ hasText: "1 imported, 1 skipped." }).waitFor();
  assert.equal(await page.locator(".session").count(), 2);
  await page.getByRole("button", { name: "Forget everything…" }).click();
  const forget = page.getByRole("dialog", { name: "Forget everything?" });
  await forget.waitFor();
  await page.screenshot({ path: path.join(shotDir, "history-forget-dialog.png") });
  await forget.getByRole("button", { name: "Yes, forget everything" }).click();
  await page.getByTestId("history-status").filter({ hasText: "Everything has been forgotten." }).waitFor();
  assert.match(await page.locator("main").innerText(), /No saved results yet/);
});

test("settings: a rejected key, then a valid one; only the last four characters are ever shown", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "Settings" }).click();
  assert.equal(await h1(page), "Settings");
  await page.getByTestId("key-status").filter({ hasText: "…7Q2F" }).waitFor();
  assert.match(await page.locator("main").innerText(), /https:\/\/services\.onetcenter\.org\/developer\//);
  assert.equal(await page.getByLabel("API key").getAttribute("type"), "password");
  await page.getByLabel("API key").fill("bad-key-000000");
  await page.getByRole("button", { name: "Replace and test key" }).click();
  await page.getByTestId("key-msg").filter({ hasText: "did not accept" }).waitFor();
  const secret = "wp-test-key-ABCD1234wxyz";
  await page.getByLabel("API key").fill(secret);
  await page.getByRole("button", { name: "Replace and test key" }).click();
  await page.getByTestId("key-msg").filter({ hasText: "The key works" }).waitFor();
  await page.getByTestId("key-status").filter({ hasText: "…wxyz" }).waitFor();
  assert.equal(await page.getByLabel("API key").inputValue(), "");
  const html = await page.content();
  assert.ok(!html.includes(secret) && !html.includes("ABCD1234"), "the key itself never appears in the page");
  await page.screenshot({ path: path.join(shotDir, "settings.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on settings");
  // Offline: offer to store the key untested.
  await mock(page, "setOnline", false);
  await page.getByLabel("API key").fill("another-key-9999");
  await page.getByRole("button", { name: "Replace and test key" }).click();
  await page.getByRole("button", { name: "Save it without testing" }).click();
  await page.getByTestId("key-msg").filter({ hasText: "not tested yet" }).waitFor();
  const setKeys = await mock(page, "calls", "set_key");
  assert.deepEqual(setKeys.at(-1).args, { key: "another-key-9999", storeIfOffline: true });
  await page.getByRole("button", { name: "Remove key" }).click();
  await page.getByTestId("key-status").filter({ hasText: "No key saved" }).waitFor();
});

test("settings: offline data import shows progress, and the About section", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "Settings" }).click();
  await page.getByTestId("pack-status").filter({ hasText: "No O*NET data" }).waitFor();
  await page.getByRole("button", { name: "Download O*NET data" }).click();
  await page.getByRole("progressbar", { name: "Offline data progress" }).waitFor();
  // Stages in words, not the names the backend sends.
  await page.getByTestId("pack-progress").filter({ hasText: /Downloading (occupations|interest profiles|Job Zones): \d of 6/ }).waitFor();
  await page.screenshot({ path: path.join(shotDir, "settings-pack-progress.png"), fullPage: true });
  await page.getByTestId("pack-status").filter({ hasText: "923 occupations from O*NET release 29.3" }).waitFor();
  await page.getByText("Offline data is ready.").waitFor();
  assert.equal(await page.getByTestId("about-version").innerText(), "0.0.0-e2e");
  // Language from Settings.
  await page.getByRole("radio", { name: "Español" }).check();
  assert.equal(await h1(page), "Configuración");
  await page.screenshot({ path: path.join(shotDir, "settings-es.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on settings in Spanish");
});

test("history and settings fit a 512×384 window without sideways scrolling", async () => {
  const page = await env.page({ viewport: { width: 512, height: 384 } });
  for (const name of ["History", "Settings"]) {
    await page.locator(".nav-link", { hasText: name }).click();
    await page.locator("main h1", { hasText: name }).waitFor();
    await page.waitForTimeout(200);
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(shotDir, `${name.toLowerCase()}-zoom200.png`), fullPage: true });
  }
});
