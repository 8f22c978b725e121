// Real-window smoke test over WebDriver: tauri-driver starts the built app through the
// system's native driver (msedgedriver on Windows, WebKitWebDriver on Linux), the test finds
// the welcome screen's heading, then ends the session, which closes the app.
// Usage: node scripts/smoke-webdriver.mjs <path to the waypoint binary>
//   TAURI_DRIVER   tauri-driver to use (default: tauri-driver on PATH)
//   NATIVE_DRIVER  passed as --native-driver (default: tauri-driver looks on PATH)
// Run by .github/workflows/ci.yml on Windows; works on Linux under xvfb-run. Plain Node 20
// (fetch), no WebDriver client library.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const EXPECTED_HEADING = "Find careers that fit your interests";
const [binArg] = process.argv.slice(2);
if (!binArg || !existsSync(binArg)) {
  console.error(`usage: node scripts/smoke-webdriver.mjs <waypoint binary>; got ${binArg}`);
  process.exit(2);
}
const bin = resolve(binArg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A loopback port nobody listens on now. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const port = await freePort();
const nativePort = await freePort();
const data = mkdtempSync(join(tmpdir(), "waypoint-webdriver-"));
const args = ["--port", String(port), "--native-port", String(nativePort)];
if (process.env.NATIVE_DRIVER) args.push("--native-driver", process.env.NATIVE_DRIVER);
const driver = spawn(process.env.TAURI_DRIVER || "tauri-driver", args, {
  // The native driver starts the app and passes this environment on.
  env: { ...process.env, WAYPOINT_DATA_DIR: data },
  stdio: ["ignore", "inherit", "inherit"],
});
let driverExit = null;
driver.on("exit", (code, signal) => (driverExit = { code, signal }));
driver.on("error", (e) => (driverExit = { error: e.message }));

const base = `http://127.0.0.1:${port}`;
async function wd(method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}

let session = null;
let failure = null;
try {
  // The driver needs a moment to listen, and the app a moment to open its window.
  const deadline = Date.now() + 60_000;
  while (!session) {
    if (driverExit) throw new Error(`tauri-driver exited: ${JSON.stringify(driverExit)}`);
    try {
      const value = await wd("POST", "/session", {
        capabilities: {
          alwaysMatch: { browserName: "wry", "tauri:options": { application: bin } },
        },
      });
      session = value.sessionId;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no WebDriver session: ${e.message}`);
      await sleep(500);
    }
  }
  console.log(`WebDriver session ${session} opened`);

  // Wait for the welcome screen's heading to carry the expected text.
  const until = Date.now() + 60_000;
  let last = "";
  for (;;) {
    try {
      const el = await wd("POST", `/session/${session}/element`, {
        using: "css selector",
        value: "main h1",
      });
      const id = el["element-6066-11e4-a52e-4f735466cecf"] ?? el.ELEMENT;
      last = (await wd("GET", `/session/${session}/element/${id}/text`)).trim();
      if (last === EXPECTED_HEADING) break;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > until) {
      throw new Error(`the welcome screen did not appear; last: ${JSON.stringify(last)}`);
    }
    await sleep(250);
  }
  const title = await wd("GET", `/session/${session}/title`);
  console.log(`welcome screen shown: "${last}" (document title "${title}")`);
} catch (e) {
  failure = e;
} finally {
  if (session) {
    // Ending the session closes the app.
    await wd("DELETE", `/session/${session}`).catch((e) => console.error(e.message));
  }
  if (!driverExit) {
    if (process.platform === "win32") {
      // Take msedgedriver down with tauri-driver.
      spawnSync("taskkill", ["/PID", String(driver.pid), "/T", "/F"], { stdio: "ignore" });
    } else {
      driver.kill("SIGTERM"); // tauri-driver stops WebKitWebDriver on SIGTERM
    }
    for (let i = 0; i < 100 && !driverExit; i++) await sleep(100);
  }
  try {
    rmSync(data, { recursive: true, force: true });
  } catch {
    // Windows may still hold a file of the closed app; the temp folder is the runner's.
  }
}
if (failure) {
  console.error(`WebDriver smoke test FAILED: ${failure.message}`);
  process.exit(1);
}
console.log("WebDriver smoke test passed: the app opened its welcome screen and was closed");
