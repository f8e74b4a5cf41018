import { isoDay, utcDaysBetween } from '../utc-day';

// Dates on cards are UTC and relative to the moment the data was read, so everyone reads the same thing.
// Day arithmetic is utc-day's, the rule gates and plans count with, so a card never disagrees with a refusal.

/** How close an end-of-life date is; `soon` is within `SOON_DAYS`. */
export type EolState = 'none' | 'past' | 'soon' | 'ok';

export const SOON_DAYS = 30;

/** `2026-05-03`. */
export function formatDay(d: Date): string {
  return isoDay(d);
}

/** The last minute formatted: every card says when its data was read, and reads within a minute share the text. */
let lastMinute = Number.NaN;
let lastMinuteText = '';

/** `2026-05-03 14:02 UTC`: when a card's data was read. An invalid date throws RangeError, as toISOString does. */
export function formatTimestamp(d: Date): string {
  const minute = Math.floor(d.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastMinuteText = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    lastMinute = minute;
  }
  return lastMinuteText;
}

/** Whole calendar days from `now` to `d` (negative in the past), counted on UTC dates. */
export function daysBetween(now: Date, d: Date): number {
  return utcDaysBetween(now, d);
}

/** `2026-05-03 (in 190 days)`, `2026-04-23 (10 days ago)`, `2026-11-23 (today)`. */
export function formatRelativeDay(d: Date, now: Date): string {
  const n = daysBetween(now, d);
  const rel = n === 0 ? 'today' : n > 0 ? `in ${n} ${n === 1 ? 'day' : 'days'}` : `${-n} ${n === -1 ? 'day' : 'days'} ago`;
  return `${formatDay(d)} (${rel})`;
}

export function eolState(eol: Date | undefined, now: Date): EolState {
  if (!eol) return 'none';
  const n = daysBetween(now, eol);
  // End of life on today's date counts as passed: deployments today are already past the owner's intent.
  if (n <= 0) return 'past';
  return n <= SOON_DAYS ? 'soon' : 'ok';
}

/** The EOL words and how much they need noticing (past: a problem; soon: a warning). */
export function describeEol(eol: Date | undefined, now: Date): { text: string; tone: 'default' | 'attention' | 'warning'; state: EolState } {
  const state = eolState(eol, now);
  if (!eol) return { text: 'not set', tone: 'default', state };
  const text = formatRelativeDay(eol, now);
  if (state === 'past') return { text: `${text}, past end of life`, tone: 'attention', state };
  if (state === 'soon') return { text: `${text}, soon`, tone: 'warning', state };
  return { text, tone: 'default', state };
}
