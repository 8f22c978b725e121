// Small journeys shared by the Chromium tests.
import assert from "node:assert/strict";

export async function mock(page, fn, ...args) {
  await page.waitForFunction(() => window.__waypointMock != null);
  return page.evaluate(([f, a]) => window.__waypointMock[f](...a), [fn, args]);
}

export async function h1(page) {
  const h = page.locator("main h1");
  await h.waitFor();
  return h.innerText();
}

/** Waits until the focused element matches `selector`. */
export async function focused(page, selector) {
  await page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout: 5000 });
}

/** Typed scores → Results, the quickest way to an outcome. */
export async function typedToResults(page, scores = [27, 13, 23, 25, 14, 14], form = "ip60") {
  await page.locator('[data-way="typed"]').click();
  await page.getByRole("heading", { level: 1, name: /paper profiler|perfil en papel/i }).waitFor();
  if (form === "ip30") await page.locator('input[name="typed-form"][value="ip30"]').check();
  const areas = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
  for (let i = 0; i < 6; i++) await page.locator(`#score-${areas[i]}`).fill(String(scores[i]));
  await page.locator('#typed-form button[type="submit"]').click();
  await page.getByTestId("code").waitFor();
}

/** Results → Job Zones → pick `zone` → Careers. */
export async function toCareers(page, zone = 3) {
  await page.getByRole("button", { name: /how much preparation|cuánta preparación/i }).click();
  await page.locator(`[data-zone="${zone}"]`).click();
  await page.getByRole("button", { name: /^show careers$|^ver carreras$/i }).click();
  await page.getByTestId("range").waitFor();
}

export async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
}
