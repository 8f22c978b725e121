// The production bundle must not carry the mock IPC: a build that shipped it would answer the
// UI with recorded test data instead of Rust. Builds both bundles with the project's own vite
// config into temporary folders, and checks each marker is in the e2e bundle (so the marker
// still means something) and nowhere in the production one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "vite";

const uiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(uiDir, "src/mocks/fixtures");

/**
 * Strings only the mock brings: what survives minification of Tauri's `mockIPC` (its option
 * name and the callback table it installs), `window.__waypointMock`, the mock's error code,
 * and a lookup key of every fixture file that has them.
 */
function markers() {
  const found = ["shouldMockEvents", "unregisterCallback", "__waypointMock", "mock.missing_fixture"];
  for (const f of readdirSync(fixtures).filter((n) => n.endsWith(".json")).sort()) {
    // A lookup key ("typed-ip60 en 27,13,…"), not a plain field name like "areas".
    const key = Object.keys(JSON.parse(readFileSync(path.join(fixtures, f), "utf8"))).find((k) => k.includes(" "));
    if (key) found.push(key);
  }
  return found;
}

async function bundle(mode) {
  const outDir = mkdtempSync(path.join(tmpdir(), `waypoint-${mode}-`));
  await build({ root: uiDir, mode, logLevel: "error", build: { outDir, emptyOutDir: true } });
  const text = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|css|html|json)$/.test(e.name)) text.push([path.relative(outDir, p), readFileSync(p, "utf8")]);
    }
  };
  walk(outDir);
  rmSync(outDir, { recursive: true, force: true });
  return text;
}

test("the production bundle has no mock IPC, no __waypointMock and no mock fixture", async () => {
  const list = markers();
  const [production, e2e] = [await bundle("production"), await bundle("e2e")];
  for (const m of list) {
    assert.ok(e2e.some(([, t]) => t.includes(m)), `marker ${JSON.stringify(m)} is not even in the e2e bundle`);
  }
  // The name itself is minified away in a built bundle; should it ever be kept, it is a leak too.
  const banned = [...list, "mockIPC"];
  const leaks = production.flatMap(([file, t]) => banned.filter((m) => t.includes(m)).map((m) => `${file}: ${m}`));
  assert.deepEqual(leaks, [], "mock code in the production bundle");
});
