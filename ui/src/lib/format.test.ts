import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatNum, localeFor } from "./format";
import { formatValue } from "./report";

// 18:07 UTC; the expectations are built for the machine's time zone from the same instant.
const ISO = "2026-12-01T18:07:00Z";

describe("US formats", () => {
  it("money is US dollars with a comma for thousands in both languages", () => {
    expect(formatMoney(36220, localeFor("en"))).toBe("$36,220");
    expect(formatMoney(36220, localeFor("es"))).toBe("$36,220");
    expect(formatMoney(17.4, localeFor("es"), true)).toBe("$17.40");
    expect(formatValue("annual_median", 36220, localeFor("es"))).toBe("$36,220");
    expect(formatValue("hourly_median", 17.42, localeFor("es"))).toBe("$17.42");
  });
  it("numbers group thousands with a comma, not Spain's period", () => {
    expect(formatNum(1016, "es")).toBe("1,016");
    expect(formatNum(1016, "en")).toBe("1,016");
  });
  it("dates and times use a 12-hour clock in both languages", () => {
    const hour = new Date(ISO).getHours() % 12 || 12;
    const en = formatDate(ISO, "en");
    const es = formatDate(ISO, "es");
    expect(en).toMatch(/^Dec \d{1,2}, 2026, \d{1,2}:07\s[AP]M$/);
    expect(es).toMatch(/^\d{1,2} dic 2026, \d{1,2}:07\s[ap]\.\s?m\.$/);
    expect(en).toContain(`${hour}:07`);
    expect(es).toContain(`${hour}:07`);
    expect(formatDate(ISO, "es", false)).not.toMatch(/:/);
    expect(formatDate("not a date", "es")).toBe("not a date");
  });
});
