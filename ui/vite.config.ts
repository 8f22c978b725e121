import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Tauri expects a fixed dev port and no browser auto-open.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // The dev server may read the repository root: the shared catalogs are in ../locales.
  server: { port: 5173, strictPort: true, fs: { allow: [".."] } },
  build: { target: "es2022", sourcemap: false },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
