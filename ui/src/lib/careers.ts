import type { CareerRow, Fit } from "./types";

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

export function myNextMoveUrl(code: string): string {
  return `https://www.mynextmove.org/profile/summary/${encodeURIComponent(code)}`;
}
