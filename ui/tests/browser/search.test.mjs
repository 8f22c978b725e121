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

const searches = (page) => page.evaluate(() => window.__waypointMock.calls("search_careers").map((c) => c.args.keyword));

test("search from the header: typing is debounced, results open the report and come back", async () => {
  const page = await env.page();
  const box = page.getByTestId("search-input");
  await box.waitFor();
  assert.equal(await box.getAttribute("type"), "search");
  await box.pressSequentially("analysts", { delay: 20 });
  // The box keeps the focus while the results open below it.
  await focused(page, "#career-search");
  await page.getByTestId("found-list").waitFor();
  assert.equal(await h1(page), "Careers matching “analysts”");
  assert.equal(await page.getByTestId("search-status").innerText(), "30 careers found");
  assert.deepEqual(await searches(page), ["analysts"], "one request for the whole word");
  const first = page.locator('[data-testid="found-list"] .career').first();
  assert.equal(await first.getAttribute("data-code"), "11-1011.00");
  assert.match(await first.getByTestId("zone").innerText(), /Job Zone \d|Job Zone not known/);
  await page.screenshot({ path: path.join(shotDir, "search-results.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on search results");

  // More results append; then open a career and come back to the same results.
  await page.getByTestId("search-more").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="found-list"] .career').length === 30);
  await first.getByRole("button").click();
  assert.equal(await h1(page), "Aquatic Analysts");
  await page.getByTestId("report-back").click();
  assert.equal(await h1(page), "Careers matching “analysts”");
  await page.getByTestId("found-list").waitFor();

  // Offline with the pack: labelled as offline, typos still find careers.
  await mock(page, "set", { pack: true });
  await mock(page, "setOnline", false);
  await box.fill("analysst");
  await page.getByTestId("search-offline").waitFor();
  assert.equal(await page.getByTestId("search-offline").getAttribute("data-code"), "network.offline");
  assert.equal(await page.getByTestId("search-status").innerText(), "30 careers found");
  await page.screenshot({ path: path.join(shotDir, "search-offline.png"), fullPage: true });
});

test("search in Spanish", async () => {
  const page = await env.page();
  await page.getByRole("button", { name: "Español" }).click();
  await page.getByTestId("search-input").fill("analysts");
  await page.getByTestId("found-list").waitFor();
  assert.equal(await h1(page), "Carreras que coinciden con “analysts”");
  assert.match(await page.locator('[data-testid="found-list"] .career-title').first().innerText(), /^\[es\] /);
  assert.deepEqual(await axe(page), [], "axe on Spanish search results");
});

test("browse by interest area: six cards, careers by Job Zone, keyboard only", async () => {
  const page = await env.page();
  await page.getByTestId("search-input").fill("analysts");
  await page.getByTestId("open-browse").click();
  assert.equal(await h1(page), "Browse by interest area");
  assert.equal(await page.locator('[data-testid="area-cards"] > li').count(), 6);
  await page.screenshot({ path: path.join(shotDir, "browse-areas.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the interest area cards");
  await page.getByTestId("browse-artistic").focus();
  await page.keyboard.press("Enter");
  assert.equal(await h1(page), "Artistic careers");
  await page.getByTestId("browse-panel").locator(".career").first().waitFor();
  // Job Zone tabs by arrow keys, as the careers tabs.
  await page.locator('[data-tab="all"]').focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => window.__waypointMock.calls("browse_careers").some((c) => c.args.tab === "1"));
  await page.getByTestId("browse-panel").locator(".career").first().waitFor();
  const zones = await page.getByTestId("browse-panel").getByTestId("zone").allInnerTexts();
  assert.ok(zones.length > 0);
  await page.screenshot({ path: path.join(shotDir, "browse-artistic.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on an area's careers");
  await page.getByTestId("browse-back").click();
  assert.equal(await h1(page), "Browse by interest area");
});

test("kiosk: no search box on the attract screen, one in the session", async () => {
  const page = await env.page();
  await mock(page, "set", { kiosk: true, pin: "2468" });
  await page.getByTestId("attract").waitFor();
  assert.equal(await page.getByTestId("search-input").count(), 0);
  await page.getByTestId("kiosk-start").click();
  await page.getByTestId("search-input").waitFor();
  await page.getByTestId("search-input").fill("analysts");
  await page.getByTestId("found-list").waitFor();
});
