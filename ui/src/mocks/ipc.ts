import { mockIPC } from "@tauri-apps/api/mocks";

/** Answers the app's commands with fixed, plausible data for the browser tests. */
export function installMockIpc(): void {
  mockIPC((cmd) => {
    switch (cmd) {
      case "app_info":
        return {
          version: "0.0.0-e2e",
          data_dir: "/tmp/waypoint-e2e",
          log_dir: "/tmp/waypoint-e2e/logs",
          api_base: "http://127.0.0.1:8787/",
          api_base_overridden: true,
        };
      default:
        throw { code: "mock.unknown_command", message: `no mock for ${cmd}` };
    }
  });
}
