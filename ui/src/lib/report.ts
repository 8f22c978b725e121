// Helpers for rendering O*NET career-report sections generically.

import { formatMoney } from "./format";

const HIDDEN = new Set(["href", "id", "contents", "summary", "career_video", "soc_code", "word_cloud_terms"]);

export function visibleEntries(o: Record<string, unknown>): [string, unknown][] {
  // `tags: {bright_outlook: true}` reads better as its own entries.
  const flat = Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    k === "tags" && isPlainObject(v) ? Object.entries(v) : [[k, v]],
  );
  return flat.filter(([k, v]) => !HIDDEN.has(k) && v != null && !(Array.isArray(v) && v.length === 0));
}

/** "annual_median" → "Annual median" when no translation is known. */
export function humanize(key: string): string {
  const s = key.replace(/_/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v != null && !Array.isArray(v);
}

/** A short title for a list entry: its title or name. */
export function primaryText(o: Record<string, unknown>): string | null {
  const t = o.title ?? o.name;
  return typeof t === "string" ? t : null;
}

/** Is this a titled group like Knowledge/Skills: {name, element: [{name}]} or {title, example: [...]}? */
export function groupChildren(o: Record<string, unknown>): unknown[] | null {
  for (const k of ["element", "example"]) if (Array.isArray(o[k])) return o[k] as unknown[];
  return null;
}

export function formatValue(key: string, v: number, locale: string): string {
  if (key.startsWith("annual")) return formatMoney(v, locale);
  if (key.startsWith("hourly")) return formatMoney(v, locale, true);
  if (key === "percentage") return new Intl.NumberFormat(locale, { style: "percent" }).format(v / 100);
  return new Intl.NumberFormat(locale).format(v);
}

/** The overview without the title and code the page heading already shows. */
export function withoutHeading(content: unknown): unknown {
  if (!isPlainObject(content)) return content;
  const { title: _title, code: _code, ...rest } = content;
  return rest;
}
