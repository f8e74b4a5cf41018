/** When a subscription's daily digest is sent: a local wall-clock time in an IANA time zone. */
export interface DigestSchedule {
  /** `HH:MM`, 24-hour, two digits each. */
  time: string;
  /** IANA zone (`Europe/Berlin`, `UTC`), as Intl canonicalises it. */
  timeZone: string;
}

/** Used when `to digest` names no time: morning in UTC, said in the confirmation. */
export const DEFAULT_DIGEST: DigestSchedule = { time: '09:00', timeZone: 'UTC' };

/** `9:00` or `09:00` → `09:00`; undefined for anything that is not a time of day (`25:00`, `9`, `09:60`). */
export function parseTimeOfDay(text: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** The zone as Intl spells it (`europe/berlin` → `Europe/Berlin`), or undefined when Intl does not know it. */
export function canonicalTimeZone(text: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The local calendar date of an instant in a zone, `YYYY-MM-DD`: the digest of that day is named by it. */
export function localDay(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local day's digest is due. The zone's offset is read at the answer, not at midnight, so the
 * day a clock changes still sends at the chosen local time. A time that does not exist that day (skipped
 * when clocks go forward) is sent when it would have been, one hour on by the new clock; a time that exists
 * twice (clocks go back) is sent at the first.
 */
export function digestInstant(day: string, schedule: DigestSchedule): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = schedule.time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The earlier of the two offsets around the moment gives the first of a repeated hour.
  const before = offsetAt(wall - 86_400_000 / 2, schedule.timeZone);
  const after = offsetAt(wall + 86_400_000 / 2, schedule.timeZone);
  const candidates = [wall - Math.max(before, after), wall - Math.min(before, after)].filter((t) => offsetAt(t, schedule.timeZone) === wall - t);
  // In a skipped hour neither offset maps back to the wall time: the old offset lands after the jump.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before);
}

/** The day after `day` (`YYYY-MM-DD`), on the calendar. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The first digest instant strictly after `after`. */
export function nextDigestAt(schedule: DigestSchedule, after: Date): Date {
  const today = localDay(after, schedule.timeZone);
  const at = digestInstant(today, schedule);
  return at.getTime() > after.getTime() ? at : digestInstant(nextDay(today), schedule);
}

/**
 * The local day whose digest is due at `now`, if any: today's, once its time has come, and only when the
 * subscription existed at that time (one made at 10:00 for 09:00 starts tomorrow). A day that has passed is
 * never due: a bot that was down all of yesterday sends today's digest, not yesterday's.
 */
export function dueDigestDay(schedule: DigestSchedule, now: Date, createdAt: Date): string | undefined {
  const today = localDay(now, schedule.timeZone);
  const at = digestInstant(today, schedule);
  return at.getTime() <= now.getTime() && at.getTime() >= createdAt.getTime() ? today : undefined;
}
