import { describe, expect, it } from "vitest";
import { codeToAreas, tiesInCode, maxFor, parseScores, scoreError, signed } from "./scores";

describe("typed scores", () => {
  it("knows each form's maximum", () => {
    expect(maxFor("ip60")).toBe(40);
    expect(maxFor("ip30")).toBe(20);
  });
  it("gives a specific error for each bad value", () => {
    expect(scoreError("", 40)).toBe("empty");
    expect(scoreError("  ", 40)).toBe("empty");
    expect(scoreError("12.5", 40)).toBe("notWhole");
    expect(scoreError("abc", 40)).toBe("notWhole");
    expect(scoreError("-1", 40)).toBe("tooLow");
    expect(scoreError("41", 40)).toBe("tooHigh");
    expect(scoreError("21", 20)).toBe("tooHigh");
    expect(scoreError("0", 20)).toBeNull();
    expect(scoreError(" 40 ", 40)).toBeNull();
  });
  it("parses six good scores and refuses any bad one", () => {
    const raw = { realistic: "27", investigative: "13", artistic: "23", social: "25", enterprising: "14", conventional: "14" };
    expect(parseScores(raw, 40)).toEqual({ realistic: 27, investigative: 13, artistic: 23, social: 25, enterprising: 14, conventional: 14 });
    expect(parseScores({ ...raw, social: "45" }, 40)).toBeNull();
  });
  it("formats differences with a sign and reads codes", () => {
    expect(signed(4, "en")).toBe("+4");
    expect(signed(-5, "en")).toBe("−5");
    expect(signed(0, "es")).toBe("0");
    expect(codeToAreas("RSA")).toEqual(["realistic", "social", "artistic"]);
  });
});

describe("ties in the code", () => {
  it("groups the code's areas that share a score, in RIASEC order", () => {
    const scores = { realistic: 12, investigative: 30, artistic: 30, social: 18, enterprising: 9, conventional: 9 };
    expect(tiesInCode(scores, ["investigative", "artistic", "social"])).toEqual([["investigative", "artistic"]]);
    // A tie just outside the code is named too: the code took one of them.
    expect(tiesInCode({ ...scores, enterprising: 18 }, ["investigative", "artistic", "social"])).toEqual([
      ["investigative", "artistic"],
      ["social", "enterprising"],
    ]);
    expect(tiesInCode({ ...scores, artistic: 20 }, ["investigative", "artistic", "social"])).toEqual([]);
  });
});
