// The career page (summary band, sentences, pay bar, related careers in the app, offline and
// Spanish buttons) and the careers list (legend, tab names and counts, whole-tab filters,
// the offline estimate's matches, Back restoring the place). Expected figures are read from the
// recorded fixtures, never typed here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";
import { start, axe, shotDir, uiDir } from "./harness.mjs";
import { mock, h1, focused, typedToResults, toCareers } from "./flows.mjs";

const fixtures = (name) => JSON.parse(readFileSync(path.join(uiDir, "src/mocks/fixtures", name), "utf8"));
const CAREERS = fixtures("careers.json");
const REPORTS = fixtures("reports.json");
const TYPED = "27,13,23,25,14,14";
/** Every row of a recorded tab, page after page. */
function wholeTab(tab, source = "api") {
  const rows = [];
  for (let p = 1; CAREERS[`${TYPED} ${tab} ${p} en ${source}`]; p++) rows.push(...CAREERS[`${TYPED} ${tab} ${p} en ${source}`].rows);
  return rows;
}

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("career page: a summary band, sentences, a pay bar, the code at the bottom; related careers open in the app and Back returns", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 4);
  const first = CAREERS[`${TYPED} 4 1 en api`].rows[0];
  const report = REPORTS[`${first.code} en`];
  const section = (id) => report.sections.find((s) => s.id === id).content;
  await page.locator(`.career[data-code="${first.code}"] .career-title`).click();
  await page.getByTestId("summary").waitFor();
  assert.equal(await h1(page), first.title);
  // Your fit as the list showed it, with its source.
  const fit = await page.getByTestId("your-fit").innerText();
  assert.match(fit, new RegExp(`${first.fit} fit`));
  assert.match(fit, /from O\*NET/);
  // Job Zone with its name, typical education and median pay, from the report's own sections.
  const zone = section("education").job_zone.code;
  assert.match(await page.getByTestId("summary-zone").innerText(), new RegExp(`Zone ${zone} · \\w+`));
  assert.match(await page.getByTestId("summary-education").innerText(), new RegExp(section("education").education_usually_needed[0]));
  const median = section("job_outlook").salary.annual_median.toLocaleString("en-US");
  assert.match(await page.getByTestId("summary-pay").innerText(), new RegExp(`\\$${median} a year`));
  assert.match(await page.getByTestId("what-they-do").innerText(), /\.$/);
  // Sentences, not key/value pairs.
  const tech = section("technology")[0].example[0];
  assert.match(await page.getByTestId("software").innerText(), new RegExp(`${tech.title}${tech.in_demand ? " \\(in demand\\)" : ""}`));
  assert.match(await page.getByTestId("most-have").innerText(), /^Most people in this job have: /);
  assert.doesNotMatch(await page.locator("main").innerText(), /Hot technology|Percentage|Category:/);
  // The pay bar carries the three figures for screen readers.
  const label = await page.getByTestId("pay-bar").locator('[role="img"]').getAttribute("aria-label");
  for (const k of ["annual_10th_percentile", "annual_median", "annual_90th_percentile"]) {
    assert.ok(label.includes(section("job_outlook").salary[k].toLocaleString("en-US")), `${k} in "${label}"`);
  }
  // The O*NET-SOC code is small, after every section.
  const socBelow = await page.evaluate(() => {
    const soc = document.querySelector('[data-testid="soc"]');
    const last = [...document.querySelectorAll("[data-section]")].pop();
    return !!soc && !!last && (last.compareDocumentPosition(soc) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  assert.ok(socBelow, "the SOC code comes after the sections");
  assert.equal(await page.locator("h1 + .muted").count(), 0, "no bare code under the title");
  await page.screenshot({ path: path.join(shotDir, "career-page.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the career page");

  // A related career opens here, not in a browser.
  const related = section("explore_more").careers[0];
  await page.getByTestId("related").getByRole("button", { name: related.title }).click();
  await page.getByRole("heading", { level: 1, name: related.title }).waitFor();
  await page.getByTestId("summary").waitFor();
  assert.equal((await mock(page, "calls", "open_external")).length, 0);
  assert.ok((await mock(page, "calls", "career_report")).some((c) => c.args.code === related.code));
  assert.match(await page.getByTestId("your-fit").innerText(), /Not shown for careers opened from another career page/);
  // Back returns to the career it came from, then to the list.
  await page.getByRole("button", { name: `← Back to ${first.title}` }).click();
  await page.getByRole("heading", { level: 1, name: first.title }).waitFor();
  await page.getByTestId("summary").waitFor();
  await page.getByRole("button", { name: "← Back to careers" }).click();
  await page.getByTestId("range").waitFor();
  assert.deepEqual(page.errors, []);
});

test("career page offline: the main button waits for a connection; in Spanish it goes to Mi Próximo Paso", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 4);
  await page.locator(".career-title").first().click();
  await page.getByTestId("summary").waitFor();
  await mock(page, "setOnline", false);
  const button = page.getByTestId("mnm");
  await page.getByRole("button", { name: "Open on My Next Move when online" }).waitFor();
  assert.equal(await button.isDisabled(), true);
  await mock(page, "setOnline", true);
  await page.getByRole("button", { name: "Español" }).click();
  await page.locator('[data-section="overview"] h2', { hasText: "Resumen" }).waitFor();
  await page.getByRole("button", { name: /Ver en Mi Próximo Paso/ }).click();
  const [open] = await mock(page, "calls", "open_external");
  assert.match(open.args.url, /^https:\/\/www\.miproximopaso\.org\/profile\/summary\/\d\d-\d{4}\.\d\d$/);
  await page.screenshot({ path: path.join(shotDir, "career-page-es.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the Spanish career page");
});

test("careers list: a fit legend, a reminder with code and zone, tab names with zone names and counts from each first page", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 3);
  assert.match(await page.getByTestId("fit-legend").innerText(), /Best fit.*Great fit.*Good fit/s);
  assert.match(await page.getByTestId("fit-legend").innerText(), /Bright Outlook: expected to grow/);
  assert.match(await page.getByTestId("reminder").innerText(), /Your code RSA · Zone 3: Medium preparation/);
  // Every tab names its zone and, once the first pages came back, its count.
  for (const t of ["1", "2", "3", "4", "5", "all"]) {
    const total = CAREERS[`${TYPED} ${t} 1 en api`].total;
    await page.locator(`[data-tab="${t}"]`, { hasText: `(${total})` }).waitFor();
  }
  assert.equal(await page.locator('[data-tab="3"]').innerText(), `Zone 3 · Medium preparation (${CAREERS[`${TYPED} 3 1 en api`].total})`);
  await page.screenshot({ path: path.join(shotDir, "careers-legend.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on careers with the legend");
  await page.getByTestId("change-zone").click();
  await page.locator('[data-zone="3"]').waitFor();
});

test("filters cover the whole tab: the rest is fetched once, the filtered list pages on its own", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 2);
  const all = wholeTab("2");
  const good = all.filter((r) => r.fit === "Good");
  const firstPage = CAREERS[`${TYPED} 2 1 en api`].rows.map((r) => r.code);
  assert.ok(good.some((r) => !firstPage.includes(r.code)), "Good rows on later pages too");
  const before = (await mock(page, "calls", "careers")).length;
  await page.getByLabel("Good fit").check();
  await page.getByTestId("range").filter({ hasText: `of ${good.length} careers that match the filters` }).waitFor();
  const shown = await page.locator(".career").evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.deepEqual(shown, good.slice(0, 20).map((r) => r.code));
  const fetched = (await mock(page, "calls", "careers")).slice(before).filter((c) => c.args.tab === "2").map((c) => c.args.page);
  assert.deepEqual(fetched.sort(), [2, 3]);
  if (good.length > 20) {
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByTestId("range").filter({ hasText: `21–${Math.min(40, good.length)} of ${good.length}` }).waitFor();
  }
  // A second filter uses the cached tab: no more requests.
  const n = (await mock(page, "calls", "careers")).length;
  await page.getByLabel("Great fit").check();
  const goodOrGreat = all.filter((r) => r.fit === "Good" || r.fit === "Great").length;
  await page.getByTestId("range").filter({ hasText: `1–20 of ${goodOrGreat} careers` }).waitFor();
  assert.equal((await mock(page, "calls", "careers")).length, n);
  await page.screenshot({ path: path.join(shotDir, "careers-filtered.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on a filtered list");
});

test("Back from a career restores the page, the scroll position and focus on that career", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 2);
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByTestId("range").filter({ hasText: "21–40 of 42" }).waitFor();
  const row = page.locator(".career").nth(14);
  const code = await row.getAttribute("data-code");
  await row.locator(".career-title").scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 50));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 200, `scrolled down (${y})`);
  // Only the way back matters here: the report fails once instead of needing a recording.
  await mock(page, "fail", "career_report", { code: "onet.rate_limited", message: "429" }, 1);
  await row.locator(".career-title").click();
  await page.getByTestId("report-back").waitFor();
  await page.getByTestId("report-back").click();
  await page.getByTestId("range").filter({ hasText: "21–40 of 42" }).waitFor();
  await focused(page, `.career[data-code="${code}"] .career-title`);
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - y) <= 2, `scroll restored: ${after} vs ${y}`);
});

