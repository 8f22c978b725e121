import { describe, expect, it } from "vitest";
import { firstSentence, groups, position, relatedCareers, salaryRange, software, statesByOutlook, summarize } from "./career-page";
import type { CareerReport } from "./types";

function report(sections: Record<string, unknown>): CareerReport {
  return {
    code: "17-2051.00", title: "Civil Engineers", lang: "en", source: "api", fetched_at: null,
    sections: Object.entries(sections).map(([id, content]) => ({ id, title: id, content })),
  };
}

describe("career page readers", () => {
  it("summarizes what they do, Bright Outlook, zone, education and median pay", () => {
    const s = summarize(report({
      overview: { what_they_do: "Design roads. Also bridges.", tags: { bright_outlook: false } },
      education: { job_zone: { code: 4, title: "Job Zone Four" }, education_usually_needed: ["bachelor's degree"] },
      job_outlook: { outlook: { category: "Bright" }, salary: { annual_median_over: 239200 } },
    }));
    expect(s.whatTheyDo).toBe("Design roads.");
    expect(s.bright).toBe(true); // from the outlook category when the tag is false
    expect(s.zone?.code).toBe(4);
    expect(s.education).toEqual(["bachelor's degree"]);
    expect(s.median).toEqual({ value: 239200, over: true });
  });

  it("survives missing and empty sections", () => {
    const s = summarize(report({ overview: [], education: null }));
    expect(s).toEqual({ whatTheyDo: null, bright: false, zone: null, education: [], median: null });
  });

  it("reads the salary range and places the median on the bar", () => {
    const r = salaryRange({ salary: { annual_10th_percentile: 100, annual_median: 150, annual_90th_percentile: 300 } }, "annual")!;
    expect(r.low?.value).toBe(100);
    expect(position(r, r.median)).toBe(25);
    expect(salaryRange({ salary: {} }, "hourly")).toBeNull();
  });

  it("turns lists into readable groups", () => {
    expect(groups([{ name: "Math", element: [{ name: "Algebra" }, { name: "Geometry" }] }])).toEqual([{ name: "Math", items: ["Algebra", "Geometry"] }]);
    expect(software([{ title: "CAD", example: [{ title: "AutoCAD", hot_technology: true }, { title: "X" }] }])).toEqual([
      { category: "CAD", examples: [{ title: "AutoCAD", inDemand: true }, { title: "X", inDemand: false }] },
    ]);
    expect(statesByOutlook([{ name: "Ohio", job_outlook: "Bright" }, { name: "Iowa", job_outlook: "Average" }, { name: "Utah", job_outlook: "Bright" }])).toEqual([
      { outlook: "Bright", states: ["Ohio", "Utah"] },
      { outlook: "Average", states: ["Iowa"] },
    ]);
    expect(relatedCareers({ careers: [{ code: "1", title: "A", tags: { bright_outlook: true } }, { title: "no code" }] })).toEqual([
      { code: "1", title: "A", bright: true },
    ]);
  });

  it("keeps a one-sentence text whole", () => {
    expect(firstSentence("Plan work")).toBe("Plan work");
    expect(firstSentence("Plan work. Then more.")).toBe("Plan work.");
  });
});
