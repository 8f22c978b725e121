import { MAX_SCORE } from "./bindings";
import { AREAS, type Area, type ItemForm, type Scores } from "./types";

/** The highest area score of a form (Rust's `Form::scale_max`). */
export function maxFor(form: ItemForm): number {
  return MAX_SCORE[form];
}

export type ScoreError = "empty" | "notWhole" | "tooLow" | "tooHigh";

/** Validates one typed score; null when it is a whole number within 0..max. */
export function scoreError(raw: string, max: number): ScoreError | null {
  const s = raw.trim();
  if (s === "") return "empty";
  if (!/^-?\d+$/.test(s)) return "notWhole";
  const n = Number(s);
  if (n < 0) return "tooLow";
  if (n > max) return "tooHigh";
  return null;
}

export function parseScores(raw: Record<Area, string>, max: number): Scores | null {
  if (AREAS.some((a) => scoreError(raw[a], max) != null)) return null;
  return Object.fromEntries(AREAS.map((a) => [a, Number(raw[a].trim())])) as Scores;
}

/** Signed difference text with a real minus sign: "+3", "−2", "0". */
export function signed(n: number, locale: string): string {
  const abs = new Intl.NumberFormat(locale).format(Math.abs(n));
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : abs;
}

const LETTERS: Record<string, Area> = {
  R: "realistic", I: "investigative", A: "artistic", S: "social", E: "enterprising", C: "conventional",
};
/** "RSA" → ["realistic", "social", "artistic"]. */
export function codeToAreas(code: string): Area[] {
  return code.toUpperCase().split("").map((c) => LETTERS[c]).filter((a): a is Area => a != null);
}

/**
 * Areas of the code that share a score with another area (in the code or just outside it),
 * grouped, each group in RIASEC order: the line under the code explains how it was ordered.
 */
export function tiesInCode(scores: Scores, top: Area[]): Area[][] {
  const values = [...new Set(top.map((a) => scores[a]))];
  return values.map((v) => AREAS.filter((a) => scores[a] === v)).filter((g) => g.length > 1);
}
