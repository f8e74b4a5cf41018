import { digestCard } from '../cards/digest-card';
import type { Logger } from '../logging/logger';
import { diffDigest, type DigestChanges } from './digest-diff';
import type { DigestDelivery } from './digest-delivery';
import { digestFindings } from './digest-findings';
import type { DigestReading } from './digest-read';
import { dueDigestDay } from './digest-schedule';
import type { DigestRecord, DigestStore } from './digest-store';
import { isMuted, type Subscription } from './subscription';
import type { SubscriptionStore } from './subscription-store';
import type { WatcherLeadership } from './watcher-leadership';

/** Findings kept as the next digest's baseline (highest severity first); beyond this a digest record would outgrow a Table entity. */
const MAX_STORED = 2_000;

export interface DigestRunnerDeps {
  store: Pick<SubscriptionStore, 'deliveredEvents' | 'recordDeliveries'>;
  digests: DigestStore;
  delivery: DigestDelivery;
  /** Reads `report` and `drift` (see readDigestSources); called at most once per run, only when a digest is due. */
  read: () => Promise<DigestReading>;
  now: () => Date;
  logger: Logger;
  leadership?: Pick<WatcherLeadership, 'leading'>;
}

/** A digest's event id: the subscription and its local day, so each day's digest is delivered once, by whichever instance leads. */
export function digestEventId(subscriptionId: string, day: string): string {
  return `digest|${subscriptionId}|${day}`;
}

/**
 * Sends each subscription's daily digest once its local time has come (see dueDigestDay), in the watcher's
 * cycle on the leading instance. Today's digest is due until it is recorded, so a bot that was down at 09:00
 * sends it when it comes back that day; a past day's never is.
 */
export class DigestRunner {
  constructor(private readonly deps: DigestRunnerDeps) {}

  async run(subscriptions: readonly Subscription[]): Promise<void> {
    let reading: Promise<DigestReading> | undefined;
    for (const subscription of subscriptions) {
      const day = await this.dueDay(subscription);
      if (!day) continue;
      if (this.deps.leadership && !this.deps.leadership.leading()) return;
      reading ??= this.deps.read();
      await this.send(subscription, day, await reading).catch((err: unknown) =>
        this.deps.logger.warn({ err, subscriptionId: subscription.id }, 'sending a daily digest failed; it is tried again next run'),
      );
    }
  }

  /** Today's local day when its digest is due and not yet delivered. */
  private async dueDay(subscription: Subscription): Promise<string | undefined> {
    if (!subscription.digest) return undefined;
    let day: string | undefined;
    try {
      day = dueDigestDay(subscription.digest, this.deps.now(), new Date(subscription.createdAt));
    } catch (err) {
      // A zone this runtime's time-zone data no longer knows: that subscription waits, the others go on.
      this.deps.logger.warn({ err, subscriptionId: subscription.id, timeZone: subscription.digest.timeZone }, 'a digest time zone is not known to this runtime');
      return undefined;
    }
    if (!day) return undefined;
    const id = digestEventId(subscription.id, day);
    if ((await this.deps.store.deliveredEvents(subscription.id)).has(id)) return undefined;
    if (isMuted(subscription, this.deps.now())) {
      // Muted at its time: today's digest is skipped, as muted events are, not sent when the mute ends. The
      // baseline stays the last digest sent, so the next one says what changed since then.
      await this.deps.store.recordDeliveries(subscription.id, [id], this.deps.now().toISOString());
      return undefined;
    }
    return day;
  }

  private async send(subscription: Subscription, day: string, reading: DigestReading): Promise<void> {
    const previous = await this.deps.digests.lastDigest(subscription.id);
    const current = digestFindings(subscription.scope, reading.report, reading.drift);
    const partial = reading.report.problems.length > 0 || (reading.drift?.problems.length ?? 0) > 0;
    const full = diffDigest(previous, current);
    // A read that failed in part cannot tell a resolved finding from an unread one: none is called resolved,
    // and those not seen stay in the baseline until a complete read settles them.
    const changes: DigestChanges = partial ? { ...full, resolved: [] } : full;
    const card = digestCard(changes, subscription, day, new Date(reading.report.readAt));
    if ((await this.deps.delivery.deliverDigest(subscription, card)) !== 'sent') return;
    const kept = [...current.map(({ key, label }) => ({ key, label })), ...(partial ? full.resolved : [])];
    const record: DigestRecord = { day, sentAt: this.deps.now().toISOString(), findings: kept.slice(0, MAX_STORED) };
    await this.deps.digests.recordDigest(subscription.id, digestEventId(subscription.id, day), record);
  }
}
