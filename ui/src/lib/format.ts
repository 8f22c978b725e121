import { i18n } from "./i18n.svelte";

type Lang = "en" | "es";

/** US English or US Spanish, as a job center in the US expects: "$36,220", a 12-hour clock. */
export function localeFor(lang: Lang): string {
  return lang === "es" ? "es-US" : "en-US";
}
export function locale(): string {
  return localeFor(i18n.lang);
}

/** "Dec 1, 2026, 6:07 PM" / "1 dic 2026, 6:07 p.m."; the ISO text as is when unreadable. */
export function formatDate(iso: string | null | undefined, lang: Lang, withTime = true): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = withTime ? { dateStyle: "medium", timeStyle: "short", hourCycle: "h12" } : { dateStyle: "medium" };
  return new Intl.DateTimeFormat(localeFor(lang), opts).format(d);
}
export function fmtDate(iso: string | null | undefined, withTime = true): string {
  return formatDate(iso, i18n.lang, withTime);
}

export function formatNum(n: number, lang: Lang): string {
  return new Intl.NumberFormat(localeFor(lang)).format(n);
}
export function fmtNum(n: number): string {
  return formatNum(n, i18n.lang);
}

/** US dollars: whole dollars ("$36,220") or with cents ("$17.42"), in `locale` (a BCP 47 tag). */
export function formatMoney(n: number, locale: string, cents = false): string {
  const digits = cents ? 2 : 0;
  return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Longest label a result keeps; the store's `LABEL_MAX_CHARS` (crates/store) is the same. */
export const LABEL_MAX_CHARS = 80;
