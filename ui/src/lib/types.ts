// Shapes of the Rust commands' data (snake_case, as serde sends them). When bindings.ts gains a
// command, prefer its generated type; these mirror the contract agreed with the Rust lead.
import type { AppError } from "./bindings";
export type { AppError, AppInfo } from "./bindings";

export type Lang = "en" | "es";
export type Form = "ip60" | "ip30" | "typed";
export type ItemForm = "ip60" | "ip30";
export type Area = "realistic" | "investigative" | "artistic" | "social" | "enterprising" | "conventional";
export type Fit = "Best" | "Great" | "Good";
export type Tab = "1" | "2" | "3" | "4" | "5" | "all";

export const AREAS: Area[] = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"];
export const TABS: Tab[] = ["1", "2", "3", "4", "5", "all"];

export type Scores = Record<Area, number>;

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

export interface Item {
  index: number;
  area: Area;
  text: string;
}
export interface Questionnaire {
  form: ItemForm;
  lang: Lang;
  items: Item[];
  options: { value: number; label: string }[];
  source: "api" | "cache" | "bundled";
  fetched_at: string | null;
  notice: string | null;
}
export interface Draft {
  id: string;
  form: ItemForm;
  lang: Lang;
  answers: (number | null)[];
  first_unanswered: number | null;
  started_at: string;
}
export interface Outcome {
  session_id: string;
  form: Form;
  lang: Lang;
  scores: Scores;
  max_per_area: 40 | 20;
  code: string;
  top_areas: Area[];
  flat: boolean;
  api_check: "matched" | "mismatch" | "offline" | "no_key";
}
export interface JobZone {
  zone: number;
  title: string;
  svp_range: string;
  education: string;
  experience: string;
  training: string;
  examples: string;
}
export interface AreaInfo {
  area: Area;
  title: string;
  description: string;
}
export interface CareerRow {
  code: string;
  title: string;
  fit: Fit | null;
  bright_outlook: boolean;
}
export interface CareersPage {
  tab: Tab;
  page: number;
  page_size: number;
  total: number;
  rows: CareerRow[];
  source: "api" | "cache" | "estimate" | "unavailable";
  fetched_at: string | null;
  notice: string | null;
}
export interface ReportSection {
  id: string;
  title: string;
  content: unknown;
}
export interface CareerReport {
  code: string;
  title: string;
  source: "api" | "cache";
  fetched_at: string | null;
  sections: ReportSection[];
}
export interface SessionSummary {
  id: string;
  finished_at: string;
  form: Form;
  lang: Lang;
  code: string;
  label: string | null;
  zone: number | null;
}
export interface SnapshotRow extends CareerRow {
  source: "api" | "estimate";
  fetched_at: string | null;
}
export interface SnapshotTab {
  tab: Tab;
  total: number;
  rows: SnapshotRow[];
}
export interface Session extends SessionSummary {
  scores: Scores;
  max_per_area: 40 | 20;
  answers: string | null;
  snapshot: SnapshotTab[];
}
export interface Comparison {
  a: Session;
  b: Session;
  diff: Scores;
}
export interface ImportReport {
  imported: number;
  skipped: number;
  conflicts: string[];
}
export interface KeyStatus {
  present: boolean;
  last_four: string | null;
  keychain_error: AppError | null;
}
export type SetKeyStatus = "valid" | "rejected" | "offline_unverified" | "stored_unverified";
export interface PackStatus {
  installed: boolean;
  release: string | null;
  source: string | null;
  count: number;
  imported_at: string | null;
}
export interface PackProgress {
  stage: string;
  done: number;
  total: number;
}
