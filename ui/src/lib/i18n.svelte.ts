import { en, type Messages } from "../locales/en";
import { es } from "../locales/es";

export type Lang = "en" | "es";
const catalogs: Record<Lang, Messages> = { en, es };

const saved = (globalThis.localStorage?.getItem("waypoint.lang") ?? "") as Lang;
export const i18n = $state({ lang: (saved in catalogs ? saved : "en") as Lang });

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  globalThis.localStorage?.setItem("waypoint.lang", lang);
  document.documentElement.lang = lang;
}

/** The current catalog; read inside markup so a language switch re-renders. */
export function m(): Messages {
  return catalogs[i18n.lang];
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
