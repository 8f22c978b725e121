import { i18n } from "./i18n.svelte";

export function locale(): string {
  return i18n.lang === "es" ? "es" : "en";
}
export function fmtDate(iso: string | null | undefined, withTime = true): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" }).format(d);
}
export function fmtNum(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** Longest label a result keeps; the store's `LABEL_MAX_CHARS` (crates/store) is the same. */
export const LABEL_MAX_CHARS = 80;
