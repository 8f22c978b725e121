// Mock IPC for the e2e build (`vite build --mode e2e`) and the Chromium tests: every Rust command
// answered with deterministic data — what depends on the person's input (outcomes, careers,
// reports, questionnaires, history) is Rust's own output, recorded in ./fixtures — plus
// `window.__waypointMock` to inject failures, delays and offline states, and to inspect the
// calls the UI made.
//
// Every handler is typed as the generated (bindings.ts) return type of its command, and the table
// must cover every generated command, so `npm run check` fails when Rust's contract drifts; the
// fixtures are serialised from the same Rust types by crates/services/tests/ui_fixtures.rs.
import { mockIPC } from "@tauri-apps/api/mocks";
import { commands, events, type KioskStatus_Serialize as KioskStatus, type PinStatus_Serialize as PinStatus, type State as KioskState, type SearchPage_Serialize as SearchPage } from "../lib/bindings";
import outcomesJson from "./fixtures/outcomes.json";
import careersJson from "./fixtures/careers.json";
import reportsJson from "./fixtures/reports.json";
import questionnairesJson from "./fixtures/questionnaires.json";
import historyJson from "./fixtures/history.json";
import referenceJson from "./fixtures/reference.json";
import kioskJson from "./fixtures/kiosk.json";
import searchJson from "./fixtures/search.json";
import prepareJson from "./fixtures/prepare.json";
import {
  AREAS, type AppError, type AreaInfo, type CareerReport, type CareerRow, type CareersPage, type Comparison, type Draft,
  type ItemForm, type JobZoneInfo, type Lang, type Outcome, type PackStatus, type Questionnaire, type Scores,
  type SessionDetail, type SessionPage, type SessionSummary, type SnapshotRow, type Tab, type PrepareProgress, type PrepareSummary,
} from "../lib/types";

type Args = Record<string, unknown>;
interface Failure { error: AppError; times: number }

type Commands = typeof commands;
type Returned<K extends keyof Commands> = Awaited<ReturnType<Commands[K]>>;
/** What Rust sends for command K: the `data` of a fallible command, the value of an infallible one. */
type Data<K extends keyof Commands> =
  Returned<K> extends { status: "ok"; data: infer T } | { status: "error"; error: unknown } ? T : Returned<K>;
type Handlers = { [K in keyof Commands]: (a: Args) => Data<K> | Promise<Data<K>> };

