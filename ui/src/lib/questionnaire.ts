// Pure questionnaire logic (paging, keys, answer patterns), kept out of components so it is easy to test.

export const PAGE_SIZE = 12;

/** Items per page: one at a time in narrow windows or kiosk mode, otherwise twelve. */
export function perPage(narrow: boolean, kiosk: boolean): number {
  return narrow || kiosk ? 1 : PAGE_SIZE;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** 0-based page holding the 1-based item `index`. */
export function pageOf(index: number, size: number): number {
  return Math.floor((Math.max(1, index) - 1) / size);
}

/** 1-based item indexes on 0-based `page`. */
export function indexesOnPage(page: number, size: number, total: number): number[] {
  const first = page * size + 1;
  const last = Math.min(total, first + size - 1);
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

export function answeredCount(answers: (number | null)[]): number {
  return answers.filter((a) => a != null).length;
}

/** 1-based index of the first unanswered item, or null when all are answered. */
export function firstUnanswered(answers: (number | null)[]): number | null {
  const i = answers.findIndex((a) => a == null);
  return i < 0 ? null : i + 1;
}

/** Keys "1"–"5" (main row or numpad) give an answer value; anything else gives null. */
export function keyToValue(key: string): number | null {
  const k = key.startsWith("Numpad") ? key.slice(6) : key;
  return /^[1-5]$/.test(k) ? Number(k) : null;
}

/** Arrow keys move within the five options (wrapping); other keys return null. */
export function arrowMove(key: string, current: number, count = 5): number | null {
  if (key === "ArrowRight" || key === "ArrowDown") return (current + 1) % count;
  if (key === "ArrowLeft" || key === "ArrowUp") return (current - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

/** True when at least `min` items are answered and every answer so far is the same value. */
export function allSame(answers: (number | null)[], min = 8): boolean {
  const given = answers.filter((a): a is number => a != null);
  return given.length >= min && given.every((a) => a === given[0]);
}
