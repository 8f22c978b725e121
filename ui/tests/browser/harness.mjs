// Shared set-up for the Chromium UI tests: the mock-IPC bundle (dist-e2e) served in-process by
// vite's preview() (a spawned `vite preview` would be orphaned and hold the runner's pipes open),
// and Debian's Chromium driven by playwright-core (never a downloaded browser).
import { preview } from "vite";
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const uiDir = path.resolve(here, "../..");
export const shotDir = path.resolve(uiDir, "../target/ui-screenshots");

/** The mock-IPC bundle on a loopback port: `{ url, httpServer }`. */
export async function serve() {
  const dist = path.join(uiDir, "dist-e2e");
  if (!existsSync(path.join(dist, "index.html"))) {
    throw new Error("dist-e2e is missing: run `npm run build:e2e` first");
  }
  const server = await preview({
    root: uiDir,
    configFile: false,
    logLevel: "silent",
    build: { outDir: dist },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
  });
  return { url: server.resolvedUrls.local[0], httpServer: server.httpServer };
}

export async function start() {
  const server = await serve();
  const url = server.url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  mkdirSync(shotDir, { recursive: true });
  return {
    url,
    browser,
    async page(opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...opts });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
      // A missing mock fixture is the likeliest cause of a timeout: say so in the test output.
      page.on("console", (msg) => msg.text().includes("no recorded answer") && console.error(msg.text()));
      page.errors = errors;
      await page.goto(url);
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}

const axeSource = readFileSync(path.join(uiDir, "node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page, selector, limit = 30) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i + 1;
  }
  throw new Error(`${selector} was not reached by Tab within ${limit} presses`);
}
