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
  // Newer minus older, whichever was ticked first: Mar 2025 (S25, R27) minus Jan 2025 (S29, R22).
  const signs = async () => [
    await page.locator('[data-area="social"] .diff').innerText(),
    await page.locator('[data-area="realistic"] .diff').innerText(),
  ];
  assert.deepEqual(await signs(), ["−4", "+5"]);
  assert.match(await page.getByTestId("change-head").innerText(), /^Change since Jan 9, 2025$/);
  // Times as well as dates, older on the left, each side's top areas marked.
  assert.match(await page.locator('[data-side="older"] h2').innerText(), /Jan 9, 2025.*\d:\d\d/);
  assert.ok((await page.locator('[data-side="newer"] .top-tag').count()) >= 3, "the newer side's code areas are marked");
  // "Maria" and "Maria (paper)": the names differ, so a warning.
  assert.match(await page.getByTestId("labels-differ").innerText(), /may be two different people/);
  // Both profiles on one hexagon, with the figures as a table.
  assert.equal(await page.locator('[data-testid="hexagon"] polygon[data-profile]').count(), 2);
  assert.equal(await page.locator('[data-testid="hexagon-table"] thead th').count(), 3);
  assert.match(await page.locator('[data-testid="hexagon-table"] tr[data-area="social"]').textContent(), /25 of 40/);
  await page.screenshot({ path: path.join(shotDir, "compare.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on compare");
  // Ticked the other way round: the same change.
  await page.getByRole("button", { name: /Back to History/ }).click();
  await page.locator(".session").first().waitFor();
  for (const i of [1, 2]) {
    const box = page.locator(".session").nth(i).getByRole("checkbox");
    if (await box.isChecked()) await box.uncheck();
  }
  await page.locator(".session").nth(2).getByRole("checkbox").check();
  await page.locator(".session").nth(1).getByRole("checkbox").check();
  await page.getByTestId("compare").click();
  await page.getByTestId("compare-table").waitFor();
  assert.deepEqual(await signs(), ["−4", "+5"]);
  const [call] = (await mock(page, "calls", "compare_sessions")).slice(-1);
  assert.equal(call.args.a, "s-2025-01", "this time the older one was ticked first");
});

test("history: delete with confirm, export, import, and forget everything", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "History" }).click();
  await page.locator(".session").first().waitFor();
  await page.locator(".session").first().getByRole("button", { name: /^Delete/ }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this result?" });
  await dialog.waitFor();
  // The dialog names the result it deletes.
  assert.match(await dialog.innerText(), /“Maria” from Mar 14, 2025/);
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
  // Where the data came from, in words (not the store's "onet-service").
  assert.match(await page.getByTestId("pack-status").innerText(), /\(downloaded from O\*NET Web Services\)/);
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

test("history: search by name, newest first, with a count; no match says so", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "History" }).click();
  await page.locator(".session").first().waitFor();
  // Newest first: March before January.
  assert.deepEqual(await page.locator(".session").evaluateAll((els) => els.map((e) => e.dataset.session)), ["s-2025-03", "s-2025-01"]);
  assert.equal(await page.getByTestId("history-count").innerText(), "Showing 2 of 2, newest first.");
  await page.getByLabel("Search by name").fill("paper");
  await page.getByTestId("history-count").filter({ hasText: "Showing 1 of 1" }).waitFor();
  assert.deepEqual(await page.locator(".session").evaluateAll((els) => els.map((e) => e.dataset.session)), ["s-2025-01"]);
  const [call] = (await mock(page, "calls", "list_sessions_page")).slice(-1);
  assert.equal(call.args.query.label, "paper");
  await page.getByLabel("Search by name").fill("nobody");
  await page.getByTestId("history-empty").waitFor();
  assert.match(await page.getByTestId("history-empty").innerText(), /No saved results have a name matching “nobody”/);
  await page.screenshot({ path: path.join(shotDir, "history-search.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on a history search");
  await page.getByLabel("Search by name").fill("");
  await page.getByTestId("history-count").filter({ hasText: "Showing 2 of 2" }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a saved result's careers open in the app and Back returns to it; Keep exploring continues from it", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "History" }).click();
  await page.locator('.session[data-session="s-2025-03"]').getByRole("button", { name: /^Open/ }).click();
  await page.locator(".career").first().waitFor();
  const title = await page.locator(".career-title").first().innerText();
  // Offline with no saved copy: the report screen says so (in the app, not a browser).
  await mock(page, "setOnline", false);
  await page.locator(".career-title").first().click();
  await page.locator('[role="alert"][data-code="report.unavailable_offline"]').waitFor();
  assert.equal(await h1(page), title);
  assert.equal((await mock(page, "calls", "open_external")).length, 0);
  await page.getByRole("button", { name: "← Back to the saved result" }).click();
  await page.locator(".career").first().waitFor();
  assert.match(await h1(page), /^Result from Mar 14, 2025/);
  await mock(page, "setOnline", true);
  await page.getByTestId("keep-exploring").click();
  await page.getByTestId("range").waitFor();
  assert.equal(await h1(page), "Careers to explore");
  const seeded = (await mock(page, "calls", "careers")).map((c) => c.args.sessionId);
  assert.ok(seeded.length > 0 && seeded.every((id) => id === "s-2025-03"), seeded.join());
  assert.match(await page.getByTestId("reminder").innerText(), /Your code RSA · Zone 3: Medium preparation/);
  assert.equal(await page.getByRole("tab", { selected: true }).getAttribute("data-tab"), "3");
  assert.deepEqual(page.errors, []);
});
