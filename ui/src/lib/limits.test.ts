import { describe, expect, it } from "vitest";
import { isPinFormat, PIN_MAX_DIGITS, PIN_MIN_DIGITS } from "./limits";

describe("isPinFormat", () => {
  it("accepts digits within the limits and nothing else", () => {
    expect(isPinFormat("1".repeat(PIN_MIN_DIGITS))).toBe(true);
    expect(isPinFormat("9".repeat(PIN_MAX_DIGITS))).toBe(true);
    expect(isPinFormat("1".repeat(PIN_MIN_DIGITS - 1))).toBe(false);
    expect(isPinFormat("1".repeat(PIN_MAX_DIGITS + 1))).toBe(false);
    expect(isPinFormat("12a4")).toBe(false);
    expect(isPinFormat("")).toBe(false);
  });
});
