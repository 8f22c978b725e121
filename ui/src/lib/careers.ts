import type { AppError, CareerRow, CareersPage, Fit, Lang } from "./types";

export const CAREERS_PAGE_SIZE = 20;

export function totalPages(total: number, size = CAREERS_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** 1-based first and last row numbers on a 1-based page ("21–40 of 137"). */
export function pageRange(page: number, total: number, size = CAREERS_PAGE_SIZE): { from: number; to: number } {
  if (total <= 0) return { from: 0, to: 0 };
  const from = (page - 1) * size + 1;
  return { from: Math.min(from, total), to: Math.min(total, page * size) };
}

export interface CareerFilter {
  fits: Fit[]; // empty = every fit
  brightOnly: boolean;
}

export function filterRows<T extends CareerRow>(rows: T[], f: CareerFilter): T[] {
  return rows.filter(
    (r) => (f.fits.length === 0 || (r.fit != null && f.fits.includes(r.fit))) && (!f.brightOnly || r.bright_outlook),
  );
}

/** The career on My Next Move, or on its Spanish twin Mi Próximo Paso. */
export function myNextMoveUrl(code: string, lang: Lang = "en"): string {
  const site = lang === "es" ? "https://www.miproximopaso.org" : "https://www.mynextmove.org";
  return `${site}/profile/summary/${encodeURIComponent(code)}`;
}

/** A Job Zone's short name ("Medium preparation") from the catalog. */
export function zoneName(zone: number, names: Record<`z${1 | 2 | 3 | 4 | 5}`, string>): string {
  return names[`z${zone}` as keyof typeof names] ?? "";
}

/** A whole tab: every page's rows, in O*NET's (or the estimate's) order. */
export interface WholeTab {
  rows: CareerRow[];
  total: number;
}

/** Whole tabs already fetched, by result, tab, language and source (kept while the app runs). */
export const wholeTabs = new Map<string, WholeTab>();

type PageResult = { status: "ok"; data: CareersPage } | { status: "error"; error: AppError };

/**
 * Fetches the pages after `first` one by one and joins them. A zone has at most a few hundred
 * careers, so this is a handful of requests; the caller caches the result.
 */
export async function collectPages(first: CareersPage, fetchPage: (page: number) => Promise<PageResult>): Promise<
  { status: "ok"; data: WholeTab } | { status: "error"; error: AppError }
> {
  const rows = [...first.rows];
  const pages = totalPages(first.total, first.page_size);
  for (let page = first.page + 1; page <= pages; page++) {
    const r = await fetchPage(page);
    if (r.status === "error") return r;
    rows.push(...r.data.rows.filter((x) => !rows.some((y) => y.code === x.code)));
  }
  return { status: "ok", data: { rows, total: first.total } };
}

/** The offline estimate lists every career of the zone: only those with a fit band are matches. */
export function splitMatches<T extends CareerRow>(rows: T[]): { matches: T[]; others: T[] } {
  return { matches: rows.filter((r) => r.fit != null), others: rows.filter((r) => r.fit == null) };
}

/** The rows of a 1-based page of an already complete list. */
export function pageOf<T>(rows: T[], page: number, size = CAREERS_PAGE_SIZE): T[] {
  return rows.slice((page - 1) * size, page * size);
}
