// "Save as PDF" and "Print" on Results and on a saved result from History, outside and in kiosk mode.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir, tabTo } from "./harness.mjs";
import { mock, h1, typedToResults } from "./flows.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const status = (page) => page.getByTestId("report-status");

test("Results: Save as PDF shows the path, Print confirms, a missing printer says what to do; axe clean", async () => {
  const page = await env.page();
  await typedToResults(page);
  const save = page.getByRole("button", { name: "Save as PDF" });
  const print = page.getByRole("button", { name: "Print" });
  for (const b of [save, print]) {
    const box = await b.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, "44 px targets");
  }
  assert.equal(await status(page).getAttribute("role"), "status");
  assert.equal(await status(page).getAttribute("aria-live"), "polite");

  // Keyboard: Tab to Save, Enter.
  await tabTo(page, '[data-testid="save-pdf"]', 60);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent === "Saved to /tmp/waypoint-results.pdf");
  const call = await page.evaluate(() => window.__waypointMock.calls("save_report_pdf").at(-1).args);
  assert.equal(call.lang, "en");
  assert.ok(call.sessionId, "the session id is sent");

  await print.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent === "Sent to the printer");

  await mock(page, "fail", "print_report", { code: "print.unavailable", message: "no printer" }, 1);
  await print.click();
  await page.waitForFunction(() => /No printer was found/.test(document.querySelector('[data-testid="report-status"]')?.textContent ?? ""));
  assert.match(await status(page).innerText(), /save the result as a PDF instead/);

  // A cancelled save dialog is quiet.
  await mock(page, "fail", "save_report_pdf", { code: "export.cancelled", message: "Cancelled." }, 1);
  await save.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent === "");

  await page.screenshot({ path: path.join(shotDir, "results-report-actions.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on Results with the buttons");
  assert.deepEqual(page.errors, []);
});

test("a saved result from History has both buttons; a write failure says what to do", async () => {
  const page = await env.page();
  await page.locator(".nav-link", { hasText: "History" }).click();
  await page.locator(".session").first().getByRole("button", { name: /^Open/ }).click();
  assert.match(await h1(page), /^Result from /);
  await page.getByRole("button", { name: "Save as PDF" }).click();
  await page.waitForFunction(() => /^Saved to /.test(document.querySelector('[data-testid="report-status"]')?.textContent ?? ""));
  const id = await page.evaluate(() => window.__waypointMock.calls("save_report_pdf").at(-1).args.sessionId);
  assert.ok(id);
  await mock(page, "fail", "print_report", { code: "report.io", message: "disk full" }, 1);
  await page.getByRole("button", { name: "Print", exact: true }).click();
  await page.waitForFunction(() => /could not be written/.test(document.querySelector('[data-testid="report-status"]')?.textContent ?? ""));
  assert.deepEqual(await axe(page), [], "axe on a saved result");

  assert.deepEqual(page.errors, []);
});

test("kiosk: only Print, with the file-not-kept confirmation; no Print when printing is off", async () => {
  const page = await env.page();
  await mock(page, "set", { kiosk: true, pin: "2468" });
  await page.getByTestId("attract").waitFor();
  await page.getByTestId("kiosk-start").click();
  await typedToResults(page);
  assert.equal(await page.getByTestId("save-pdf").count(), 0, "no Save in kiosk mode");
  await page.getByRole("button", { name: "Print" }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="report-status"]')?.textContent === "Sent to the printer. The file was not kept on this computer.",
  );
  assert.deepEqual(await axe(page), [], "axe on kiosk Results");

  // Printing off: the admin setting hides the button (the status is re-read on the next session).
  await mock(page, "set", { printing: false, kiosk: true });
  await page.getByTestId("attract").waitFor();
  await page.getByTestId("kiosk-start").click();
  await typedToResults(page);
  assert.equal(await page.getByTestId("print").count(), 0, "no Print when printing is off");
  assert.equal(await page.getByTestId("save-pdf").count(), 0);
  assert.equal(await page.getByTestId("report-actions").count(), 0);
  assert.deepEqual(page.errors, []);
});
