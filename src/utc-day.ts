/**
 * Calendar days in UTC. End-of-life dates are days to the people who set them, so gates, plans and parsers
 * all count in whole UTC days (the same rule the cards use: an end of life on today's date has passed).
 */

const DAY_MS = 86_400_000;

/** Midnight UTC of the day `d` falls on. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
}

/** Whole UTC calendar days from `from` to `to` (negative when `to` is earlier). */
export function utcDaysBetween(from: Date, to: Date): number {
  return Math.floor(to.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS);
}

/** True when both instants fall on the same UTC calendar day. */
export function sameUtcDay(a: Date, b: Date): boolean {
  return utcDaysBetween(a, b) === 0;
}

/**
 * Day texts by day number. Cards show the same few days over and over (published, end of life, read at), and
 * `toISOString().slice()` cost ~0.8 µs a call here, several on every status card. Cleared when full: bounded.
 */
const dayTexts = new Map<number, string>();
const MAX_DAY_TEXTS = 4096;

/** `2026-05-03`. An invalid date throws RangeError, as toISOString does. */
export function isoDay(d: Date): string {
  const day = Math.floor(d.getTime() / DAY_MS);
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = d.toISOString().slice(0, 10);
    if (dayTexts.size >= MAX_DAY_TEXTS) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** True when an end of life (if any) is on or before today's UTC date. */
export function isPastEndOfLife(endOfLife: Date | undefined, now: Date): boolean {
  return endOfLife !== undefined && utcDaysBetween(now, endOfLife) <= 0;
}

/**
 * Parses a strict `YYYY-MM-DD` as midnight UTC; undefined for any other text and for dates that do not exist
 * (`2026-02-30` would otherwise roll over to March).
 */
export function parseIsoDay(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : undefined;
}
