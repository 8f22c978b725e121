// Mock IPC for the e2e build (`vite build --mode e2e`) and the Chromium tests: every Rust command
// answered with realistic, deterministic data, plus `window.__waypointMock` to inject failures,
// delays and offline states, and to inspect the calls the UI made.
//
// Every answer is typed as the generated (bindings.ts) return type of its command, and the table
// must cover every generated command, so `npm run check` fails when Rust's contract drifts.
import { mockIPC } from "@tauri-apps/api/mocks";
import { commands, events, type KioskStatus_Serialize as KioskStatus, type State as KioskState } from "../lib/bindings";
import { IP30, IP60, AREAS_EN, JOB_ZONES_EN } from "./data";
import {
  AREAS, type AppError, type Area, type CareerReport, type CareerRow, type CareersPage, type Draft, type Fit,
  type Form, type ItemForm, type Lang, type Outcome, type PackStatus, type Questionnaire, type Scores,
  type SessionDetail, type SessionSummary, type SnapshotRow, type Tab,
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

const LETTER: Record<Area, string> = {
  realistic: "R", investigative: "I", artistic: "A", social: "S", enterprising: "E", conventional: "C",
};
const POOLS: Record<string, string[]> = {
  "1": ["Dishwashers", "Landscaping and Groundskeeping Workers", "Baristas", "Maids and Housekeeping Cleaners", "Farmworkers and Laborers", "Fast Food Cooks", "Hand Packers and Packagers", "Ushers and Ticket Takers", "Dining Room Attendants", "Car Wash Attendants", "Graders and Sorters", "Amusement Park Attendants"],
  "2": ["Customer Service Representatives", "Tellers", "Security Guards", "Carpet Installers", "Bakers", "Bus Drivers", "Floral Designers", "Pharmacy Aides", "Reservation Agents", "Tile and Stone Setters", "Retail Salespersons", "Light Truck Drivers", "Painters, Construction", "Recreation Workers", "Library Assistants", "Veterinary Assistants"],
  "3": ["Electricians", "Medical Assistants", "Barbers", "Dancers", "Skincare Specialists", "Court Reporters", "Chefs and Head Cooks", "Plumbers", "Dental Hygienists", "Firefighters", "Photographers", "Radiologic Technologists", "Makeup Artists, Theatrical", "Automotive Service Technicians"],
  "4": ["Civil Engineers", "Accountants and Auditors", "Graphic Designers", "Elementary School Teachers", "Registered Nurses", "Software Developers", "Social Workers", "Market Research Analysts", "Film and Video Editors", "Fashion Designers", "Chemists", "Music Directors and Composers", "Sales Managers", "Zoologists and Wildlife Biologists"],
  "5": ["Physicians", "Lawyers", "Astronomers", "Pharmacists", "Clinical Psychologists", "Physical Therapists", "Art Therapists", "Epidemiologists", "Veterinarians", "Postsecondary Teachers", "Speech-Language Pathologists", "Mathematicians"],
};
const VARIANTS = ["", "Supervisors of ", "Trainees, ", "Lead "];
const TOTALS: Record<string, number> = { "1": 12, "2": 47, "3": 33, "4": 41, "5": 24 };
const ZONE_OF_TAB = ["1", "2", "3", "4", "5"];

function rowsForZone(zone: string): CareerRow[] {
  const pool = POOLS[zone];
  return Array.from({ length: TOTALS[zone] }, (_, i) => {
    const base = pool[i % pool.length];
    const variant = VARIANTS[Math.floor(i / pool.length) % VARIANTS.length];
    const title = variant.endsWith(", ") ? `${base}, trainees` : `${variant}${variant ? base.toLowerCase() : base}`;
    const n = TOTALS[zone];
    const fit: Fit = i < Math.ceil(n * 0.15) ? "Best" : i < Math.ceil(n * 0.5) ? "Great" : "Good";
    const code = `${10 + Number(zone) * 7 + (i % 5)}-${String(1000 + ((i * 397 + Number(zone) * 131) % 9000)).padStart(4, "0")}.00`;
    return { code, title, fit, bright_outlook: (i * 7 + Number(zone)) % 3 === 0 };
  });
}
const ROWS: Record<string, CareerRow[]> = Object.fromEntries(ZONE_OF_TAB.map((z) => [z, rowsForZone(z)]));
function rowsForTab(tab: Tab): CareerRow[] {
  if (tab !== "all") return ROWS[tab];
  // "All" interleaves the zones so every fit band appears near the top.
  const all = ZONE_OF_TAB.flatMap((z) => ROWS[z].map((r, i) => ({ r, k: i / ROWS[z].length })));
  return all.sort((x, y) => x.k - y.k).map((x) => x.r);
}

function score(form: ItemForm, answers: number[]): Scores {
  const items = form === "ip60" ? IP60 : IP30;
  const s = Object.fromEntries(AREAS.map((a) => [a, 0])) as Scores;
  items.forEach(([index, area]) => (s[area] += (answers[index - 1] ?? 1) - 1));
  return s;
}
function summarise(scores: Scores, max: number): { code: string; top: Area[]; flat: boolean } {
  const sorted = [...AREAS].sort((a, b) => scores[b] - scores[a] || AREAS.indexOf(a) - AREAS.indexOf(b));
  const vals = AREAS.map((a) => scores[a]);
  const flat = Math.max(...vals) - Math.min(...vals) <= max * 0.1;
  const top = sorted.slice(0, 3);
  return { code: top.map((a) => LETTER[a]).join(""), top, flat };
}

function snapRow(r: CareerRow, estimate: boolean, fetched_at: string): SnapshotRow {
  return { code: r.code, title: r.title, fit: r.fit, bright_outlook: r.bright_outlook, estimate, fetched_at };
}

function summary(s: SessionDetail): SessionSummary {
  return { id: s.id, finished_at: s.finished_at, form: s.form, code: s.code, label: s.label };
}

function seedSessions(): SessionDetail[] {
  const mk = (id: string, finished_at: string, form: Form, scores: Scores, label: string | null, zone: number | null): SessionDetail => {
    const max = form === "ip30" ? 20 : 40;
    const snapshot = zone
      ? [{ tab: String(zone) as Tab, total: TOTALS[String(zone)], rows: ROWS[String(zone)].slice(0, 20).map((r) => snapRow(r, false, finished_at)) }]
      : [];
    const s = summarise(scores, max);
    return {
      id, started_at: finished_at, finished_at, form, lang: "en", label, answers: null, scores, max_per_area: max,
      code: s.flat ? null : s.code, zone, snapshot,
    };
  };
  return [
    mk("s-2025-03", "2025-03-14T15:20:00Z", "ip60", { realistic: 27, investigative: 13, artistic: 23, social: 25, enterprising: 14, conventional: 14 }, "Maria", 3),
    mk("s-2025-01", "2025-01-09T10:05:00Z", "typed", { realistic: 22, investigative: 16, artistic: 19, social: 29, enterprising: 11, conventional: 17 }, "Maria (paper)", 2),
  ];
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
    sessions: seedSessions(),
    seenReports: new Map<string, string>(),
    apiCheck: null as Outcome["api_check"] | null,
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
      tries: 5,
      lockedUntil: 0,
      lockLevel: 0,
      settings: { enabled: params.get("kiosk") === "1", idle_minutes: 3, default_lang: "en" as Lang, save_results: false, printing: true, center_name: null as string | null },
      session: "attract" as KioskState,
      lang: "en" as Lang,
      countdown: null as number | null,
      countdownTimer: 0 as ReturnType<typeof setInterval> | 0,
      quit: false,
    },
  };
  const now = () => new Date(Date.UTC(2025, 5, 2, 9, 30 + state.nextId)).toISOString();

  function outcome(form: Form, itemForm: ItemForm, scores: Scores, lang: Lang, label: string | null): Outcome {
    const max = itemForm === "ip60" ? 40 : 20;
    const s = summarise(scores, max);
    const id = `s-new-${state.nextId++}`;
    const at = now();
    if (state.save) {
      state.sessions.unshift({
        id, started_at: at, finished_at: at, form, lang, label, answers: null, scores, max_per_area: max,
        code: s.flat ? null : s.code, zone: null, snapshot: [],
      });
    }
    const api_check = state.apiCheck ?? (form === "typed" ? "not_applicable" : !state.key.present ? "no_key" : state.online ? "matched" : "offline");
    // As Rust: a flat profile has no code and no top areas.
    return {
      session_id: id, form, lang, scores, max_per_area: max, code: s.flat ? "" : s.code, top_areas: s.flat ? [] : s.top,
      flat: s.flat, api_check, saved: state.save,
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
    const all = rowsForTab(tab);
    const rows = all.slice((page - 1) * 20, page * 20);
    const source = viaApi ? "api" : "estimate";
    const sess = state.sessions.find((s) => s.id === a.sessionId);
    if (sess) {
      const snap = sess.snapshot.find((t) => t.tab === tab);
      const srows = rows.map((r) => snapRow(r, source === "estimate", now()));
      if (snap) snap.rows = [...snap.rows, ...srows.filter((r) => !snap.rows.some((x) => x.code === r.code))];
      else sess.snapshot.push({ tab, total: all.length, rows: srows });
    }
    return { tab, page, page_size: 20, total: all.length, rows, source, fetched_at: viaApi ? now() : null, notice: null };
  }

  function report(a: Args): CareerReport {
    const code = String(a.code);
    const es = a.lang === "es";
    const row = Object.values(ROWS).flat().find((r) => r.code === code);
    const title = row?.title ?? "Career";
    const cached = state.seenReports.get(code);
    if (!state.online || !state.key.present) {
      if (!cached) throw { code: "report.unavailable_offline", message: "No saved copy of this report." };
    } else state.seenReports.set(code, now());
    const t = (en: string, sp: string) => (es ? sp : en);
    return {
      code, title, lang: es ? "es" : "en", source: state.online && state.key.present ? "api" : "cache", fetched_at: state.seenReports.get(code) ?? null,
      sections: [
        { id: "overview", title: t("Overview", "Resumen"), content: {
          what_they_do: t(`${title} plan, carry out and check work in their field, often working with a team.`, `Los ${title} planifican, realizan y revisan trabajo en su campo, a menudo en equipo.`),
          on_the_job: [t("Plan and organise daily tasks.", "Planificar y organizar las tareas diarias."), t("Talk with clients or co-workers about the work.", "Hablar con clientes o compañeros sobre el trabajo."), t("Keep records of the work done.", "Llevar registros del trabajo realizado.")],
          also_called: [{ title: `${title} I`, summary: true }, { title: t(`Senior ${title}`, `${title} sénior`), summary: false }],
        } },
        { id: "knowledge", title: t("Knowledge", "Conocimientos"), content: [
          { id: "2.C.1", name: t("Business", "Negocios"), element: [{ id: "2.C.1.e", name: t("Customer and personal service", "Atención al cliente") }] },
          { id: "2.C.3", name: t("Engineering and Technology", "Ingeniería y tecnología"), element: [{ id: "2.C.3.b", name: t("Design", "Diseño") }, { id: "2.C.3.c", name: t("Building and construction", "Construcción") }] },
        ] },
        { id: "skills", title: t("Skills", "Habilidades"), content: [
          { id: "2.A.1", name: t("Basic Skills", "Habilidades básicas"), element: [{ id: "2.A.1.a", name: t("Listening to others", "Escuchar a los demás") }, { id: "2.A.1.f", name: t("Talking to others", "Hablar con los demás") }] },
        ] },
        { id: "personality", title: t("Personality", "Personalidad"), content: {
          top_interest: { id: "1.B.1.a", name: t("Realistic", "Realista"), description: t("People interested in this work like activities that include practical, hands-on problems and answers.", "A quienes les interesa este trabajo les gustan los problemas prácticos.") },
          work_styles: [{ id: "1.C.5.a", name: t("Dependability", "Confiabilidad") }, { id: "1.C.4.a", name: t("Self-control", "Autocontrol") }],
        } },
        { id: "technology", title: t("Technology", "Tecnología"), content: [
          { code: 43232604, title: t("Computer aided design CAD software", "Software de diseño asistido por computadora"), example: [{ title: "Autodesk AutoCAD", hot_technology: true, percentage: 61 }] },
        ] },
        { id: "education", title: t("Education", "Educación"), content: { education_usually_needed: [t("high school diploma/GED", "diploma de secundaria")] } },
        { id: "job_outlook", title: t("Job Outlook", "Perspectiva laboral"), content: {
          outlook: { category: t("Bright", "Brillante"), description: t("New job opportunities are very likely in the future.", "Es muy probable que haya nuevas oportunidades.") },
          salary: { soc_code: code.slice(0, 7), annual_10th_percentile: 36220, annual_median: 55890, annual_90th_percentile: 98640, hourly_median: 26.87 },
        } },
        { id: "explore_more", title: t("Explore More", "Explorar más"), content: { careers: ROWS["3"].slice(0, 3).map((r) => ({ href: "", code: r.code, title: r.title, tags: { bright_outlook: r.bright_outlook } })) } },
      ],
    };
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
    const left = Math.ceil((k.lockedUntil - Date.now()) / 1000);
    return {
      enabled: k.enabled,
      unlocked: k.unlocked,
      settings: { ...k.settings },
      pin: { has_pin: k.pin != null, locked_seconds_left: left > 0 ? left : null, tries_left: left > 0 ? 0 : k.tries },
      session: {
        state: k.countdown != null ? "countdown" : k.session,
        idle_deadline_in_ms: k.session === "attract" || k.countdown != null ? null : k.settings.idle_minutes * 60000,
        countdown_seconds_left: k.countdown,
        lang: k.session === "attract" ? k.settings.default_lang : k.lang,
      },
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
      const form = a.form as ItemForm;
      const spanish = a.lang === "es" && state.key.present;
      const items = (form === "ip60" ? IP60 : IP30).map(([index, area, en, es]) => ({ index, area, text: spanish ? es : en }));
      const labels = spanish
        ? ["Me disgusta mucho", "Me disgusta", "No estoy seguro", "Me gusta", "Me gusta mucho"]
        : ["Strongly Dislike", "Dislike", "Unsure", "Like", "Strongly Like"];
      return {
        form, lang: spanish ? "es" : "en", items, options: labels.map((label, i) => ({ value: i + 1, label })),
        source: spanish ? "api" : "bundled", fetched_at: spanish ? now() : null,
        notice: a.lang === "es" && !spanish ? "Las preguntas en español necesitan una clave de O*NET. Se muestran en inglés." : null,
      };
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
      const o = outcome(d.form, d.form, score(d.form, d.answers as number[]), d.lang, (a.label as string) ?? null);
      if (o.saved) state.sessions[0].answers = d.answers.join("");
      state.draft = null;
      return o;
    },
    submitScores: (a) => outcome("typed", a.form as ItemForm, a.scores as Scores, a.lang as Lang, (a.label as string) ?? null),
    chooseZone: (a) => {
      const zone = a.zone as number | null;
      if (zone != null && !(zone >= 1 && zone <= 5)) throw { code: "input.invalid_zone", message: `Job Zone ${zone} does not exist: choose a zone from 1 to 5.` };
      session(a.sessionId).zone = zone;
      return null;
    },
    // Rust sends these in English only; the UI translates them (lib/reference.ts).
    jobZones: () => structuredClone(JOB_ZONES_EN),
    areas: () => structuredClone(AREAS_EN),
    careers: (a) => careers(a),
    careerReport: (a) => report(a),
    listSessions: () => state.sessions.map(summary),
    getSession: (a) => structuredClone(session(a.id)),
    deleteSession: (a) => {
      state.sessions = state.sessions.filter((x) => x.id !== a.id);
      return null;
    },
    compareSessions: (a) => {
      const x = session(a.a);
      const y = session(a.b);
      return {
        a: summary(x), b: summary(y),
        areas: AREAS.map((area) => ({ area, a: x.scores[area], b: y.scores[area], delta: y.scores[area] - x.scores[area] })),
      };
    },
    exportSessions: (a) => {
      if (state.exportCancel) throw { code: "export.cancelled", message: "Cancelled." };
      return { path: `/home/counselor/Documents/waypoint-results.${a.format}` };
    },
    importSessions: () => {
      const s = { ...structuredClone(state.sessions[state.sessions.length - 1] ?? seedSessions()[1]), id: `s-imported-${state.nextId++}`, label: "Imported" };
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
    importPack: () => packRun("file"),
    downloadPack: () => {
      if (!state.online) throw { code: "network.offline", message: "No connection." };
      return packRun("download");
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
      const left = Math.ceil((k.lockedUntil - Date.now()) / 1000);
      if (left > 0) throw { code: "kiosk.pin_locked", message: `Too many wrong PINs. Try again in ${left} seconds.` };
      if (a.pin === k.pin) {
        k.tries = 5;
        k.lockLevel = 0;
        k.unlocked = true;
        return kioskStatus();
      }
      k.tries -= 1;
      if (k.tries <= 0) {
        const secs = Math.min(30 * 2 ** k.lockLevel, 900);
        k.lockLevel += 1;
        k.tries = 1;
        k.lockedUntil = Date.now() + secs * 1000;
        throw { code: "kiosk.pin_locked", message: `Too many wrong PINs. Try again in ${secs} seconds.` };
      }
      throw { code: "kiosk.pin_wrong", message: `Wrong PIN. ${k.tries} ${k.tries === 1 ? "try" : "tries"} left before the pad locks.` };
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
    /** Pushes a kiosk effect through the generated event, as Rust does. */
    effect(e: Parameters<typeof events.kioskEffect.emit>[0]) {
      return events.kioskEffect.emit(e);
    },
    async set(patch: {
      key?: boolean; pack?: boolean; apiCheck?: Outcome["api_check"] | null; exportCancel?: boolean; save?: boolean;
      kiosk?: boolean; pin?: string | null; centerName?: string | null; lockedSeconds?: number; printing?: boolean;
    }) {
      const k = state.kiosk;
      if (patch.pin !== undefined) k.pin = patch.pin;
      if (patch.centerName !== undefined) k.settings.center_name = patch.centerName;
      if (patch.printing != null) k.settings.printing = patch.printing;
      if (patch.lockedSeconds != null) k.lockedUntil = Date.now() + patch.lockedSeconds * 1000;
      if (patch.kiosk != null) {
        k.enabled = patch.kiosk;
        k.settings.enabled = patch.kiosk;
        k.unlocked = false;
        k.session = "attract";
        // As a restart with the new setting: the UI re-reads kioskStatus on show_attract.
        await events.kioskEffect.emit({ kind: "show_attract" });
      }
      if (patch.save != null) state.save = patch.save;
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
