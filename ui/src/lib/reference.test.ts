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
    training: z.training, typical_work: z.typical_work, examples: z.example_occupations.join(", "),
  }),
);

describe("area and Job Zone texts", () => {
  it("the English catalog still matches what Rust sends (so the translations are of the current text)", () => {
    for (const a of rustAreas) expect(en.reference.areas[a.area]).toBe(a.description);
    for (const z of rustZones) {
      const t = en.reference.zones[`z${z.zone}` as keyof typeof en.reference.zones];
      expect(t).toEqual({ education: z.education, experience: z.experience, training: z.training, typical_work: z.typical_work, examples: z.examples });
    }
  });
  it("English shows Rust's text unchanged", () => {
    expect(localizeAreas(rustAreas, "en", en)).toEqual(rustAreas);
    expect(localizeZones(rustZones, "en", en)).toEqual(rustZones);
  });
  it("Spanish translates names and descriptions but keeps O*NET's zone titles and SVP ranges", () => {
    const areas = localizeAreas(rustAreas, "es", es);
    expect(areas.map((a) => a.title)).toEqual(["Realista", "Investigador", "Artístico", "Social", "Emprendedor", "Convencional"]);
    areas.forEach((a, i) => expect(a.description).not.toBe(rustAreas[i].description));
    const zones = localizeZones(rustZones, "es", es);
    zones.forEach((z, i) => {
      expect(z.title).toBe(rustZones[i].title);
      expect(z.svp_range).toBe(rustZones[i].svp_range);
      for (const k of ["education", "experience", "training", "typical_work", "examples"] as const) {
        expect(z[k]).not.toBe(rustZones[i][k]);
        expect(z[k].trim()).not.toBe("");
      }
    });
  });
});
