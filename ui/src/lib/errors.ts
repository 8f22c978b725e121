import { fmt, m } from "./i18n.svelte";
import type { AppError } from "./types";

/** Words for an error: the catalog's sentence for its code, in the current language. */
export function errorText(e: AppError): string {
  // Codes outside ErrorCode can still arrive from a mocked or older backend.
  const known: string | undefined = m().errors[e.code];
  return known ?? fmt(m().errors.generic, { message: e.message });
}

/** Codes a Retry can fix (as opposed to needing Settings). */
export function isRetryable(e: AppError): boolean {
  return !NOT_RETRYABLE.has(e.code);
}
// A refused certificate stays refused until the OS trusts it and Waypoint restarts.
const NOT_RETRYABLE = new Set(["onet.unauthorized", "onet.no_key", "profile.flat", "input.invalid_zone", "network.certificate"]);
