import { formatTimestamp } from './format-date';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * `in 23 h`, `5 min ago`, `in 3 days`: deadlines measured in hours, where day-based `formatRelativeDay`
 * would say "today" for both "in 5 minutes" and "in 23 hours". Rounds toward zero, so a deadline is never
 * shown later than it is.
 */
export function formatRelativeTime(d: Date, now: Date): string {
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE_MS) return diff > 0 ? 'in less than a minute' : 'just now';
  const amount =
    abs < HOUR_MS
      ? `${Math.floor(abs / MINUTE_MS)} min`
      : abs < 48 * HOUR_MS
        ? `${Math.floor(abs / HOUR_MS)} h`
        : `${Math.floor(abs / (24 * HOUR_MS))} days`;
  return diff > 0 ? `in ${amount}` : `${amount} ago`;
}

/** `2026-11-21 09:00 UTC (in 23 h)`: absolute for the record, relative for the reader. */
export function formatMoment(d: Date, now: Date): string {
  return `${formatTimestamp(d)} (${formatRelativeTime(d, now)})`;
}
