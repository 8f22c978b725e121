import { describe, expect, it } from "vitest";
import { en } from "../locales/en";
import { es } from "../locales/es";
import { localizeAreas, localizeZones } from "./reference";
import type { AreaInfo, JobZoneInfo } from "./types";
import areasJson from "../../../crates/profiler/data/areas.json";
import zonesJson from "../../../crates/profiler/data/job_zones.json";

// The texts Rust's areas() and job_zones() send come from these files (crates/services results.rs).
const NAMES: Record<string, AreaInfo["area"]> = {
  R: "realistic", I: "investigative", A: "artistic", S: "social", E: "enterprising", C: "conventional",
};
const rustAreas: AreaInfo[] = areasJson.areas.map((a) => ({
  area: NAMES[a.code], title: a.name, description: a.description,
}));
const rustZones: JobZoneInfo[] = zonesJson.job_zones.map(
  (z) => ({
    zone: z.zone, title: z.title, svp_range: z.svp_range, education: z.education, experience: z.experience,
    training: z.training, typical_work: z.typical_work, examples: z.example_occupations.join(", "), source: "bundled",
  }),
);

// The reference files are spelled the British way; the catalog the American way.
const american = (s: string) =>
  [["analysing", "analyzing"], ["labour", "labor"], ["counselling", "counseling"], ["centre", "center"], ["organising", "organizing"], ["organisational", "organizational"]]
    .reduce((t, [gb, us]) => t.replaceAll(gb, us), s);

describe("area and Job Zone texts", () => {
  it("O*NET's Spanish Job Zones (saved by Prepare for offline use) stay as sent, with Waypoint's typical work", () => {
    const onet: JobZoneInfo[] = rustZones.map((z) => ({ ...z, title: `[es] ${z.title}`, education: `[es] ${z.education}`, source: "cache" }));
    const zones = localizeZones(onet, "es", es);
    zones.forEach((z, i) => {
      expect(z.title).toBe(onet[i].title);
      expect(z.education).toBe(onet[i].education);
      expect(z.typical_work).toBe(es.reference.zones[`z${z.zone}` as keyof typeof es.reference.zones].typical_work);
    });
  });
  it("the English catalog is what Rust sends, in American spelling (so the translations are of the current text)", () => {
    for (const a of rustAreas) expect(en.reference.areas[a.area]).toBe(american(a.description));
    for (const z of rustZones) {
      const t = en.reference.zones[`z${z.zone}` as keyof typeof en.reference.zones];
      expect(t).toEqual({ title: z.title, education: american(z.education), experience: american(z.experience), training: american(z.training), typical_work: american(z.typical_work), examples: z.examples });
    }
  });
  it("English shows Rust's text in American spelling, with O*NET's titles and SVP ranges as sent", () => {
    const areas = localizeAreas(rustAreas, "en", en);
    expect(areas.map((a) => a.title)).toEqual(rustAreas.map((a) => a.title));
    expect(areas.find((a) => a.area === "investigative")!.description).toContain("analyzing");
    const zones = localizeZones(rustZones, "en", en);
    zones.forEach((z, i) => {
      expect(z.title).toBe(rustZones[i].title);
      expect(z.svp_range).toBe(rustZones[i].svp_range);
      expect(z.typical_work).toBe(american(rustZones[i].typical_work));
    });
  });
  it("Spanish translates names, descriptions and zone titles (Waypoint's own) but keeps O*NET's SVP ranges", () => {
    const areas = localizeAreas(rustAreas, "es", es);
    expect(areas.map((a) => a.title)).toEqual(["Realista", "Investigador", "Artístico", "Social", "Emprendedor", "Convencional"]);
    areas.forEach((a, i) => expect(a.description).not.toBe(rustAreas[i].description));
    const zones = localizeZones(rustZones, "es", es);
    zones.forEach((z, i) => {
      expect(z.title).toMatch(new RegExp(`^Zona de Empleo ${z.zone}: `));
      expect(z.svp_range).toBe(rustZones[i].svp_range);
      for (const k of ["education", "experience", "training", "typical_work", "examples"] as const) {
        expect(z[k]).not.toBe(rustZones[i][k]);
        expect(z[k].trim()).not.toBe("");
      }
    });
  });
});
