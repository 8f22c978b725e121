import { mount } from "svelte";
import "./styles.css";
// Static, so the app is one chunk fetched with the entry: a dynamic import here cost a
// second, serial module fetch before the first paint.
import App from "./App.svelte";

// Start-up marks for `cargo xtask bench`, which reads every mark of the welcome page.
performance.mark("waypoint-main");

async function start(): Promise<void> {
  // The Chromium UI tests run this bundle without Tauri: a mocked IPC stands in for Rust.
  // Nothing calls Rust before `mount`, so installing it here is early enough.
  if (import.meta.env.MODE === "e2e") {
    const { installMockIpc } = await import("./mocks/ipc");
    installMockIpc();
  }
  mount(App, { target: document.getElementById("app")! });
  performance.mark("waypoint-mounted");
}

void start();
