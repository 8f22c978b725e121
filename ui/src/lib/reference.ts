// Rust's `areas()` and `job_zones()` send Waypoint's own prose in English only. The English UI
// shows it as sent; other languages overlay their translations from the locale catalogs.
// O*NET's own terms (Job Zone titles, SVP ranges) stay exactly as sent.
import type { Messages } from "../locales/en";
import type { AreaInfo, JobZoneInfo, Lang } from "./types";

type ZoneKey = keyof Messages["reference"]["zones"];

export function localizeAreas(areas: AreaInfo[], lang: Lang, cat: Messages): AreaInfo[] {
  if (lang === "en") return areas;
  return areas.map((a) => ({
    area: a.area,
    title: cat.areas[a.area] ?? a.title,
    description: cat.reference.areas[a.area] ?? a.description,
  }));
}

export function localizeZones(zones: JobZoneInfo[], lang: Lang, cat: Messages): JobZoneInfo[] {
  if (lang === "en") return zones;
  return zones.map((z) => {
    const t = (cat.reference.zones as Partial<Messages["reference"]["zones"]>)[`z${z.zone}` as ZoneKey];
    return t ? { ...z, ...t } : z;
  });
}
