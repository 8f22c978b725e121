// The header's search box and the results screen share this state. Typing never waits on
// the network: a request goes out once typing pauses (debounced), and an answer that comes
// back after a newer keystroke is dropped, so stale results never replace fresh ones.
// (A Tauri call cannot be aborted once sent; ignoring it is what "cancelled" means here.)
import { run } from "./api";
import { api } from "./api";
import { i18n } from "./i18n.svelte";
import type { SearchPage } from "./bindings";
import type { AppError, Lang, Result } from "./types";

/** Pause in typing before a search is sent. */
export const DEBOUNCE_MS = 250;

export type Fetch = (keyword: string, page: number, lang: Lang) => Promise<Result<SearchPage>>;

export interface SearchView {
  keyword: string;
  /** The keyword the shown rows are for. */
  shown: string;
  page: SearchPage | null;
  rows: SearchPage["rows"];
  error: AppError | null;
  loading: boolean;
}

/** Debounced searching with stale answers dropped; `view` is updated in place. */
export function createSearcher(fetch: Fetch, view: SearchView, delay = DEBOUNCE_MS) {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(keyword: string, page: number, lang: Lang): Promise<void> {
    const k = keyword.trim();
    const mine = ++seq;
    if (!k) {
      Object.assign(view, { shown: "", page: null, rows: [], error: null, loading: false });
      return;
    }
    view.loading = true;
    const r = await fetch(k, page, lang);
    if (mine !== seq) return; // a newer keystroke (or page) was asked for meanwhile
    view.loading = false;
    if (r.status === "ok") {
      view.error = null;
      view.shown = k;
      view.page = r.data;
      view.rows = page > 1 ? [...view.rows, ...r.data.rows] : r.data.rows;
    } else {
      view.error = r.error;
      if (page === 1) Object.assign(view, { page: null, rows: [] });
    }
  }

  return {
    /** A keystroke: remember the text, search when typing pauses. */
    typed(keyword: string, lang: Lang): void {
      view.keyword = keyword;
      clearTimeout(timer);
      timer = setTimeout(() => void load(keyword, 1, lang), delay);
    },
    /** Search now (Enter, a language change, the next page). */
    now(keyword: string, page: number, lang: Lang): Promise<void> {
      clearTimeout(timer);
      view.keyword = keyword;
      return load(keyword, page, lang);
    },
  };
}

export const search: SearchView = $state({
  keyword: "",
  shown: "",
  page: null,
  rows: [],
  error: null,
  loading: false,
});

export const searcher = createSearcher(
  (k, page, lang) => run(api.searchCareers(k, page, lang)),
  search,
);

/** Re-runs the shown search in the current language (after a language change). */
export function refresh(): void {
  if (search.keyword.trim()) void searcher.now(search.keyword, 1, i18n.lang);
}
