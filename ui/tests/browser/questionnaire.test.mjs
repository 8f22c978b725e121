import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, axe, shotDir } from "./harness.mjs";
import { mock, h1, focused, noHorizontalScroll } from "./flows.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const checkedCount = (page) => page.locator('[role="radio"][aria-checked="true"]').count();

test("the full 60-item profiler by keyboard only, with progress and results", async () => {
  const page = await env.page();
  await page.locator('[data-way="ip60"]').focus();
  await page.keyboard.press("Enter");
  await h1(page);
  // Focus lands on activity 1's answers.
  await focused(page, '[data-item="1"] [role="radio"]');
  await page.screenshot({ path: path.join(shotDir, "questionnaire-en.png"), fullPage: true });
  assert.deepEqual(await axe(page), [], "axe on the questionnaire");
  const pattern = "553421321134342523523523254115342111351145453111231155343444"; // O*NET's example
  for (let i = 1; i <= 60; i++) {
    await focused(page, `[data-item="${i}"] [role="radio"]`);
    await page.keyboard.press(pattern[i - 1]);
    if (i % 12 === 0 && i < 60) {
      // The last activity on a page hands focus to Next; Enter turns the page.
      await focused(page, '[data-testid="q-next"]');
      await page.keyboard.press("Enter");
    }
    if (i === 24) {
      assert.equal(await page.locator("#q-progress-text").innerText(), "24 of 60 answered");
      assert.equal(await page.getByRole("progressbar").getAttribute("aria-valuenow"), "24");
    }
  }
  // Arrow keys change an answer without leaving the group.
  await page.locator('[data-item="60"] [role="radio"][aria-checked="true"]').focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.locator('[data-item="60"] [aria-checked="true"]').getAttribute("data-value"), "3");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator('[data-item="60"] [aria-checked="true"]').getAttribute("data-value"), "4");
  assert.equal(await page.locator("#q-progress-text").innerText(), "60 of 60 answered");
  const recorded = await mock(page, "calls", "record_answer");
  assert.ok(recorded.length >= 60, `record_answer was called ${recorded.length} times`);
  assert.deepEqual(recorded[0].args, { draftId: recorded[0].args.draftId, index: 1, value: 5 });
  // Tab to the label field, type, then submit with Enter.
  await page.locator("#q-label").focus();
  await page.keyboard.type("Sam");
  await page.keyboard.press("Enter");
  await page.getByTestId("code").waitFor();
  assert.equal(await h1(page), "Your interest profile");
  assert.equal(await page.getByTestId("code").innerText(), "RSA"); // R27 I13 A23 S25 E14 C14
  assert.equal(await page.locator('[data-area="realistic"] .bar-value').innerText(), "27 of 40");
  assert.match(await page.getByTestId("exploring-note").innerText(), /not a test/);
  assert.deepEqual(page.errors, []);
});

test("the Mini-IP by mouse, with go-to-first-unanswered and the same-answer warning", async () => {
  const page = await env.page();
  await page.locator('[data-way="ip30"]').click();
  assert.equal(await h1(page), "Mini Interest Profiler");
  // Skip activity 1, answer 2–12 all "Like": the gentle same-answer warning appears.
  for (let i = 2; i <= 12; i++) await page.locator(`[data-item="${i}"] [data-value="4"]`).click();
  await page.getByTestId("same-warning").waitFor();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.locator('[data-item="13"]').waitFor();
  await page.getByRole("button", { name: "Go to first unanswered" }).click();
  await page.locator('[data-item="1"]').waitFor();
  await focused(page, '[data-item="1"] [role="radio"]');
  for (let i = 1; i <= 30; i++) {
    const item = page.locator(`[data-item="${i}"]`);
    if (!(await item.isVisible())) {
      await page.getByRole("button", { name: "Next", exact: true }).click();
      await item.waitFor();
    }
    await item.locator(`[data-value="${(i % 5) + 1}"]`).click();
  }
  assert.equal(await page.getByTestId("same-warning").count(), 0);
  assert.equal(await page.locator("#q-progress-text").innerText(), "30 of 30 answered");
  await page.getByRole("button", { name: "See my results" }).click();
  await page.getByTestId("code").waitFor();
  assert.match(await page.locator('[data-area="realistic"] .bar-value').innerText(), /of 20$/);
  await page.screenshot({ path: path.join(shotDir, "results-ip30.png"), fullPage: true });
});

