import { describe, expect, it } from "vitest";
import { en } from "../locales/en";
import { es } from "../locales/es";

// A null leaf is an error code that shows the backend's own message.
const isBranch = (v: unknown): v is object => v !== null && typeof v === "object";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    isBranch(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaves(o: object): (string | null)[] {
  return Object.values(o).flatMap((v) => (isBranch(v) ? leaves(v) : [v as string | null]));
}

describe("catalogs", () => {
  it("Spanish has every English key and no extra ones", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
  it("no Spanish string is left empty or identical to a long English one", () => {
    const enL = leaves(en);
    leaves(es).forEach((s, i) => {
      const e = enL[i];
      if (s === null || e === null) return expect(s).toBe(e);
      expect(s.trim()).not.toBe("");
      if (e.length > 12) expect(s).not.toBe(e);
    });
  });
});
