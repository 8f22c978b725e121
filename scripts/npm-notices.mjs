// Prints, as Markdown, the licence of every npm package whose code ends up in the shipped UI
// bundle (ui/dist), with its licence text. Which packages those are is read from the bundle
// itself: it builds the UI once more with source maps into a temporary folder and collects the
// node_modules packages that the maps name. So build-time tools (vite, typescript, the svelte
// compiler) are left out, and svelte's runtime, @tauri-apps/api and what they pull in are in.
// Run by `cargo xtask notices`; plain Node, no dependencies.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ui = resolve(dirname(fileURLToPath(import.meta.url)), "..", "ui");
const out = mkdtempSync(join(tmpdir(), "waypoint-notices-"));
try {
  execFileSync(
    process.execPath,
    [join(ui, "node_modules/vite/bin/vite.js"), "build", "--sourcemap", "--outDir", out, "--emptyOutDir", "--logLevel", "error"],
    { cwd: ui, stdio: ["ignore", "ignore", "inherit"] },
  );
  const dirs = new Set();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".map")) {
        const map = JSON.parse(readFileSync(p, "utf8"));
        for (const s of map.sources ?? []) {
          const abs = resolve(dirname(p), map.sourceRoot ?? "", s);
          const i = abs.lastIndexOf(`${sep}node_modules${sep}`);
          if (i < 0) continue;
          const rest = abs.slice(i + 14).split(sep);
          const name = rest[0].startsWith("@") ? rest.slice(0, 2).join(sep) : rest[0];
          dirs.add(abs.slice(0, i + 14) + name);
        }
      }
    }
  };
  walk(out);
  const pkgs = [...dirs]
    .map((d) => ({ dir: d, json: JSON.parse(readFileSync(join(d, "package.json"), "utf8")) }))
    .sort((a, b) => a.json.name.localeCompare(b.json.name));
  const lines = [
    "## npm packages in the user interface",
    "",
    "| package | version | licence |",
    "|---|---|---|",
    ...pkgs.map(({ json }) => `| ${json.name} | ${json.version} | ${json.license ?? "see below"} |`),
    "",
  ];
  for (const { dir, json } of pkgs) {
    lines.push(`### ${json.name} ${json.version}`, "");
    const repo = typeof json.repository === "string" ? json.repository : json.repository?.url;
    if (repo) lines.push(`Source: ${repo}`, "");
    const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort();
    if (files.length === 0) lines.push(`Licence: ${json.license}`, "");
    for (const f of files) {
      lines.push("```text", readFileSync(join(dir, f), "utf8").trim(), "```", "");
    }
  }
  process.stdout.write(lines.join("\n"));
} finally {
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
}
