import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSearcher, type Fetch, type SearchView } from "./search.svelte";
import type { SearchPage } from "./bindings";

function page(keyword: string, page = 1): SearchPage {
  return {
    keyword, page, page_size: 20, total: 2, source: "api", fetched_at: null, notice: null,
    rows: [{ code: `${keyword}-${page}`, title: keyword, job_zone: null, bright_outlook: null, matched: null }],
  };
}

function view(): SearchView {
  return { keyword: "", shown: "", page: null, rows: [], error: null, loading: false };
}

describe("searching as the person types", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends one request once typing pauses", async () => {
    const calls: string[] = [];
    const fetch: Fetch = async (k, p) => { calls.push(k); return { status: "ok", data: page(k, p) }; };
    const v = view();
    const s = createSearcher(fetch, v, 250);
    for (const k of ["n", "nu", "nur", "nurs", "nurse"]) s.typed(k, "en");
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toEqual(["nurse"]);
    expect(v.shown).toBe("nurse");
  });

  it("drops an answer that arrives after a newer keystroke", async () => {
    const pending = new Map<string, (d: SearchPage) => void>();
    const fetch: Fetch = (k, p) => new Promise((res) => pending.set(k, (d) => res({ status: "ok", data: d ?? page(k, p) })));
    const v = view();
    const s = createSearcher(fetch, v, 10);
    s.typed("dan", "en");
    await vi.advanceTimersByTimeAsync(10);
    s.typed("dancer", "en");
    await vi.advanceTimersByTimeAsync(10);
    pending.get("dancer")!(page("dancer"));
    await Promise.resolve();
    // The slow answer for "dan" comes last and must not replace "dancer".
    pending.get("dan")!(page("dan"));
    await vi.runAllTimersAsync();
    expect(v.shown).toBe("dancer");
    expect(v.rows.map((r) => r.code)).toEqual(["dancer-1"]);
  });

  it("clears the results for a blank box without asking, and appends the next page", async () => {
    const calls: string[] = [];
    const fetch: Fetch = async (k, p) => { calls.push(`${k} ${p}`); return { status: "ok", data: page(k, p) }; };
    const v = view();
    const s = createSearcher(fetch, v, 10);
    await s.now("welder", 1, "en");
    await s.now("welder", 2, "en");
    expect(v.rows.map((r) => r.code)).toEqual(["welder-1", "welder-2"]);
    s.typed("   ", "en");
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual(["welder 1", "welder 2"]);
    expect(v.rows).toEqual([]);
    expect(v.page).toBeNull();
  });
});