test("switching to Spanish mid-test keeps every answer and reloads the items", async () => {
  const page = await env.page();
  await page.locator('[data-way="ip60"]').click();
  await h1(page);
  for (let i = 1; i <= 5; i++) await page.locator(`[data-item="${i}"] [data-value="${i}"]`).click();
  assert.equal(await page.locator('[data-item="1"] .item-words').innerText(), "Build kitchen cabinets");
  await page.getByRole("button", { name: "Español" }).click();
  await page.locator('[data-item="1"] .item-words', { hasText: "[es] Build kitchen cabinets" }).waitFor();
  assert.equal(await h1(page), "Perfil de Intereses");
  assert.equal(await checkedCount(page), 5);
  for (let i = 1; i <= 5; i++) {
    assert.equal(await page.locator(`[data-item="${i}"] [aria-checked="true"]`).getAttribute("data-value"), String(i));
  }
  assert.equal(await page.locator("#q-progress-text").innerText(), "5 de 60 respondidas");
  const langs = await mock(page, "calls", "set_draft_lang");
  assert.equal(langs.at(-1).args.lang, "es");
  await page.screenshot({ path: path.join(shotDir, "questionnaire-es.png"), fullPage: true });
  // Without a key, Spanish items fall back to English with a notice.
  await page.getByRole("button", { name: "English" }).click();
  await page.locator('[data-item="1"] .item-words', { hasText: "Build kitchen cabinets" }).waitFor();
  await mock(page, "set", { key: false });
  await page.getByRole("button", { name: "Español" }).click();
  await page.getByTestId("q-notice").waitFor();
  assert.match(await page.getByTestId("q-notice").innerText(), /clave de O\*NET/);
  assert.equal(await checkedCount(page), 5);
  // The items stay O*NET's English (marked so for screen readers); the scale is in Spanish.
  assert.equal(await page.locator('[data-item="1"] .item-text').getAttribute("lang"), "en");
  assert.deepEqual(await page.locator('[data-item="1"] .answer-label').allInnerTexts(), ["No me gusta nada", "No me gusta", "No sé", "Me gusta", "Me gusta mucho"]);
  assert.equal(await page.locator('[data-item="1"] .scale[lang]').count(), 0);
  await page.screenshot({ path: path.join(shotDir, "questionnaire-es-offline.png"), fullPage: true });
});

test("an unfinished profiler can be resumed from the start screen", async () => {
  const page = await env.page();
  await page.locator('[data-way="ip30"]').click();
  await h1(page);
  for (let i = 1; i <= 3; i++) await page.locator(`[data-item="${i}"] [data-value="2"]`).click();
  await page.locator(".nav-link", { hasText: "Start" }).click();
  await page.getByTestId("resume").waitFor();
  assert.match(await page.getByTestId("resume").innerText(), /3 of 30 answered/);
  await page.getByRole("button", { name: "Resume" }).click();
  await h1(page);
  assert.equal(await checkedCount(page), 3);
  await focused(page, '[data-item="4"] [role="radio"]');
});

test("narrow windows show one activity at a time, fit 200 % zoom, and keys still advance", async () => {
  const page = await env.page({ viewport: { width: 512, height: 384 } });
  await page.locator('[data-way="ip60"]').click();
  await h1(page);
  await page.locator('[data-item="1"]').waitFor();
  assert.equal(await page.locator("[data-item]").count(), 1);
  await noHorizontalScroll(page);
  for (const b of await page.locator('[role="radio"]').all()) {
    const box = await b.boundingBox();
    assert.ok(box.height >= 44, `answer button is ${box.height}px tall`);
  }
  await focused(page, '[data-item="1"] [role="radio"]');
  await page.keyboard.press("4");
  await page.locator('[data-item="2"]').waitFor();
  await focused(page, '[data-item="2"] [role="radio"]');
  assert.match(await page.locator("#q-page").innerText(), /Activity 2 of 60/);
  await page.screenshot({ path: path.join(shotDir, "questionnaire-narrow.png"), fullPage: true });
});

test("kiosk mode shows one activity at a time in a wide window", async () => {
  const page = await env.page();
  await page.goto(env.url + "?kiosk=1");
  await page.getByTestId("kiosk-start").click();
  await page.locator('[data-way="ip30"]').click();
  await page.locator('[data-item="1"]').waitFor();
  assert.equal(await page.locator("[data-item]").count(), 1);
});

test("at 1366×768 at least six activities fit, answers stay 44 px targets, and focus does not look chosen", async () => {
  const page = await env.page({ viewport: { width: 1366, height: 768 } });
  await page.locator('[data-way="ip60"]').click();
  await page.locator(".item").first().waitFor();
  const visible = await page.evaluate(() => [...document.querySelectorAll(".item")].filter((e) => e.getBoundingClientRect().bottom <= innerHeight).length);
  assert.ok(visible >= 6, `${visible} activities fit`);
  const heights = await page.locator(".answer").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.ok(heights.every((h) => h >= 44), `answer heights ${Math.min(...heights)}`);
  // Choose "Like" on the first activity, then Tab on to the second (nothing chosen there).
  await page.locator('[data-item="1"] .answer[data-value="4"]').click();
  await page.keyboard.press("Tab");
  await focused(page, '[data-item="2"] .answer');
  const look = (sel) => page.locator(sel).evaluate((e) => {
    const s = getComputedStyle(e);
    return { bg: s.backgroundColor, outline: s.outlineStyle };
  });
  const focusedLook = await look('[data-item="2"] .answer[tabindex="0"]');
  const chosenLook = await look('[data-item="1"] .answer[data-value="4"]');
  assert.equal(focusedLook.outline, "dashed");
  assert.notEqual(focusedLook.bg, chosenLook.bg, "a focused answer is not filled like a chosen one");
  await page.screenshot({ path: path.join(shotDir, "questionnaire-1366.png") });
});
