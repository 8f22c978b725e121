// Launch-and-quit smoke test of a built Waypoint binary, for systems where no WebDriver can
// reach the webview (macOS: WKWebView has none). Starts the binary on a fresh
// WAYPOINT_DATA_DIR, waits until the welcome screen reports itself painted ("waypoint-ready"
// on stdout, "UI ready" in the log), checks the app is still running a moment later, then
// stops it. Any early exit or a silent app fails the test.
// Usage: node scripts/smoke-launch.mjs <path to the waypoint binary> [timeout seconds, 90]
// Run by .github/workflows/ci.yml; works on Linux too (under xvfb-run). Plain Node.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [bin, timeoutArg = "90"] = process.argv.slice(2);
if (!bin || !existsSync(bin)) {
  console.error(`usage: node scripts/smoke-launch.mjs <waypoint binary> [seconds]; got ${bin}`);
  process.exit(2);
}
const timeoutMs = Number(timeoutArg) * 1000;
const data = mkdtempSync(join(tmpdir(), "waypoint-smoke-"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function logText() {
  const dir = join(data, "logs");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".log"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

const started = Date.now();
const app = spawn(bin, [], {
  // WAYPOINT_BENCH_READY makes the app print "waypoint-ready <ms>" once the UI is painted.
  env: { ...process.env, WAYPOINT_DATA_DIR: data, WAYPOINT_BENCH_READY: "1" },
  stdio: ["ignore", "pipe", "inherit"],
});
let exited = null;
let stdout = "";
app.on("exit", (code, signal) => (exited = { code, signal }));
app.stdout.on("data", (chunk) => {
  stdout += chunk;
  process.stdout.write(chunk);
});

let failure = null;
try {
  while (!/waypoint-ready \d+/.test(stdout)) {
    if (exited) throw new Error(`the app exited before its UI was ready: ${JSON.stringify(exited)}`);
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the app is running but its UI did not report ready within ${timeoutArg} s`);
    }
    await sleep(200);
  }
  console.log(`UI ready after ${((Date.now() - started) / 1000).toFixed(1)} s (wall clock)`);
  // The log is written by a background thread: give it a moment.
  for (let i = 0; i < 50 && !/UI ready \d+ ms after start/.test(logText()); i++) await sleep(100);
  if (!/UI ready \d+ ms after start/.test(logText())) {
    throw new Error(`no "UI ready" line in the log under ${join(data, "logs")}`);
  }
  // Still alive a few seconds later: no crash right after the first paint.
  await sleep(3000);
  if (exited) throw new Error(`the app exited soon after start: ${JSON.stringify(exited)}`);
} catch (e) {
  failure = e;
} finally {
  if (!exited) {
    app.kill();
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
  }
  if (failure) {
    console.error(`--- log ---\n${logText()}\n-----------`);
  }
  try {
    rmSync(data, { recursive: true, force: true });
  } catch {
    // Windows may still hold a file of the stopped app; the temp folder is the runner's.
  }
}
if (failure) {
  console.error(`smoke test FAILED: ${failure.message}`);
  process.exit(1);
}
console.log("smoke test passed: the app started, showed its UI and was stopped");
