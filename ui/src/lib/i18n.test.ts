import { describe, expect, it } from "vitest";
import { en } from "../locales/en";
import { es } from "../locales/es";

/** Every string in a catalog by its nested key path, e.g. `nav.start`. */
function byPath(o: object, prefix = ""): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "object" && v !== null) {
      for (const [p, s] of byPath(v, `${prefix}${k}.`)) out.set(p, s);
    } else {
      out.set(`${prefix}${k}`, v as string | null);
    }
  }
  return out;
}

const placeholders = (s: string | null) => [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  const enP = byPath(en);
  const esP = byPath(es);

  it("Spanish has every English key and no extra ones", () => {
    expect([...esP.keys()].sort()).toEqual([...enP.keys()].sort());
  });

  // Paired by key path, not by position: a reordered catalog must not hide a gap.
  it("no Spanish string is empty or the same as its long English one", () => {
    for (const [path, enS] of enP) {
      const esS = esP.get(path);
      expect(enS, path).toBeTypeOf("string");
      expect(enS!.trim(), path).not.toBe("");
      expect(esS, path).toBeTypeOf("string");
      expect(esS!.trim(), path).not.toBe("");
      if (enS!.length > 12) expect(esS, path).not.toBe(enS);
    }
  });

  it("each Spanish string keeps its English placeholders", () => {
    for (const [path, enS] of enP) {
      expect(placeholders(esP.get(path) ?? ""), path).toEqual(placeholders(enS));
    }
  });
});

// The register the glossary in locales/README.md sets: US Spanish with tú, American English.
describe("register", () => {
  const words = (o: object) => [...byPath(o)].map(([path, s]) => [path, s ?? ""] as const);
  it("Spanish uses tú and US Latin-American words, with no gendered greeting", () => {
    const banned = [
      /\bAjustes?\b/, // Settings is "Configuración"
      /\b[Ee]ncaje\b/, // fit is "coincidencia"
      /\b[Pp]uls[ae]\b/, // presiona
      /\b[Ii]ntroduc\w*/, // ingresa
      /\b[Ff]ormación\b/, // capacitación
      /\b[Oo]rdenador\b/, // computadora
      /\bañad\w*/, // agregar
      /\b[Pp]untuaci\w*/, // puntaje
      /(?<!la )\b[Bb]ienvenid[oa]s?\b/, // "Te damos la bienvenida"
      /\b(agregue|añada|importe|explore|introduzca|pulse)\b/i, // usted imperatives
      /\b[Ss]us? (puntajes?|respuestas?|intereses|resultados?)\b/, // usted possessives about the reader
      /\b(listo|lista)\?/, // "¿Estás listo?"
    ];
    for (const [path, s] of words(es)) for (const re of banned) expect(s, `${path}: ${re}`).not.toMatch(re);
  });
  it("English uses American spelling", () => {
    const british = /\b\w*(analys|labour|counsell|centre|organis|licence|cancelled|colour|behaviour|favour|catalogue|programme)\w*\b/i;
    for (const [path, s] of words(en)) expect(s, path).not.toMatch(british);
  });
});
