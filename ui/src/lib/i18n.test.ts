import { describe, expect, it } from "vitest";
import { en } from "../locales/en";
import { es } from "../locales/es";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaves(o: object): string[] {
  return Object.values(o).flatMap((v) => (typeof v === "object" ? leaves(v) : [v as string]));
}

describe("catalogs", () => {
  it("Spanish has every English key and no extra ones", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
  it("no Spanish string is left empty or identical to a long English one", () => {
    const enL = leaves(en);
    leaves(es).forEach((s, i) => {
      expect(s.trim()).not.toBe("");
      if (enL[i].length > 12) expect(s).not.toBe(enL[i]);
    });
  });
});