test("offline estimate: only careers with a fit band are matches; the rest sit under their own heading", async () => {
  const page = await env.page();
  await typedToResults(page);
  await page.getByRole("button", { name: "Show all careers" }).click();
  await page.getByTestId("range").waitFor();
  await mock(page, "setOnline", false);
  await mock(page, "set", { pack: true });
  await page.locator('[data-tab="2"]').click();
  await page.getByTestId("estimate").waitFor();
  const rows = wholeTab("2", "estimate");
  const matches = rows.filter((r) => r.fit != null).length;
  const others = rows.length - matches;
  assert.ok(matches > 0 && others > 0, "the recording has both");
  await page.getByTestId("range").filter({ hasText: `1–20 of ${matches} matches` }).waitFor();
  assert.match(await page.locator('[data-tab="2"]').innerText(), new RegExp(`\\(${matches}\\)$`));
  // O*NET's totals from before going offline are not shown beside the estimate's matches.
  assert.doesNotMatch(await page.locator('[data-tab="1"]').innerText(), /\(\d+\)$/);
  assert.match(await page.getByTestId("others").locator("h2").innerText(), new RegExp(`^Other careers in this zone \\(${others}\\)$`));
  assert.match(await page.getByTestId("fit-legend").innerText(), /Waypoint's estimate/);
  // Notices keep a space between sentences.
  assert.doesNotMatch(await page.getByTestId("estimate").innerText(), /\.\S/);
  // No listed match lacks a fit band.
  await page.getByRole("button", { name: "Next page" }).waitFor();
  const listed = await page.locator('[data-testid="careers-panel"] > .careers .career').count();
  assert.equal(listed, Math.min(20, matches));
  await page.screenshot({ path: path.join(shotDir, "careers-estimate-split.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the estimate");
});

test("results: area descriptions before the buttons, a tie explained, and a RIASEC hexagon with its table", async () => {
  const page = await env.page();
  const scores = [12, 30, 30, 18, 9, 9];
  await typedToResults(page, scores);
  await page.locator(".area-def").first().waitFor();
  assert.equal(await page.getByTestId("code").innerText(), "IAS");
  assert.equal(await page.getByTestId("tie").innerText(), "Investigative and Artistic are tied; the code lists them in RIASEC order (R, I, A, S, E, C).");
  const before = await page.evaluate(() => {
    const def = document.querySelector(".area-def");
    const btn = document.querySelector('[data-testid="to-zones"]');
    return (def.compareDocumentPosition(btn) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  assert.ok(before, "the descriptions come before the buttons");
  // One profile on the hexagon; the table carries the same six figures.
  assert.equal(await page.locator('[data-testid="hexagon"] polygon[data-profile]').count(), 1);
  assert.equal(await page.locator('[data-testid="hexagon"] svg').first().getAttribute("aria-hidden"), "true");
  const areas = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
  for (let i = 0; i < 6; i++) {
    const cell = await page.locator(`[data-testid="hexagon-table"] tr[data-area="${areas[i]}"] td`).textContent();
    assert.equal(cell, `${scores[i]} of 40`);
  }
  // No tie, no line.
  const other = await env.page();
  await typedToResults(other);
  assert.equal(await other.getByTestId("tie").count(), 0);
  await page.screenshot({ path: path.join(shotDir, "results-hexagon.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on results with the hexagon");
});

test("Job Zones at 1366×768: the five choices and Show careers without scrolling; choosing nothing asks", async () => {
  const page = await env.page({ viewport: { width: 1366, height: 768 } });
  await typedToResults(page);
  await page.getByRole("button", { name: "Next: how much preparation?" }).click();
  await page.locator('[data-zone="5"]').waitFor();
  const show = await page.getByTestId("show-careers").boundingBox();
  assert.ok(show.y + show.height <= 768, `Show careers ends at ${show.y + show.height}px`);
  for (let z = 1; z <= 5; z++) {
    const box = await page.locator(`[data-zone="${z}"]`).boundingBox();
    assert.ok(box.y + box.height <= 768, `zone ${z} ends at ${box.y + box.height}px`);
  }
  await page.screenshot({ path: path.join(shotDir, "job-zones-1366.png") });
  await page.getByTestId("show-careers").click();
  await page.getByTestId("choose-first").waitFor();
  assert.equal(await h1(page), "How much preparation are you ready for?");
  assert.equal((await mock(page, "calls", "careers")).length, 0);
  await focused(page, 'input[name="zone"]');
  assert.deepEqual(await axe(page), [], "axe on job zones asking for a choice");
  await page.locator('[data-zone="3"]').click();
  assert.equal(await page.getByTestId("choose-first").count(), 0);
  await page.getByTestId("show-careers").click();
  await page.getByTestId("range").waitFor();
});

test("a failure while fetching the rest of the tab shows once, with a Try again that finishes the filter", async () => {
  const page = await env.page();
  await typedToResults(page);
  await toCareers(page, 2);
  await page.locator('[data-tab="5"]', { hasText: "(" }).waitFor(); // background counts done
  await mock(page, "fail", "careers", { code: "onet.rate_limited", message: "429" }, 1);
  const before = (await mock(page, "calls", "careers")).length;
  await page.getByLabel("Good fit").click(); // the list, filters included, gives way to the message
  const alert = page.locator('[role="alert"][data-code="onet.rate_limited"]');
  await alert.waitFor();
  await page.waitForTimeout(500);
  assert.equal((await mock(page, "calls", "careers")).length - before, 1, "no retry loop behind the message");
  await alert.getByRole("button", { name: "Try again" }).click();
  await page.getByTestId("range").filter({ hasText: "careers that match the filters" }).waitFor();
});
