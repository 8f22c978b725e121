import { mount } from "svelte";
import "./styles.css";

async function start(): Promise<void> {
  // The Chromium UI tests run this bundle without Tauri: a mocked IPC stands in for Rust.
  if (import.meta.env.MODE === "e2e") {
    const { installMockIpc } = await import("./mocks/ipc");
    installMockIpc();
  }
  const { default: App } = await import("./App.svelte");
  mount(App, { target: document.getElementById("app")! });
}

void start();