/** "career_report" → "careerReport": the wire name of a command to its key in `commands`. */
function keyOf(cmd: string): string {
  return cmd.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

// The answers of the real Rust code, recorded by crates/services/tests/ui_fixtures.rs
// (`cargo xtask fixtures`). The mock looks answers up and computes none: no scoring, code,
// flat or fit rule lives here, so the UI is only ever tested against states Rust produces.
/** An outcome as recorded, and the result as history files it. */
type OutcomeFixture = Pick<Outcome, "form" | "scores" | "max_per_area" | "code" | "top_areas" | "flat"> & {
  history: Pick<SessionDetail, "form" | "code" | "max_per_area">;
};
const OUTCOMES = outcomesJson as unknown as Record<string, OutcomeFixture>;
const CAREERS = careersJson as unknown as Record<string, CareersPage>;
const REPORTS = reportsJson as unknown as Record<string, CareerReport>;
const QUESTIONNAIRES = questionnairesJson as unknown as Record<string, Questionnaire>;
const { sessions: SEEDED, ...COMPARISONS } = historyJson as unknown as { sessions: SessionDetail[] } & Record<string, Comparison>;
const SEARCH = searchJson as unknown as Record<string, SearchPage>;
const REFERENCE = referenceJson as unknown as { job_zones: JobZoneInfo[]; areas: AreaInfo[] };
/** "Prepare for offline use" as the real services ran it: its progress, a complete run, a run
 * whose Spanish Job Zones failed, and the Spanish Job Zones a complete run saved. */
const PREPARE = prepareJson as unknown as {
  progress: PrepareProgress[]; complete: PrepareSummary; partial: PrepareSummary; job_zones_es: JobZoneInfo[];
};
/** The real PIN pad's answers to wrong PINs in a row (no waiting) and its status after each:
 * the back-off rule lives in crates/kiosk only, so the mock replays, never counts. */
const PIN_PAD = kioskJson as unknown as { fresh: PinStatus; wrong_pins: { error: AppError; pin: PinStatus }[] };

/** The recorded answer for `key`, or an error naming the fixture to add. */
function recorded<T>(file: string, table: Record<string, T>, key: string): T {
  const v = table[key];
  if (v !== undefined) return structuredClone(v);
  const message =
    `The mock has no recorded answer for "${key}" in ui/src/mocks/fixtures/${file}: ` +
    "add the input to crates/services/tests/ui_fixtures.rs and run `cargo xtask fixtures`.";
  console.error(message);
  throw { code: "mock.missing_fixture", message };
}

/** How a result asks for careers, as Rust's `careers::matching`: its answers, else its scores. */
function matchKey(s: SessionDetail): string {
  return s.answers ?? AREAS.map((a) => s.scores[a]).join(",");
}

function snapRow(r: CareerRow, estimate: boolean, fetched_at: string): SnapshotRow {
  return { code: r.code, title: r.title, fit: r.fit, bright_outlook: r.bright_outlook, estimate, fetched_at };
}

function summary(s: SessionDetail): SessionSummary {
  return { id: s.id, finished_at: s.finished_at, form: s.form, code: s.code, label: s.label };
}

export function installMockIpc(): void {
  const params = new URLSearchParams(location.search);
  const state = {
    online: true,
    key: { present: true, last_four: "7Q2F" as string | null },
    pack: { installed: false, release: null, source: null, count: 0, imported_at: null } as PackStatus,
    draft: null as Draft | null,
    /** `?mockNotice=corrupt` starts the app as if Rust had set aside an unreadable database. */
    notices: (params.get("mockNotice") === "corrupt"
      ? [{
          code: "store.recovered_from_corruption",
          message: "Waypoint's saved data could not be read, so a fresh database was started. The old file was kept as /tmp/waypoint-e2e/waypoint.corrupt-20250602.db — nothing was deleted.",
        }]
      : []) as AppError[],
    /** False: results are not saved to history (as on a kiosk that keeps nothing). */
    save: true,
    sessions: structuredClone(SEEDED),
    seenReports: new Map<string, string>(),
    apiCheck: null as Outcome["api_check"] | null,
    /** Which recorded "Prepare for offline use" run the next one replays; set({ prepare }). */
    prepare: "complete" as "complete" | "partial",
    /** Whether a run saved O*NET's Spanish Job Zones (then `jobZones` in Spanish sends them). */
    zonesEs: false,
    failures: new Map<string, Failure>(),
    delays: new Map<string, number>(),
    calls: [] as { cmd: string; args: Args }[],
    exportCancel: false,
    nextId: 1,
    /** Kiosk mode: `?kiosk=1` (PIN 2468) or `set({ kiosk: true, pin })`. */
    kiosk: {
      enabled: params.get("kiosk") === "1",
      unlocked: false,
      pin: (params.get("kiosk") === "1" ? "2468" : null) as string | null,
      /** Wrong PINs so far (the index into PIN_PAD.wrong_pins) and the status Rust then reported. */
      wrong: 0,
      pinStatus: PIN_PAD.fresh as PinStatus,
      settings: { enabled: params.get("kiosk") === "1", idle_minutes: 3, default_lang: "en" as Lang, save_results: false, printing: true, center_name: null as string | null },
      session: "attract" as KioskState,
      lang: "en" as Lang,
      countdown: null as number | null,
      countdownTimer: 0 as ReturnType<typeof setInterval> | 0,
      quit: false,
    },
  };
  const now = () => new Date(Date.UTC(2025, 5, 2, 9, 30 + state.nextId)).toISOString();

  /** A recorded outcome (`key` as in outcomes.json), filed in history as Rust files it. */
  function outcome(key: string, lang: Lang, answers: string | null, label: string | null): Outcome {
    const r = recorded("outcomes.json", OUTCOMES, key);
    const id = `s-new-${state.nextId++}`;
    const at = now();
    if (state.save) {
      state.sessions.unshift({
        id, started_at: at, finished_at: at, form: r.history.form, lang, label, answers, scores: r.scores,
        max_per_area: r.history.max_per_area, code: r.history.code, zone: null, snapshot: [],
      });
    }
    const api_check = state.apiCheck ?? (answers == null ? "not_applicable" : !state.key.present ? "no_key" : state.online ? "matched" : "offline");
    return {
      session_id: id, form: r.form, lang, scores: r.scores, max_per_area: r.max_per_area, code: r.code, top_areas: r.top_areas,
      flat: r.flat, api_check, saved: state.save,
    };
  }

  function careers(a: Args): CareersPage {
    const tab = a.tab as Tab;
    const page = Number(a.page);
    const viaApi = state.key.present && state.online;
    if (!viaApi && !state.pack.installed) {
      if (state.key.present) throw { code: "network.offline", message: "No connection to O*NET." };
      return { tab, page, page_size: 20, total: 0, rows: [], source: "unavailable", fetched_at: null, notice: null };
    }
    const sess = state.sessions.find((s) => s.id === a.sessionId);
    if (!sess) throw notFound();
    const source = viaApi ? "api" : "estimate";
    const out = recorded("careers.json", CAREERS, `${matchKey(sess)} ${tab} ${page} ${a.lang} ${source}`);
    if (viaApi) out.fetched_at = now();
    const srows = out.rows.map((r) => snapRow(r, source === "estimate", now()));
    const snap = sess.snapshot.find((t) => t.tab === tab);
    if (snap) snap.rows = [...snap.rows, ...srows.filter((r) => !snap.rows.some((x) => x.code === r.code))];
    else sess.snapshot.push({ tab, total: out.total, rows: srows });
    return out;
  }

  function found(key: string): SearchPage {
    const viaApi = state.key.present && state.online;
    if (!viaApi && !state.pack.installed) {
      if (state.key.present) throw { code: "network.offline", message: "No connection to O*NET." };
      return { keyword: "", page: 1, page_size: 20, total: 0, rows: [], source: "unavailable", fetched_at: null, notice: null };
    }
    return recorded("search.json", SEARCH, `${key} ${viaApi ? "api" : "estimate"}`);
  }

  function report(a: Args): CareerReport {
    const code = String(a.code);
    const cached = state.seenReports.get(code);
    if (!state.online || !state.key.present) {
      if (!cached) throw { code: "report.unavailable_offline", message: "No saved copy of this report." };
    } else state.seenReports.set(code, now());
    const out = recorded("reports.json", REPORTS, `${code} ${a.lang}`);
    out.source = state.online && state.key.present ? "api" : "cache";
    out.fetched_at = state.seenReports.get(code) ?? null;
    return out;
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function packRun(source: string): Promise<PackStatus> {
    const stages = ["download_occupations", "download_interests", "download_job_zones"] as const;
    for (let i = 0; i < stages.length; i++) {
      for (let d = 0; d <= 2; d++) {
        await events.packProgressEvent.emit({ stage: stages[i], done: i * 2 + d, total: stages.length * 2 });
        await sleep(60);
      }
    }
    state.pack = { installed: true, release: "29.3", source, count: 923, imported_at: now() };
    return state.pack;
  }

  const notFound = () => ({ code: "session.not_found", message: "No such result." });
  const session = (id: unknown): SessionDetail => {
    const s = state.sessions.find((x) => x.id === id);
    if (!s) throw notFound();
    return s;
  };

  function recordOrClear(a: Args, v: number | null): null {
    const d = state.draft;
    if (!d || d.id !== a.draftId) throw { code: "draft.not_found", message: "No such draft." };
    if (v != null && (v < 1 || v > 5)) throw { code: "draft.bad_value", message: "Answers are 1 to 5." };
    d.answers[Number(a.index) - 1] = v;
    const f = d.answers.findIndex((x) => x == null);
    d.first_unanswered = f < 0 ? null : f + 1;
    return null;
  }

  function kioskStatus(): KioskStatus {
    const k = state.kiosk;
    return {
      enabled: k.enabled,
      unlocked: k.unlocked,
      settings: { ...k.settings },
      pin: { ...k.pinStatus, has_pin: k.pin != null },
      session: {
        state: k.countdown != null ? "countdown" : k.session,
        idle_deadline_in_ms: k.session === "attract" || k.countdown != null ? null : k.settings.idle_minutes * 60000,
        countdown_seconds_left: k.countdown,
        lang: k.session === "attract" ? k.settings.default_lang : k.lang,
      },
      printing_off_reason: null,
      pin_lock_error: null,
    };
  }
  function kioskAdmin(): void {
    const k = state.kiosk;
    if (!(k.unlocked || (!k.enabled && !k.pin))) throw { code: "kiosk.locked", message: "Enter the admin PIN to change kiosk settings." };
  }
  function stopCountdown(): void {
    if (state.kiosk.countdownTimer) clearInterval(state.kiosk.countdownTimer);
    state.kiosk.countdownTimer = 0;
    state.kiosk.countdown = null;
  }
  /** As Rust's wipe: the draft and unsaved result gone, then the attract screen. */
  async function kioskWipe(): Promise<void> {
    stopCountdown();
    state.draft = null;
    state.kiosk.session = "attract";
    await events.kioskEffect.emit({ kind: "wipe" });
    await events.kioskEffect.emit({ kind: "show_attract" });
  }
  /** The idle countdown, fast: `seconds` ticks of `tickMs` each, then the wipe. */
  async function kioskCountdown(seconds = 30, tickMs = 100): Promise<void> {
    stopCountdown();
    const k = state.kiosk;
    k.countdown = seconds;
    await events.kioskEffect.emit({ kind: "show_countdown", seconds_left: seconds });
    k.countdownTimer = setInterval(() => {
      if (k.countdown == null) return;
      k.countdown -= 1;
      if (k.countdown <= 0) void kioskWipe();
      else void events.kioskEffect.emit({ kind: "show_countdown", seconds_left: k.countdown });
    }, tickMs);
  }

  const handlers = {
    appInfo: () => ({
      version: "0.0.0-e2e", data_dir: "/tmp/waypoint-e2e", log_dir: "/tmp/waypoint-e2e/logs",
      api_base: "http://127.0.0.1:8787/", api_base_overridden: true,
    }),
    startupNotices: () => structuredClone(state.notices),
    getQuestionnaire: (a): Questionnaire => {
      // Spanish items come from O*NET (with a key); otherwise the bundled English, with a notice when Spanish was asked for.
      const spanish = a.lang === "es" && state.key.present;
      const q = recorded("questionnaires.json", QUESTIONNAIRES, `${a.form} ${a.lang} ${spanish ? "api" : "bundled"}`);
      if (spanish) q.fetched_at = now();
      return q;
    },
    startDraft: (a) => {
      const form = a.form as ItemForm;
      state.draft = { id: `d-${state.nextId++}`, form, lang: a.lang as Lang, answers: Array(form === "ip60" ? 60 : 30).fill(null), first_unanswered: 1, started_at: now() };
      return structuredClone(state.draft);
    },
    recordAnswer: (a) => recordOrClear(a, Number(a.value)),
    clearAnswer: (a) => recordOrClear(a, null),
    resumeDraft: () => (state.draft && state.draft.answers.some((x) => x != null) ? structuredClone(state.draft) : null),
    setDraftLang: (a) => {
      if (state.draft) state.draft.lang = a.lang as Lang;
      return null;
    },
    discardDraft: () => {
      state.draft = null;
      return null;
    },
    submitAnswers: (a) => {
      const d = state.draft;
      if (!d || d.id !== a.draftId) throw { code: "draft.not_found", message: "No such draft." };
      if (d.answers.some((x) => x == null)) throw { code: "draft.incomplete", message: "Some questions are unanswered." };
      if (d.form === "typed") throw { code: "input.invalid", message: "Typed scores have no items." };
      const answers = d.answers.join("");
      const o = outcome(`${d.form} ${d.lang} ${answers}`, d.lang, answers, (a.label as string) ?? null);
      state.draft = null;
      return o;
    },
    submitScores: (a) => {
      const scores = a.scores as Scores;
      return outcome(`typed-${a.form} ${a.lang} ${AREAS.map((x) => scores[x]).join(",")}`, a.lang as Lang, null, (a.label as string) ?? null);
    },
    chooseZone: (a) => {
      const zone = a.zone as number | null;
      if (zone != null && !(zone >= 1 && zone <= 5)) throw { code: "input.invalid_zone", message: `Job Zone ${zone} does not exist: choose a zone from 1 to 5.` };
      session(a.sessionId).zone = zone;
      return null;
    },
    // Rust sends Waypoint's English, which the UI translates (lib/reference.ts), or in Spanish
    // O*NET's own text once "Prepare for offline use" saved it.
    jobZones: (a) => structuredClone(a.lang === "es" && state.zonesEs ? PREPARE.job_zones_es : REFERENCE.job_zones),
    areas: () => structuredClone(REFERENCE.areas),
    careers: (a) => careers(a),
    careerReport: (a) => report(a),
    // Looked up as recorded: O*NET's answer with a key online, else the offline pack's.
    searchCareers: (a) => found(`search ${String(a.keyword).trim().toLowerCase()} ${a.page} ${a.lang}`),
    browseCareers: (a) => found(`browse ${a.area} ${a.tab} ${a.page} ${a.lang}`),
    listSessions: () => state.sessions.map(summary),
    // Search and paging are the store's rules (tested in Rust): a search or a later page is
    // looked up as recorded from the seeded history; the unfiltered first page is the list itself.
    listSessionsPage: (a) => {
      const q = a.query as { label?: string | null; after?: string | null; limit: number };
      if ((q.label ?? "").trim() || q.after || q.limit < state.sessions.length) {
        const key = `list_sessions_page ${(q.label ?? "").trim()}|${q.after ?? ""}|${q.limit}`;
        return recorded("history.json", COMPARISONS as unknown as Record<string, SessionPage>, key);
      }
      const items = state.sessions.map(summary);
      return { items, next: null, total: items.length };
    },
    getSession: (a) => structuredClone(session(a.id)),
    deleteSession: (a) => {
      state.sessions = state.sessions.filter((x) => x.id !== a.id);
      return null;
    },
    compareSessions: (a) => {
      session(a.a);
      session(a.b);
      return recorded("history.json", COMPARISONS as Record<string, Comparison>, `compare ${a.a} ${a.b}`);
    },
    exportSessions: (a) => {
      if (state.exportCancel) throw { code: "export.cancelled", message: "Cancelled." };
      return { path: `/home/counselor/Documents/waypoint-results.${a.format}` };
    },
    importSessions: () => {
      const s = { ...structuredClone(state.sessions[state.sessions.length - 1] ?? SEEDED[1]), id: `s-imported-${state.nextId++}`, label: "Imported" };
      state.sessions.push(s);
      return { imported: 1, skipped_identical: 1, conflicts: ["s-2025-03"] };
    },
    forgetEverything: () => {
      state.sessions = [];
      state.draft = null;
      state.key = { present: false, last_four: null };
      return null;
    },
    keyStatus: () => ({ present: state.key.present, last_four: state.key.last_four, keychain_error: null }),
    setKey: (a) => {
      const key = String(a.key);
      if (!state.online) {
        if (!a.storeIfOffline) return "offline_unverified";
        state.key = { present: true, last_four: key.slice(-4) };
        return "stored_unverified";
      }
      if (key.length < 12 || key.toLowerCase().startsWith("bad")) return "rejected";
      state.key = { present: true, last_four: key.slice(-4) };
      return "valid";
    },
    removeKey: () => {
      state.key = { present: false, last_four: null };
      return null;
    },
    packStatus: () => ({ ...state.pack }),
    importPack: () => packRun("release-file"),
    downloadPack: () => {
      if (!state.online) throw { code: "network.offline", message: "No connection." };
      return packRun("onet-service");
    },
    prepareOffline: async () => {
      if (!state.key.present) throw { code: "onet.no_key", message: "An O*NET API key is needed for this." };
      for (const p of PREPARE.progress) {
        await events.prepareProgressEvent.emit(p);
        await sleep(60);
      }
      const out = structuredClone(PREPARE[state.prepare]);
      if (out.parts.some((p) => p.part === "job_zones_es" && !p.error)) state.zonesEs = true;
      if (out.parts.some((p) => p.part === "occupations" && !p.error))
        state.pack = { installed: true, release: "29.3", source: "onet-service", count: 923, imported_at: now() };
      return out;
    },
    openExternal: () => null,
    saveReportPdf: () => ({ path: "/tmp/waypoint-results.pdf" }),
    printReport: () => {
      if (state.kiosk.enabled && !state.kiosk.settings.printing)
        throw { code: "print.disabled", message: "Printing is turned off in kiosk mode." };
      return { job: "Waypoint-PDF-1" };
    },
    // Kiosk mode is off in the mock unless a test turns it on; the rules follow crates/kiosk.
    kioskStatus: () => kioskStatus(),
    kioskEvent: (a) => {
      const e = a.event as { kind: string; lang?: Lang; to?: KioskState };
      const k = state.kiosk;
      if (!k.enabled) return undefined;
      if (e.kind === "start") {
        k.session = "profiler";
        k.lang = e.lang ?? "en";
      } else if (e.kind === "navigate" && e.to) k.session = e.to;
      else if (e.kind === "activity" && k.countdown != null) {
        stopCountdown();
        void events.kioskEffect.emit({ kind: "hide_countdown" });
      } else if (e.kind === "done") void kioskWipe();
      return undefined;
    },
    kioskUnlock: (a) => {
      const k = state.kiosk;
      if (!k.pin) throw { code: "kiosk.no_pin", message: "No admin PIN has been set." };
      // A test that needs Rust's refusal of the right PIN during a wait injects it with fail().
      if (a.pin === k.pin) {
        k.wrong = 0;
        k.pinStatus = structuredClone(PIN_PAD.fresh);
        k.unlocked = true;
        return kioskStatus();
      }
      const step = PIN_PAD.wrong_pins[Math.min(k.wrong, PIN_PAD.wrong_pins.length - 1)];
      k.wrong += 1;
      k.pinStatus = structuredClone(step.pin);
      throw structuredClone(step.error);
    },
    kioskRelock: () => {
      state.kiosk.unlocked = false;
      return undefined;
    },
    kioskSetPin: (a) => {
      kioskAdmin();
      if (!/^\d{4,8}$/.test(String(a.pin))) throw { code: "kiosk.pin_invalid_format", message: "The PIN must be 4 to 8 digits." };
      state.kiosk.pin = String(a.pin);
      return null;
    },
    kioskUpdate: (a) => {
      const k = state.kiosk;
      kioskAdmin();
      const next = a.settings as typeof k.settings;
      if (next.enabled && !k.pin) throw { code: "kiosk.no_pin", message: "Set an admin PIN before turning kiosk mode on, so staff can leave it." };
      if (!(next.idle_minutes >= 1 && next.idle_minutes <= 30))
        throw { code: "kiosk.config_invalid", message: "admin settings: setting `idle_minutes`: must be 1 to 30" };
      if ((next.center_name ?? "").length > 80) throw { code: "kiosk.config_invalid", message: "admin settings: setting `center_name`: at most 80 characters" };
      k.settings = { ...next, center_name: next.center_name ?? null };
      k.enabled = next.enabled;
      state.save = !k.enabled || k.settings.save_results;
      if (!k.enabled) {
        k.unlocked = false;
        stopCountdown();
      }
      return kioskStatus();
    },
    quitApp: () => {
      if (state.kiosk.enabled && !state.kiosk.unlocked) throw { code: "kiosk.locked", message: "Enter the admin PIN to close Waypoint." };
      state.kiosk.quit = true;
      return null;
    },
    uiReady: () => {},
  } satisfies Handlers;

  async function handle(cmd: string, a: Args): Promise<unknown> {
    const key = keyOf(cmd);
    if (!(key in handlers)) throw { code: "mock.unknown_command", message: `no mock for ${cmd}` };
    return (handlers[key as keyof Commands] as (a: Args) => unknown)(a);
  }

  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Args;
      if (cmd.startsWith("plugin:")) return undefined;
      state.calls.push({ cmd, args: structuredClone(args) });
      const delay = state.delays.get(cmd);
      if (delay) await sleep(delay);
      const f = state.failures.get(cmd);
      if (f && f.times > 0) {
        f.times -= 1;
        if (f.times <= 0) state.failures.delete(cmd);
        throw f.error;
      }
      return handle(cmd, args);
    },
    { shouldMockEvents: true },
  );

  const control = {
    /** The next `times` calls of `cmd` fail with `error` (default: until clear()). */
    fail(cmd: string, error: AppError, times = Infinity) {
      state.failures.set(cmd, { error, times });
    },
    delay(cmd: string, ms: number) {
      state.delays.set(cmd, ms);
    },
    clear() {
      state.failures.clear();
      state.delays.clear();
    },
    async setOnline(online: boolean) {
      state.online = online;
      await events.onlineStatus.emit({ online });
    },
    /** Starts the idle countdown (as Rust's timer would), `tickMs` per second for quick tests. */
    countdown(seconds = 30, tickMs = 100) {
      return kioskCountdown(seconds, tickMs);
    },
    /** A notice found after start-up (the later integrity check), sent as Rust sends it. */
    storeNotice(n: AppError) {
      return events.storeNotice.emit(n);
    },
    /** Pushes a kiosk effect through the generated event, as Rust does. */
    effect(e: Parameters<typeof events.kioskEffect.emit>[0]) {
      return events.kioskEffect.emit(e);
    },
    async set(patch: {
      key?: boolean; pack?: boolean; apiCheck?: Outcome["api_check"] | null; exportCancel?: boolean; save?: boolean;
      kiosk?: boolean; pin?: string | null; centerName?: string | null; printing?: boolean; prepare?: "complete" | "partial";
      /** `wrong: n` stands for Rust's status after n wrong PINs in a row (recorded); 0 = no wait. */
      wrong?: number;
    }) {
      const k = state.kiosk;
      if (patch.pin !== undefined) k.pin = patch.pin;
      if (patch.centerName !== undefined) k.settings.center_name = patch.centerName;
      if (patch.printing != null) k.settings.printing = patch.printing;
      if (patch.wrong != null) {
        k.wrong = patch.wrong;
        k.pinStatus = structuredClone(patch.wrong === 0 ? PIN_PAD.fresh : PIN_PAD.wrong_pins[patch.wrong - 1].pin);
      }
      if (patch.kiosk != null) {
        k.enabled = patch.kiosk;
        k.settings.enabled = patch.kiosk;
        k.unlocked = false;
        k.session = "attract";
        // As a restart with the new setting: the UI re-reads kioskStatus on show_attract.
        await events.kioskEffect.emit({ kind: "show_attract" });
      }
      if (patch.save != null) state.save = patch.save;
      if (patch.prepare != null) state.prepare = patch.prepare;
      if (patch.key != null) state.key = patch.key ? { present: true, last_four: "7Q2F" } : { present: false, last_four: null };
      if (patch.pack != null)
        state.pack = patch.pack
          ? { installed: true, release: "29.3", source: "file", count: 923, imported_at: "2025-05-01T12:00:00Z" }
          : { installed: false, release: null, source: null, count: 0, imported_at: null };
      if (patch.apiCheck !== undefined) state.apiCheck = patch.apiCheck;
      if (patch.exportCancel != null) state.exportCancel = patch.exportCancel;
    },
    calls(cmd?: string) {
      return state.calls.filter((c) => !cmd || c.cmd === cmd);
    },
    state,
  };
  (window as unknown as { __waypointMock: typeof control }).__waypointMock = control;
}
