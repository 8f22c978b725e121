import { describe, expect, it } from "vitest";
import { filterRows, myNextMoveUrl, pageRange, totalPages } from "./careers";
import type { CareerRow } from "./types";

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
    { code: "1", title: "A", fit: "Best", bright_outlook: true },
    { code: "2", title: "B", fit: "Great", bright_outlook: false },
    { code: "3", title: "C", fit: "Good", bright_outlook: true },
    { code: "4", title: "D", fit: null, bright_outlook: false },
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
