import { ThrottledError } from '../errors';
import type { ImageKey } from '../gallery/model';
import type { UsageReader, VersionUsage } from '../gallery/usage-port';
import type { Logger } from '../logging/logger';
import type { ImageObservation } from './detect-events';
import { endOfLifeFacts, hasVersionNearEndOfLife } from './end-of-life-facts';
import { scopeCovers, type SubscriptionScope } from './subscription';
import { imageKeyText, type WatchEvent } from './watch-event';

/** A definition's usage is read again after this long: thresholds are whole days, fleets change slowly. */
const USAGE_TTL_MS = 3_600_000;
/** A usage read that failed (other than throttling) is tried again after this long, not every cycle. */
const FAILED_RETRY_MS = 600_000;

/** What one cycle found: the facts, and the definitions whose usage is not known yet (their eol baseline waits). */
export interface EndOfLifeRead {
  facts: WatchEvent[];
  pending: ImageKey[];
}

/**
 * `eol` within the Resource Graph budget: only definitions covered by an `eol` subscription and holding a
 * version near its end of life need their usage, and at most ONE usage query runs per cycle (the definition
 * never read first, then the one read longest ago, each re-read at most hourly). Between reads the last answer
 * is used. Resource Graph allows about 15 queries per 5 s per identity, shared with users' `usage` and retire
 * warnings; one per cycle (60 s by default) leaves them all of it.
 */
export class EndOfLifeWatch {
  /** Per definition: the last usage read, when, and whether the last attempt failed. */
  private readonly known = new Map<string, { usage?: VersionUsage; at: number; failed?: boolean }>();

  constructor(
    private readonly usage: UsageReader,
    private readonly thresholds: readonly number[],
    private readonly logger: Logger,
  ) {}

  /** Throws ThrottledError on a 429 (the cycle then waits); other failures are logged and retried later. */
  async read(images: readonly ImageObservation[], eolScopes: readonly SubscriptionScope[], now: Date): Promise<EndOfLifeRead> {
    if (eolScopes.length === 0) return { facts: [], pending: [] };
    const candidates = images.filter((o) => eolScopes.some((s) => scopeCovers(s, o.image)) && hasVersionNearEndOfLife(o, this.thresholds, now));
    await this.readOne(candidates.map((o) => o.image), now.getTime());
    const facts: WatchEvent[] = [];
    const pending: ImageKey[] = [];
    for (const o of candidates) {
      const known = this.known.get(imageKeyText(o.image));
      if (known?.usage) facts.push(...endOfLifeFacts(o, known.usage, this.thresholds, now));
      // A usage that cannot be read (no Reader role on the workloads' subscriptions) must not hold the
      // subscription's baseline, and with it every other event, back forever: it is logged and retried.
      else if (!known?.failed) pending.push(o.image);
    }
    return { facts, pending };
  }

  private async readOne(candidates: readonly ImageKey[], now: number): Promise<void> {
    const due = candidates
      .map((image) => ({ image, entry: this.known.get(imageKeyText(image)) }))
      .filter(({ entry }) => !entry || now - entry.at >= (entry.usage ? USAGE_TTL_MS : FAILED_RETRY_MS))
      .sort((a, b) => (a.entry?.at ?? -1) - (b.entry?.at ?? -1))[0];
    if (!due) return;
    const key = imageKeyText(due.image);
    try {
      this.known.set(key, { usage: await this.usage.findUsage(due.image), at: now });
    } catch (err) {
      if (err instanceof ThrottledError) throw err;
      this.logger.warn({ err, image: key }, 'could not read who runs a definition near its end of life; eol cards for it wait');
      const before = this.known.get(key)?.usage;
      this.known.set(key, { ...(before ? { usage: before } : {}), at: now, failed: true });
    }
  }
}
