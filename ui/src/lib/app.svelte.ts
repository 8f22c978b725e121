// Small app-wide state: which screen is showing, the result being explored, and display flags.
import type { Area, Draft, Fit, ItemForm, Outcome, Tab } from "./types";

export type Screen =
  | { name: "attract" }
  | { name: "welcome" }
  | { name: "questionnaire"; form: ItemForm; resume?: Draft }
  | { name: "typed" }
  | { name: "results" }
  | { name: "zones" }
  | { name: "careers" }
  | {
      name: "report";
      code: string;
      title: string;
      /** The fit the careers list showed, and whether it was Waypoint's offline estimate. */
      fit?: Fit | null;
      estimate?: boolean;
      /** Where Back goes (a related career's page, a saved result); the careers list by default. */
      back?: Screen;
    }
  | { name: "search" }
  | { name: "browse"; area: Area | null; tab?: Tab }
  | { name: "history" }
  | { name: "session"; id: string }
  | { name: "compare"; a: string; b: string }
  | { name: "settings" };

export type Section = "start" | "history" | "settings";

export function sectionOf(s: Screen): Section {
  if (s.name === "history" || s.name === "session" || s.name === "compare") return "history";
  if (s.name === "settings") return "settings";
  return "start";
}

export const app = $state({
  screen: { name: "welcome" } as Screen,
  /** Kiosk mode is on (from Rust's `kioskStatus()`): one question at a time, no links out, no history. */
  kiosk: false,
  online: true,
  narrow: false,
});

/** The result being explored (from a submit), the chosen Job Zone and careers tab/page. */
export const flow = $state({
  outcome: null as Outcome | null,
  zone: null as number | null,
  tab: "all" as Tab,
  page: 1,
  counts: {} as Partial<Record<Tab, number>>,
  /** Whose counts those are: O*NET's totals and the offline estimate's matches never mix. */
  countsFrom: null as "onet" | "estimate" | null,
  /** The career opened from the list, and the scroll then: Back restores both. */
  opened: null as { code: string; scrollY: number } | null,
  /** Fit and Bright Outlook filters over the whole tab, and the page of the filtered list. */
  fits: [] as Fit[],
  brightOnly: false,
  filteredPage: 1,
});

/** Called on every screen change (kiosk mode reports them to Rust). */
export const screenHooks: ((s: Screen) => void)[] = [];

export function startOutcome(o: Outcome): void {
  flow.outcome = o;
  flow.zone = null;
  flow.tab = "all";
  flow.page = 1;
  flow.counts = {};
  flow.countsFrom = null;
  flow.opened = null;
  flow.fits = [];
  flow.brightOnly = false;
  flow.filteredPage = 1;
}

/** Shows a screen and moves focus to its h1, so keyboard and screen-reader users land on it. */
export function go(screen: Screen, opts: { focus?: boolean } = {}): void {
  app.screen = screen;
  for (const h of screenHooks) h(screen);
  // Typing in the header's search box opens the results without taking the focus away.
  if (opts.focus === false) return;
  setTimeout(() => {
    window.scrollTo({ top: 0 });
    // The profiler moves focus to its first unanswered activity itself once the items load.
    if (screen.name !== "questionnaire") focusHeading();
  }, 0);
}

export function focusHeading(): void {
  document.querySelector<HTMLElement>("main h1")?.focus();
}
