import { describe, expect, it } from "vitest";
import { formatValue, groupChildren, humanize, primaryText, visibleEntries, withoutHeading } from "./report";

describe("report rendering helpers", () => {
  it("drops the title and code the heading shows, and keeps the rest", () => {
    expect(withoutHeading({ code: "15-1252.00", title: "Software Developers", what_they_do: "Build" })).toEqual({ what_they_do: "Build" });
    expect(withoutHeading(["a"])).toEqual(["a"]);
  });
  it("hides plumbing fields and empty lists", () => {
    expect(visibleEntries({ href: "x", id: "2.C", name: "Design", element: [], what_they_do: "Build" }).map(([k]) => k)).toEqual([
      "name",
      "what_they_do",
    ]);
  });
  it("flattens tags into their own entries", () => {
    expect(visibleEntries({ title: "Barbers", tags: { bright_outlook: false } })).toEqual([
      ["title", "Barbers"],
      ["bright_outlook", false],
    ]);
  });
  it("recognises titled groups and list entries", () => {
    expect(groupChildren({ name: "Basic Skills", element: [{ name: "Listening" }] })).toHaveLength(1);
    expect(groupChildren({ title: "CAD", example: [] })).toEqual([]);
    expect(groupChildren({ title: "x" })).toBeNull();
    expect(primaryText({ name: "Dependability" })).toBe("Dependability");
  });
  it("formats pay and unknown keys readably", () => {
    expect(formatValue("annual_median", 95890, "en")).toBe("$95,890");
    expect(formatValue("hourly_median", 46.1, "en")).toBe("$46.10");
    expect(humanize("check_out_my_state")).toBe("Check out my state");
  });
});
