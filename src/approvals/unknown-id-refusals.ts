import type { AuditEntry } from '../audit/audit-record';

/** How refusals for unknown request ids are coalesced. */
export interface UnknownIdRefusalOptions {
  /** A person's first window (ms). Default 60 s. */
  windowMs?: number;
  /** The longest window a person who keeps refusing is given (ms). Default 1 h. */
  maxWindowMs?: number;
  /** Request ids named in a summary record, at most. Default 10. */
  sampleSize?: number;
}

interface Window {
  startedAt: number;
  /** This window's length: doubled for someone whose previous window also held more refusals. */
  lengthMs: number;
  /** Refusals not recorded yet (all of them when the first was not recorded on its own). */
  more: number;
  /** Whether the window's first refusal has its own record; not when it continues a streak. */
  firstRecorded: boolean;
  sample: string[];
  /** The first refusal of the window: the summary copies its actor and what was attempted. */
  first: AuditEntry;
}

/** How the last closed window of a person ended: what the next one's length follows from. */
interface Streak {
  closedAt: number;
  lengthMs: number;
}

/**
 * Refusals stay audited, but anyone in the tenant could type `approve CR-<random>` in a loop and grow the log.
 * So per person and window the first refusal for an unknown id is recorded at once and the rest become one
 * record with a count (written when the window closes: on the next refusal, the periodic sweep, or shutdown).
 * Someone who goes on refusing right after a window with a count gets a window twice as long (up to
 * `maxWindowMs`), whose refusals all go into its summary: a loop then costs one record an hour instead of two a
 * minute (the soak measured 36 records a minute from 20 such people). A quiet spell as long as the last window resets it to `windowMs`.
 * Refusals about requests that exist are never coalesced.
 */
export class UnknownIdRefusals {
  private readonly windows = new Map<string, Window>();
  private readonly streaks = new Map<string, Streak>();
  private readonly windowMs: number;
  private readonly maxWindowMs: number;
  private readonly sampleSize: number;

  constructor(
    private readonly append: (entries: AuditEntry[]) => Promise<unknown>,
    options: UnknownIdRefusalOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxWindowMs = Math.max(this.windowMs, options.maxWindowMs ?? 3_600_000);
    this.sampleSize = options.sampleSize ?? 10;
  }

  async refuse(entry: AuditEntry, requestId: string, now: Date): Promise<void> {
    await this.flushDue(now);
    const who = entry.actor.id;
    const open = this.windows.get(who);
    if (open) {
      open.more += 1;
      if (open.sample.length < this.sampleSize && !open.sample.includes(requestId)) open.sample.push(requestId);
      return;
    }
    const lengthMs = this.nextLength(who, now.getTime());
    if (lengthMs > this.windowMs) {
      // Going on right after a window with a count: this refusal is the next summary's first, not a record of
      // its own (the summary just written said the loop was running), which halves what a loop costs.
      this.windows.set(who, { startedAt: now.getTime(), lengthMs, more: 1, firstRecorded: false, sample: [requestId], first: entry });
      return;
    }
    await this.append([entry]);
    // Opened only once the first record is stored: if that failed, the next refusal is recorded in full.
    this.windows.set(who, { startedAt: now.getTime(), lengthMs, more: 0, firstRecorded: true, sample: [], first: entry });
  }

  private nextLength(who: string, at: number): number {
    const streak = this.streaks.get(who);
    if (!streak || at - streak.closedAt > streak.lengthMs) return this.windowMs;
    return Math.min(streak.lengthMs * 2, this.maxWindowMs);
  }

  /** Writes the summaries of windows that have closed by `now`. */
  async flushDue(now: Date): Promise<void> {
    const due = [...this.windows.entries()].filter(([, w]) => now.getTime() - w.startedAt >= w.lengthMs);
    await this.flush(due, now);
    // Streaks older than the longest window can no longer lengthen one: forgotten, so the map stays small.
    for (const [who, streak] of this.streaks) if (now.getTime() - streak.closedAt > this.maxWindowMs) this.streaks.delete(who);
  }

  /** Writes every open window's summary (shutdown). */
  async flushAll(now: Date): Promise<void> {
    await this.flush([...this.windows.entries()], now);
  }

  private async flush(windows: Array<[string, Window]>, now: Date): Promise<void> {
    const entries: AuditEntry[] = [];
    for (const [, w] of windows) {
      if (w.more === 0) continue;
      const until = new Date(Math.min(now.getTime(), w.startedAt + w.lengthMs)).toISOString();
      entries.push({
        at: now.toISOString(),
        actor: w.first.actor,
        action: 'request.refused',
        details: {
          attempted: w.first.details['attempted'] ?? null,
          code: 'not-found',
          reason: `${w.more} ${w.firstRecorded ? 'more ' : ''}refusals for request ids that do not exist, coalesced into this record.`,
          count: w.more,
          requestIds: w.sample,
          from: new Date(w.startedAt).toISOString(),
          until,
        },
      });
    }
    if (entries.length > 0) await this.append(entries);
    // Forgotten only once stored: a summary that could not be written is tried again at the next flush.
    for (const [who, w] of windows) {
      if (this.windows.get(who) !== w) continue;
      this.windows.delete(who);
      if (w.more > 0) this.streaks.set(who, { closedAt: Math.min(now.getTime(), w.startedAt + w.lengthMs), lengthMs: w.lengthMs });
      else this.streaks.delete(who);
    }
  }
}
