// Typed wrappers for the Rust commands that are not yet in the generated bindings.ts.
// Each returns the same {status, data | error} shape as tauri-specta, so switching a call to
// `commands.x` later is mechanical. Command names are snake_case, argument names camelCase.
import { invoke } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import type {
  AppError, AreaInfo, CareerReport, CareersPage, Comparison, Draft, ImportReport, ItemForm, JobZone,
  KeyStatus, Lang, Outcome, PackStatus, Questionnaire, Result, Scores, Session, SessionSummary,
  SetKeyStatus, Tab,
} from "./types";

export function toAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return { code: String((e as AppError).code), message: String((e as AppError).message) };
  }
  if (e instanceof Error) return { code: "ui.exception", message: e.message };
  return { code: "unknown", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<Result<T>> {
  try {
    return { status: "ok", data: await invoke<T>(cmd, args) };
  } catch (e) {
    return { status: "error", error: toAppError(e) };
  }
}

export const api = {
  appInfo: () => commands.appInfo(),
  getQuestionnaire: (form: ItemForm, lang: Lang) => call<Questionnaire>("get_questionnaire", { form, lang }),
  startDraft: (form: ItemForm, lang: Lang) => call<Draft>("start_draft", { form, lang }),
  recordAnswer: (draftId: string, index: number, value: number) =>
    call<null>("record_answer", { draftId, index, value }),
  clearAnswer: (draftId: string, index: number) => call<null>("clear_answer", { draftId, index }),
  resumeDraft: () => call<Draft | null>("resume_draft"),
  discardDraft: (draftId: string) => call<null>("discard_draft", { draftId }),
  setDraftLang: (draftId: string, lang: Lang) => call<null>("set_draft_lang", { draftId, lang }),
  submitAnswers: (draftId: string, label: string | null) => call<Outcome>("submit_answers", { draftId, label }),
  submitScores: (form: ItemForm, scores: Scores, lang: Lang, label: string | null) =>
    call<Outcome>("submit_scores", { form, scores, lang, label }),
  jobZones: (lang: Lang) => call<JobZone[]>("job_zones", { lang }),
  areas: (lang: Lang) => call<AreaInfo[]>("areas", { lang }),
  careers: (sessionId: string, tab: Tab, page: number, lang: Lang) =>
    call<CareersPage>("careers", { sessionId, tab, page, lang }),
  careerReport: (code: string, lang: Lang) => call<CareerReport>("career_report", { code, lang }),
  listSessions: () => call<SessionSummary[]>("list_sessions"),
  getSession: (id: string) => call<Session>("get_session", { id }),
  deleteSession: (id: string) => call<null>("delete_session", { id }),
  compareSessions: (a: string, b: string) => call<Comparison>("compare_sessions", { a, b }),
  exportSessions: (format: "json" | "csv", ids: string[] | null) =>
    call<{ path: string }>("export_sessions", { format, ids }),
  importSessions: () => call<ImportReport>("import_sessions"),
  forgetEverything: () => call<null>("forget_everything"),
  keyStatus: () => call<KeyStatus>("key_status"),
  setKey: (key: string, storeIfOffline: boolean) =>
    call<{ status: SetKeyStatus }>("set_key", { key, storeIfOffline }),
  removeKey: () => call<null>("remove_key"),
  packStatus: () => call<PackStatus>("pack_status"),
  importPack: () => call<PackStatus>("import_pack"),
  downloadPack: () => call<PackStatus>("download_pack"),
  openExternal: (url: string) => call<null>("open_external", { url }),
};

/** Every command name the UI calls, for checking against the Rust side. */
export const COMMAND_NAMES = [
  "app_info", "get_questionnaire", "start_draft", "record_answer", "clear_answer", "resume_draft",
  "discard_draft", "set_draft_lang", "submit_answers", "submit_scores", "job_zones", "areas", "careers",
  "career_report", "list_sessions", "get_session", "delete_session", "compare_sessions", "export_sessions",
  "import_sessions", "forget_everything", "key_status", "set_key", "remove_key", "pack_status",
  "import_pack", "download_pack", "open_external",
] as const;
export const EVENT_NAMES = ["pack-progress", "online_status"] as const;
