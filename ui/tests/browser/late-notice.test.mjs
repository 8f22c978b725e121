// A damaged database found after start-up (issue #22: the integrity check runs once the window
// is up) reaches the person like a start-up notice, through the `store-notice` event.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, axe } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("a notice sent after start-up joins the alerts at the top of the app", async () => {
  const page = await env.page();
  await page.getByRole("heading", { level: 1 }).waitFor();
  const alert = page.locator('[role="alert"][data-code="store.recovered_from_corruption"]');
  assert.equal(await alert.count(), 0, "no notice before the check reports");
  await page.evaluate(() =>
    window.__waypointMock.storeNotice({
      code: "store.recovered_from_corruption",
      message:
        "Waypoint's saved data could not be read, so a fresh database was started. The old file was kept as /tmp/waypoint-e2e/waypoint.db.corrupt-20261201T101010Z — nothing was deleted.",
    }),
  );
  await alert.waitFor();
  assert.match(await alert.innerText(), /The old file was kept as \/tmp\/waypoint-e2e\/waypoint\.db\.corrupt-/);
  assert.deepEqual(await axe(page), [], "axe with a late notice");
  await alert.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await alert.count(), 0);
  assert.deepEqual(page.errors, []);
});
