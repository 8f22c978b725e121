// "Use the website in a browser instead": Debian's Chromium as an app window (`--app=<url>`)
// on the mock-IPC bundle (`npm run build:e2e` first), the same 60-item journey by the same
// keyboard steps as the harness drives in Waypoint's window (bench/harness/src/measure.rs),
// then the PSS of Chromium's whole process tree on the welcome screen and on the results.
// Needs a display (cargo xtask bench runs it under Xvfb). Writes target/bench/chromium-app.json.
// CHROMIUM_APP_IDLE_SECS sets the wait before each reading (default 10, as the harness).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";
import { serve, uiDir } from "../browser/harness.mjs";
import { focused } from "../browser/flows.mjs";

const idleSecs = Number(process.env.CHROMIUM_APP_IDLE_SECS ?? 10);
const answers = "553421321134342523523523254115342111351145453111231155343444";
const exe = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Every process as { pid, ppid, name }. */
function processes() {
  const out = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      let name = e;
      try {
        name = path.basename(readlinkSync(`/proc/${e}/exe`));
      } catch {}
      // Chromium's helpers are all "chromium": the --type flag says which one (helpers rewrite
      // their command line with spaces between the arguments).
      const cmd = readFileSync(`/proc/${e}/cmdline`, "utf8").split(/[\0 ]/);
      const type = cmd.find((a) => a.startsWith("--type="))?.slice(7);
      out.push({ pid: Number(e), ppid: Number(rest[1]), name: type ? `${name} (${type})` : name });
    } catch {}
  }
  return out;
}

/** PSS (KiB) of `root` and all its descendants, total and per process. */
function pssTree(root) {
  const procs = processes();
  const rows = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    for (const p of procs) if (p.ppid === pid) stack.push(p.pid);
    let rollup = "";
    try {
      rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    } catch {
      continue;
    }
    const field = (f) => Number(rollup.match(new RegExp(`^${f}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
    const name = procs.find((p) => p.pid === pid)?.name ?? String(pid);
    rows.push({ name, pss: field("Pss"), anon: field("Pss_Anon"), file: field("Pss_File"), shmem: field("Pss_Shmem") });
  }
  return { total: rows.reduce((s, r) => s + r.pss, 0), rows };
}

async function devtoolsPort(profile) {
  for (let i = 0; i < 300; i++) {
    try {
      return Number(readFileSync(path.join(profile, "DevToolsActivePort"), "utf8").split("\n")[0]);
    } catch {
      await sleep(100);
    }
  }
  throw new Error("Chromium did not open its DevTools port within 30 s");
}

const server = await serve();
const profile = mkdtempSync(path.join(os.tmpdir(), "waypoint-chromium-app-"));
// What a person would type, plus a fresh profile, the port the script drives it through, and
// --no-sandbox only where Chromium refuses to start without it (as root, on CI machines).
const args = [
  `--app=${server.url}`,
  `--user-data-dir=${profile}`,
  "--remote-debugging-port=0",
  "--no-first-run",
  "--no-default-browser-check",
  "--window-size=1180,760",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];
const child = spawn(exe, args, { stdio: "ignore", detached: true });
let browser;
try {
  browser = await chromium.connectOverCDP(`http://127.0.0.1:${await devtoolsPort(profile)}`);
  const context = browser.contexts()[0];
  let page = context.pages().find((p) => p.url().startsWith(server.url));
  for (let i = 0; !page && i < 100; i++) {
    await sleep(100);
    page = context.pages().find((p) => p.url().startsWith(server.url));
  }
  if (!page) throw new Error(`no page at ${server.url} in the app window`);
  await page.locator('[data-way="ip60"]').waitFor();
  await sleep(idleSecs * 1000);
  const before = pssTree(child.pid);
  console.log(`chromium --app, welcome idle: ${before.total} KiB PSS`);

  const t0 = performance.now();
  await page.locator('[data-way="ip60"]').focus();
  await page.keyboard.press("Enter");
  for (let i = 1; i <= answers.length; i++) {
    await focused(page, `[data-item="${i}"] [role="radio"]`);
    await page.keyboard.press(answers[i - 1]);
    await page.waitForFunction(
      ([n, v]) => document.querySelector(`[data-item="${n}"] [aria-checked="true"]`)?.dataset.value === v,
      [String(i), answers[i - 1]],
    );
    if (i < answers.length) {
      await focused(page, `[data-item="${i + 1}"] [role="radio"], [data-testid="q-next"]`);
      if (await page.evaluate(() => document.activeElement.matches('[data-testid="q-next"]'))) {
        await page.keyboard.press("Enter");
      }
    }
  }
  await page.locator("#q-label").fill("Benchmark");
  await page.locator("#q-label").press("Enter");
  await page.getByTestId("code").waitFor();
  const answerSecs = (performance.now() - t0) / 1000;
  await sleep(idleSecs * 1000);
  const after = pssTree(child.pid);
  console.log(`chromium --app, after the 60-item journey: ${after.total} KiB PSS (${answerSecs.toFixed(1)} s to results)`);
  for (const r of after.rows) console.log(`  ${r.name}: ${Math.round(r.pss / 1024)} MiB`);

  const version = await browser.version();
  const out = path.resolve(uiDir, "../target/bench/chromium-app.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        version,
        args: args.filter((a) => !a.startsWith("--user-data-dir") && !a.startsWith("--app=")),
        idle_secs: idleSecs,
        answer_secs: answerSecs,
        before_pss_kib: before.total,
        after_pss_kib: after.total,
        before_breakdown: before.rows,
        after_breakdown: after.rows,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`  wrote ${out}`);
} finally {
  await browser?.close().catch(() => {});
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  await sleep(500);
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {}
  await new Promise((resolve) => server.httpServer.close(resolve));
  rmSync(profile, { recursive: true, force: true });
}
