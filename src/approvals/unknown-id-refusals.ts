import type { AuditEntry } from '../audit/audit-record';

/** How refusals for unknown request ids are coalesced. */
export interface UnknownIdRefusalOptions {
  /** One window per person (ms). Default 60 s. */
  windowMs?: number;
  /** Request ids named in a summary record, at most. Default 10. */
  sampleSize?: number;
}

interface Window {
  startedAt: number;
  /** Refusals after the first one, not recorded yet. */
  more: number;
  sample: string[];
  /** The first refusal of the window: the summary copies its actor and what was attempted. */
  first: AuditEntry;
}

/**
 * Refusals stay audited, but anyone in the tenant could type `approve CR-<random>` in a loop and grow the log.
 * So per person and window the first refusal for an unknown id is recorded at once and the rest become one
 * record with a count (written when the window closes: on the next refusal, the periodic sweep, or shutdown).
 * Refusals about requests that exist are never coalesced.
 */
export class UnknownIdRefusals {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly sampleSize: number;

  constructor(
    private readonly append: (entries: AuditEntry[]) => Promise<unknown>,
    options: UnknownIdRefusalOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
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
    await this.append([entry]);
    // Opened only once the first record is stored: if that failed, the next refusal is recorded in full.
    this.windows.set(who, { startedAt: now.getTime(), more: 0, sample: [], first: entry });
  }

  /** Writes the summaries of windows that have closed by `now`. */
  async flushDue(now: Date): Promise<void> {
    const due = [...this.windows.entries()].filter(([, w]) => now.getTime() - w.startedAt >= this.windowMs);
    await this.flush(due, now);
  }

  /** Writes every open window's summary (shutdown). */
  async flushAll(now: Date): Promise<void> {
    await this.flush([...this.windows.entries()], now);
  }

  private async flush(windows: Array<[string, Window]>, now: Date): Promise<void> {
    const entries: AuditEntry[] = [];
    for (const [, w] of windows) {
      if (w.more === 0) continue;
      const until = new Date(Math.min(now.getTime(), w.startedAt + this.windowMs)).toISOString();
      entries.push({
        at: now.toISOString(),
        actor: w.first.actor,
        action: 'request.refused',
        details: {
          attempted: w.first.details['attempted'] ?? null,
          code: 'not-found',
          reason: `${w.more} more refusals for request ids that do not exist, coalesced into this record.`,
          count: w.more,
          requestIds: w.sample,
          from: new Date(w.startedAt).toISOString(),
          until,
        },
      });
    }
    if (entries.length > 0) await this.append(entries);
    // Forgotten only once stored: a summary that could not be written is tried again at the next flush.
    for (const [who, w] of windows) if (this.windows.get(who) === w) this.windows.delete(who);
  }
}
