import { describe, expect, it } from "vitest";
import { collectPages, filterRows, myNextMoveUrl, pageOf, pageRange, splitMatches, totalPages } from "./careers";
import type { CareerRow, CareersPage } from "./types";

describe("careers paging", () => {
  it("gives the rows shown on a page", () => {
    expect(pageRange(1, 137)).toEqual({ from: 1, to: 20 });
    expect(pageRange(2, 137)).toEqual({ from: 21, to: 40 });
    expect(pageRange(7, 137)).toEqual({ from: 121, to: 137 });
    expect(pageRange(1, 12)).toEqual({ from: 1, to: 12 });
    expect(pageRange(1, 0)).toEqual({ from: 0, to: 0 });
  });
  it("counts pages", () => {
    expect(totalPages(137)).toBe(7);
    expect(totalPages(140)).toBe(7);
    expect(totalPages(141)).toBe(8);
    expect(totalPages(0)).toBe(1);
  });
});

describe("careers filters", () => {
  const rows: CareerRow[] = [
    { code: "1", title: "A", fit: "Best", bright_outlook: true, zone: null },
    { code: "2", title: "B", fit: "Great", bright_outlook: false, zone: null },
    { code: "3", title: "C", fit: "Good", bright_outlook: true, zone: null },
    { code: "4", title: "D", fit: null, bright_outlook: false, zone: null },
  ];
  it("keeps everything with no filter", () => {
    expect(filterRows(rows, { fits: [], brightOnly: false })).toHaveLength(4);
  });
  it("filters by fit and Bright Outlook together", () => {
    expect(filterRows(rows, { fits: ["Best", "Good"], brightOnly: false }).map((r) => r.code)).toEqual(["1", "3"]);
    expect(filterRows(rows, { fits: [], brightOnly: true }).map((r) => r.code)).toEqual(["1", "3"]);
    expect(filterRows(rows, { fits: ["Great"], brightOnly: true })).toEqual([]);
  });
  it("links to My Next Move", () => {
    expect(myNextMoveUrl("27-2031.00")).toBe("https://www.mynextmove.org/profile/summary/27-2031.00");
  });
});

describe("whole tabs", () => {
  const row = (code: string, fit: CareerRow["fit"] = null): CareerRow => ({ code, title: code, fit, bright_outlook: false, zone: null });
  const page = (n: number, rows: CareerRow[], total: number): CareersPage => ({
    tab: "2", page: n, page_size: 2, total, rows, source: "api", fetched_at: null, notice: null,
  });

  it("fetches every later page once and joins them in order", async () => {
    const asked: number[] = [];
    const r = await collectPages(page(1, [row("a"), row("b")], 5), async (n) => {
      asked.push(n);
      return { status: "ok", data: page(n, n === 2 ? [row("c"), row("d")] : [row("e")], 5) };
    });
    expect(asked).toEqual([2, 3]);
    expect(r.status === "ok" && r.data.rows.map((x) => x.code)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("stops at the first failure", async () => {
    const r = await collectPages(page(1, [row("a")], 9), async () => ({ status: "error", error: { code: "network.offline", message: "x" } }));
    expect(r.status).toBe("error");
  });

  it("counts only careers with a fit band as matches, and pages a finished list", () => {
    const s = splitMatches([row("a", "Best"), row("b", "Good"), row("c")]);
    expect(s.matches.map((x) => x.code)).toEqual(["a", "b"]);
    expect(s.others.map((x) => x.code)).toEqual(["c"]);
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
  });

  it("sends Spanish readers to Mi Próximo Paso", () => {
    expect(myNextMoveUrl("27-2031.00", "es")).toBe("https://www.miproximopaso.org/profile/summary/27-2031.00");
  });
});
