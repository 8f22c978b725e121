import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir } from "./harness.mjs";
import { mock, h1, focused, typedToResults, toCareers, noHorizontalScroll } from "./flows.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("typed scores: a bad value gets a specific inline error, then a good one gives results", async () => {
  const page = await env.page();
  await page.locator('[data-way="typed"]').click();
  assert.equal(await h1(page), "Enter scores from a paper profiler");
  const areas = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
  const values = ["27", "13", "45", "25", "14", "14"];
  for (let i = 0; i < 6; i++) await page.locator(`#score-${areas[i]}`).fill(values[i]);
  await page.getByRole("button", { name: "See my results" }).click();
  await page.getByTestId("typed-summary").waitFor();
  assert.equal(await page.locator("#score-artistic").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#score-artistic-error").innerText(), "Artistic cannot be above 40 for this profiler.");
  await focused(page, "#score-artistic");
  await page.screenshot({ path: path.join(shotDir, "typed-error.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on typed scores with errors");
  // The Mini-IP form changes the range: 23 is too high there too.
  await page.locator('input[name="typed-form"][value="ip30"]').check();
  await page.locator("#score-artistic").fill("12.5");
  assert.equal(await page.locator("#score-artistic-error").innerText(), "Artistic: use a whole number, like 12.");
  await page.locator('input[name="typed-form"][value="ip60"]').check();
  await page.locator("#score-artistic").fill("23");
  assert.equal(await page.locator("#score-artistic-error").count(), 0);
  await page.getByRole("button", { name: "See my results" }).click();
  await page.getByTestId("code").waitFor();
  assert.equal(await page.getByTestId("code").innerText(), "RSA");
  const call = (await mock(page, "calls", "submit_scores"))[0];
  assert.deepEqual(call.args.scores, { realistic: 27, investigative: 13, artistic: 23, social: 25, enterprising: 14, conventional: 14 });
  await page.locator(".area-def").first().waitFor();
  await page.screenshot({ path: path.join(shotDir, "results.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on results");
});

test("flat profiles and an O*NET mismatch are explained on the results", async () => {
  const page = await env.page();
  await mock(page, "set", { apiCheck: "mismatch" });
  // Flat as Rust has it: all six equal.
  await typedToResults(page, [20, 20, 20, 20, 20, 20]);
  await page.getByTestId("flat").waitFor();
  await page.getByTestId("mismatch").waitFor();
});

test("a nearly flat profile still has a code, and a tie is ordered as Rust orders it", async () => {
  const page = await env.page();
  await typedToResults(page, [20, 20, 21, 20, 19, 20]);
  assert.equal(await page.getByTestId("code").innerText(), "ARI");
  assert.equal(await page.getByTestId("flat").count(), 0);
  const tie = await env.page();
  await typedToResults(tie, [12, 30, 30, 18, 9, 9]);
  assert.equal(await tie.getByTestId("code").innerText(), "IAS");
});

test("the mock answers only inputs the real code was recorded for, and names the missing fixture", async () => {
  const page = await env.page();
  await page.locator('[data-way="typed"]').click();
  const areas = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
  for (let i = 0; i < 6; i++) await page.locator(`#score-${areas[i]}`).fill(String(i + 1));
  await page.locator('#typed-form button[type="submit"]').click();
  const alert = page.locator('[role="alert"][data-code="mock.missing_fixture"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /"typed-ip60 en 1,2,3,4,5,6" in ui\/src\/mocks\/fixtures\/outcomes\.json/);
  assert.equal(await page.getByTestId("code").count(), 0);
});

test("job zones, every careers tab with counts and paging, filters, and a report", async () => {
  const page = await env.page();
  await typedToResults(page);
  await page.getByRole("button", { name: "Next: how much preparation?" }).click();
  await page.locator('[data-zone="3"]').waitFor();
  assert.equal(await page.locator(".zone-card").count(), 5);
  await page.screenshot({ path: path.join(shotDir, "job-zones.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on job zones");
  // Waypoint's own zone texts as Rust sends them, O*NET's title as is.
  assert.match(await page.locator('[data-zone-more="1"]').textContent(), /Job Zone One: Little or No Preparation Needed/);
  assert.match(await page.locator('[data-zone-more="1"]').textContent(), /Following instructions and helping others\./);
  // Each zone named once, with its short name.
  assert.equal((await page.locator('[data-zone="1"] .zone-title').innerText()).trim(), "Zone 1 · Little or no preparation");
  await page.locator('[data-zone="2"]').click();
  // History remembers the pick: choose_zone with this result's id.
  await page.waitForFunction(() => window.__waypointMock.calls("choose_zone").length === 1);
  const [{ args: chosen }] = await mock(page, "calls", "choose_zone");
  const [submitted] = await mock(page, "calls", "submit_scores");
  assert.equal(chosen.zone, 2);
  assert.match(chosen.sessionId, /^s-new-/);
  assert.ok(submitted, "a result was submitted first");
  await page.getByRole("button", { name: "Show careers", exact: true }).click();
  await page.getByTestId("range").waitFor();
  assert.equal(await page.getByRole("tab", { selected: true }).innerText(), "Zone 2 · Some preparation (42)");
  assert.equal(await page.getByTestId("range").innerText(), "1–20 of 42");
  assert.equal(await page.locator(".career").count(), 20);
  // Every fit badge carries words and a shape, not only colour.
  const badge = (await page.locator(".fit").first().textContent()).replace(/\s+/g, " ").trim();
  assert.match(badge, /^[★◆●] (Best|Great|Good) fit$/);
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByTestId("range").filter({ hasText: "21–40 of 42" }).waitFor();
  // Focus is not lost while the page loads: it lands on the new range.
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "range");
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByTestId("range").filter({ hasText: "41–42 of 42" }).waitFor();
  assert.equal(await page.locator(".career").count(), 2);
  assert.equal(await page.getByRole("button", { name: "Next page" }).isDisabled(), true);
  // Arrow keys move across the tabs (ARIA tabs pattern); counts appear once known.
  await page.getByRole("tab", { selected: true }).focus();
  const expected = { 3: 30, 4: 39, 5: 33, all: 189 };
  for (const [tab, total] of Object.entries(expected)) {
    await page.keyboard.press("ArrowRight");
    await page.getByTestId("range").filter({ hasText: new RegExp(`^1–20 of ${total}$`) }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-tab")), tab);
  }
  await page.keyboard.press("ArrowRight"); // wraps to zone 1
  await page.getByTestId("range").filter({ hasText: "1–20 of 45" }).waitFor();
  for (const [tab, n] of Object.entries({ 1: 45, 2: 42, 3: 30, 4: 39, 5: 33 })) {
    assert.match(await page.locator(`[data-tab="${tab}"]`).innerText(), new RegExp(`\\(${n}\\)$`));
  }
  // Filters work on the whole tab (zone 2: three pages recorded).
  await page.locator('[data-tab="2"]').click();
  await page.getByTestId("range").filter({ hasText: "of 42" }).waitFor();
  await page.getByLabel("Best fit").check();
  await page.getByTestId("range").filter({ hasText: "match the filters" }).waitFor();
  const fits = await page.locator(".fit").allInnerTexts();
  assert.ok(fits.length > 0 && fits.every((f) => f.includes("Best")), fits.join());
  await page.getByLabel("Bright Outlook only").check();
  assert.ok((await page.locator(".career").count()) === (await page.locator(".career .bright").count()));
  await page.getByLabel("Best fit").uncheck();
  await page.getByLabel("Bright Outlook only").uncheck();
  assert.equal(await page.locator(".zone-tag").count(), 0, "a zone tab does not repeat its zone on each row");
  await page.locator('[data-tab="all"]').click();
  await page.getByTestId("range").filter({ hasText: "1–20 of 189" }).waitFor();
  // On "All", each row says its Job Zone (O*NET's list has none; the pack's is used).
  const zoneTags = await page.locator(".career .zone-tag").allInnerTexts();
  assert.equal(zoneTags.length, await page.locator(".career").count());
  assert.ok(zoneTags.every((t) => /^Zone [1-5] · \w/.test(t)), zoneTags.join());
  await page.screenshot({ path: path.join(shotDir, "careers.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on careers");
  // Open a report.
  const title = await page.locator(".career-title").first().innerText();
  await page.locator(".career-title").first().click();
  await page.locator("[data-section]").first().waitFor();
  assert.equal(await h1(page), title);
  assert.equal(await page.locator("[data-section]").count(), 10);
  assert.match(await page.locator('[data-section="job_outlook"]').innerText(), /\$87,143/);
  assert.match(await page.locator('[data-section="knowledge"]').innerText(), /Engineering and Technology/);
  assert.match(await page.locator(".attribution").first().innerText(), /O\*NET/);
  await page.getByTestId("mnm").click();
  const open = await mock(page, "calls", "open_external");
  assert.match(open[0].args.url, /^https:\/\/www\.mynextmove\.org\/profile\/summary\/\d\d-\d{4}\.00$/);
  await page.screenshot({ path: path.join(shotDir, "report.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the report");
  // Spanish report.
  await page.getByRole("button", { name: "Español" }).click();
  await page.locator('[data-section="overview"] h2', { hasText: "Resumen" }).waitFor();
  await page.screenshot({ path: path.join(shotDir, "report-es.png"), fullPage: true });
  await page.getByRole("button", { name: /Volver a las carreras/ }).click();
  await page.getByTestId("range").waitFor();
  assert.deepEqual(page.errors, []);
});

test("careers: loading skeleton, a 429 message with Retry, offline, unavailable and estimate states", async () => {
  const page = await env.page();
  await typedToResults(page);
  await mock(page, "delay", "careers", 600);
  await page.getByRole("button", { name: "Show all careers" }).click();
  await page.locator('[data-testid="careers-panel"][aria-busy="true"]').waitFor();
  assert.ok((await page.locator(".skeleton").count()) > 0);
  await page.screenshot({ path: path.join(shotDir, "careers-loading.png"), fullPage: true });
  await page.getByTestId("range").waitFor();
  // The tab names' counts are fetched in the background: let them finish first.
  await page.locator('[data-tab="5"]', { hasText: "(33)" }).waitFor();
  await mock(page, "clear");
  // Rate limited once: words and a Retry that works.
  await mock(page, "fail", "careers", { code: "onet.rate_limited", message: "429 Too Many Requests" }, 1);
  await page.locator('[data-tab="1"]').click();
  const alert = page.locator('[role="alert"][data-code="onet.rate_limited"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /busy.*Wait a minute/);
  await page.screenshot({ path: path.join(shotDir, "careers-rate-limited.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the error state");
  await alert.getByRole("button", { name: "Try again" }).click();
  await page.getByTestId("range").filter({ hasText: "1–20 of 45" }).waitFor();
  // Offline with a key and no data.
  await mock(page, "setOnline", false);
  await page.getByTestId("offline").waitFor();
  await page.locator('[data-tab="2"]').click();
  await page.locator('[role="alert"][data-code="network.offline"]').waitFor();
  // Offline data gives Waypoint's estimate, labelled as such.
  await mock(page, "set", { pack: true });
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByTestId("estimate").waitFor();
  assert.match(await page.getByTestId("estimate").innerText(), /Waypoint's offline estimate/);
  await page.screenshot({ path: path.join(shotDir, "careers-estimate.png"), fullPage: true });
  // A report not saved while offline says so.
  await page.locator(".career-title").first().click();
  await page.locator('[role="alert"][data-code="report.unavailable_offline"]').waitFor();
  await page.getByRole("button", { name: /Back to careers/ }).click();
  // No key and no data: a clear state pointing at Settings.
  await mock(page, "set", { key: false, pack: false });
  await page.locator('[data-tab="3"]').click();
  await page.getByTestId("unavailable").waitFor();
  assert.match(await page.getByTestId("unavailable").innerText(), /O\*NET Web Services key/);
  await page.screenshot({ path: path.join(shotDir, "careers-unavailable.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the unavailable state");
  await page.getByTestId("unavailable").getByRole("button", { name: "Open Settings" }).click();
  assert.equal(await h1(page), "Settings");
});

test("kiosk mode shows the My Next Move address as text instead of a button", async () => {
  const page = await env.page();
  await page.goto(env.url + "?kiosk=1");
  await page.getByTestId("kiosk-start").click();
  await typedToResults(page);
  await page.getByRole("button", { name: "Show all careers" }).click();
  await page.locator(".career-title").first().click();
  await page.getByTestId("mnm-url").waitFor();
  assert.equal(await page.getByTestId("mnm").count(), 0);
});

test("results, careers and a report fit a 512×384 window (200 % zoom) without sideways scrolling", async () => {
  const page = await env.page({ viewport: { width: 512, height: 384 } });
  await typedToResults(page);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(shotDir, "results-zoom200.png"), fullPage: true });
  await toCareers(page, 4);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(shotDir, "careers-zoom200.png"), fullPage: true });
  for (const sel of [".tab", ".career-title", ".nav-link"]) {
    const box = await page.locator(sel).first().boundingBox();
    assert.ok(box.height >= 44, `${sel} is ${box.height}px tall`);
  }
  assert.deepEqual(await axe(page), [], "axe on careers at 200 %");
  await page.locator(".career-title").first().click();
  await page.locator("[data-section]").first().waitFor();
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(shotDir, "career-page-zoom200.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the career page at 200 %");
});

test("in Spanish, the six areas and the Job Zone texts are Waypoint's translations; O*NET's zone titles stay in English", async () => {
  const page = await env.page();
  await page.getByRole("button", { name: "Español" }).click();
  await typedToResults(page);
  await page.locator(".area-def").first().waitFor();
  const areas = await page.locator(".area-def dt").allInnerTexts();
  assert.ok(areas.some((t) => t.startsWith("Realista")), areas.join());
  assert.match(await page.locator(".areas").innerText(), /Trabajo práctico y manual con herramientas/);
  assert.doesNotMatch(await page.locator(".areas").innerText(), /Hands-on, practical work/);
  assert.equal((await mock(page, "calls", "areas"))[0].args.lang, undefined, "areas() takes no language");
  await page.getByRole("button", { name: /cuánta preparación/ }).click();
  await page.locator('[data-zone="1"]').waitFor();
  const zone1 = page.locator('[data-zone-more="1"]');
  assert.match(await zone1.textContent(), /Seguir instrucciones y ayudar a otras personas\./);
  assert.doesNotMatch(await zone1.textContent(), /Following instructions/);
  assert.match(await zone1.textContent(), /Zona de Empleo 1: se necesita poca o ninguna preparación/);
  assert.match(await zone1.getByTestId("title-note").textContent(), /traducción de Waypoint/);
  assert.doesNotMatch(await zone1.textContent(), /Job Zone One/);
  assert.deepEqual(await axe(page), [], "axe on job zones in Spanish");
  // Switching back asks Rust again in English (in Spanish it may send O*NET's own text once
  // prepared for offline use) and shows the English text.
  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.querySelector('[data-zone-more="1"]')?.textContent.includes("Following instructions and helping others."));
  assert.deepEqual((await mock(page, "calls", "job_zones")).map((c) => c.args.lang), ["es", "en"]);
});
