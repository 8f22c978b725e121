// Reads the parts of an O*NET career report (see /work/shared/onet-api-v2.md §5) that the career
// page turns into sentences: the summary band, the salary bar, related careers, states.
// Every reader is defensive: a section may be missing or empty, and unknown keys are ignored.
import { isPlainObject } from "./report";
import type { CareerReport } from "./types";

export function sectionOf(report: CareerReport, id: string): unknown {
  return report.sections.find((s) => s.id === id)?.content;
}

function obj(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}
function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
}

/** The first sentence of a paragraph (all of it when it has only one). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text.trim());
  return m ? m[1] : text.trim();
}

export interface Pay {
  value: number;
  /** O*NET top-codes high pay: "$239,200 or more". */
  over: boolean;
}

function pay(salary: Record<string, unknown>, key: string): Pay | null {
  const plain = salary[key];
  if (typeof plain === "number") return { value: plain, over: false };
  const over = salary[`${key}_over`];
  if (typeof over === "number") return { value: over, over: true };
  return null;
}

export interface SalaryRange {
  unit: "annual" | "hourly";
  low: Pay | null;
  median: Pay;
  high: Pay | null;
}

/** The 10th percentile, median and 90th percentile pay, yearly or hourly; null without a median. */
export function salaryRange(outlook: unknown, unit: "annual" | "hourly"): SalaryRange | null {
  const s = obj(obj(outlook).salary);
  const median = pay(s, `${unit}_median`);
  if (!median) return null;
  return { unit, median, low: pay(s, `${unit}_10th_percentile`), high: pay(s, `${unit}_90th_percentile`) };
}

/** Where a value sits between the range's ends, 0–100, for drawing the bar. */
export function position(range: SalaryRange, p: Pay): number {
  const lo = range.low?.value ?? 0;
  const hi = range.high?.value ?? range.median.value;
  if (hi <= lo) return 50;
  return Math.round(((p.value - lo) / (hi - lo)) * 100);
}

export interface JobZone {
  code: number;
  title: string | null;
  experience: string | null;
  training: string | null;
  education: string | null;
}

export function jobZone(education: unknown): JobZone | null {
  const z = obj(obj(education).job_zone);
  if (typeof z.code !== "number") return null;
  return { code: z.code, title: str(z.title), experience: str(z.experience), training: str(z.training), education: str(z.education) };
}

export interface Summary {
  whatTheyDo: string | null;
  bright: boolean;
  zone: JobZone | null;
  education: string[];
  median: Pay | null;
}

export function summarize(report: CareerReport): Summary {
  const overview = obj(sectionOf(report, "overview"));
  const outlook = obj(sectionOf(report, "job_outlook"));
  const education = sectionOf(report, "education");
  const what = str(overview.what_they_do);
  const bright = obj(overview.tags).bright_outlook === true || str(obj(outlook.outlook).category) === "Bright";
  return {
    whatTheyDo: what ? firstSentence(what) : null,
    bright,
    zone: jobZone(education),
    education: strings(obj(education).education_usually_needed),
    median: salaryRange(outlook, "annual")?.median ?? null,
  };
}

export interface CareerLink {
  code: string;
  title: string;
  bright: boolean;
}

/** Explore More's related careers (CareerRef: code, title, tags). */
export function relatedCareers(exploreMore: unknown): CareerLink[] {
  const list = obj(exploreMore).careers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const o = obj(c);
    const code = str(o.code);
    const title = str(o.title);
    return code && title ? [{ code, title, bright: obj(o.tags).bright_outlook === true }] : [];
  });
}

/** Named groups with their items: Knowledge, Skills, Abilities ({name, element[]}). */
export function groups(content: unknown): { name: string; items: string[] }[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((g) => {
    const o = obj(g);
    const name = str(o.name) ?? str(o.title);
    const items = Array.isArray(o.element) ? o.element.flatMap((e) => str(obj(e).name) ?? []) : [];
    return name ? [{ name, items }] : [];
  });
}

export interface Software {
  category: string;
  examples: { title: string; inDemand: boolean }[];
}

/** Technology: software by category; "in demand" from `in_demand` or `hot_technology`. */
export function software(content: unknown): Software[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((c) => {
    const o = obj(c);
    const category = str(o.title);
    if (!category) return [];
    const examples = (Array.isArray(o.example) ? o.example : []).flatMap((e) => {
      const x = obj(e);
      const title = str(x.title);
      return title ? [{ title, inDemand: x.in_demand === true || x.hot_technology === true }] : [];
    });
    return [{ category, examples }];
  });
}

/** Check Out My State: state names grouped by outlook, in the order O*NET first uses them. */
export function statesByOutlook(content: unknown): { outlook: string; states: string[] }[] {
  if (!Array.isArray(content)) return [];
  const out = new Map<string, string[]>();
  for (const s of content) {
    const o = obj(s);
    const name = str(o.name);
    const outlook = str(o.job_outlook);
    if (!name || !outlook) continue;
    out.set(outlook, [...(out.get(outlook) ?? []), name]);
  }
  return [...out].map(([outlook, states]) => ({ outlook, states }));
}
