// Rust's `areas()` and `job_zones()` send Waypoint's own prose as the instrument's reference files
// have it (English, British spelling). The screen shows the shared catalog's words instead, in every
// language (American English, US Spanish), so the screen and the PDF say the same thing.
// O*NET's own terms stay exactly as sent: SVP ranges, and Job Zone titles in English (in Spanish
// the title is Waypoint's translation, which the screen says).
import type { Messages } from "../locales/en";
import type { AreaInfo, JobZoneInfo, Lang } from "./types";

type ZoneKey = keyof Messages["reference"]["zones"];

export function localizeAreas(areas: AreaInfo[], _lang: Lang, cat: Messages): AreaInfo[] {
  return areas.map((a) => ({
    area: a.area,
    title: cat.areas[a.area] ?? a.title,
    description: cat.reference.areas[a.area] ?? a.description,
  }));
}

export function localizeZones(zones: JobZoneInfo[], _lang: Lang, cat: Messages): JobZoneInfo[] {
  return zones.map((z) => {
    const t = (cat.reference.zones as Partial<Messages["reference"]["zones"]>)[`z${z.zone}` as ZoneKey];
    if (!t) return z;
    // O*NET's own text in the language asked for (saved by "Prepare for offline use") stays as
    // sent; only "typical work", which O*NET's Job Zones do not carry, is Waypoint's.
    return z.source === "cache" ? { ...z, typical_work: t.typical_work } : { ...z, ...t };
  });
}
