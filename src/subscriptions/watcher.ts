import type { Policy } from '../approvals/policy';
import type { ChangeRequestStore } from '../approvals/request-store';
import { ThrottledError } from '../errors';
import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageKey } from '../gallery/model';
import type { UsageReader } from '../gallery/usage-port';
import type { Logger } from '../logging/logger';
import type { RunOutcome } from '../scheduling/periodic-job';
import { currentFacts } from './detect-events';
import { EndOfLifeWatch } from './end-of-life-watch';
import type { DigestRunner } from './digest-runner';
import type { EventDelivery } from './event-delivery';
import { RegionStateMemory } from './region-state-memory';
import { numberTransitions } from './region-transitions';
import { reminderFacts } from './request-facts';
import type { WatcherLeadership } from './watcher-leadership';
import { subscriptionScopeTest, type ScopeTest } from './scope-test';
import { groupEvents } from './event-groups';
import { isMuted, scopeCovers, type Subscription, type WatchEventKind } from './subscription';
import type { SubscriptionStore } from './subscription-store';
import { imageKeyText, type WatchEvent } from './watch-event';
import { WatchInventory } from './watch-inventory';

/** Recorded with a subscription's first facts: from then on, facts not yet delivered are news. */
export const BASELINE_EVENT = 'baseline';

export interface WatcherDeps {
  gallery: GalleryPort;
  store: SubscriptionStore;
  delivery: EventDelivery;
  now: () => Date;
  logger: Logger;
  /** Replication reads per cycle (ARM: 250 reads burst, 25/s refill, shared with users' commands). Default 40. */
  maxReadsPerRun?: number;
  /** Cards per conversation per cycle; the rest follow next cycle, so a burst never queues ahead of replies. Default 5. */
  maxCardsPerConversation?: number;
  /** A Replicating region whose progress has not moved for this long is announced as stuck (REPLICATION_STUCK_MINUTES). Default 60 min. */
  stuckAfterMs?: number;
  /** Who runs each version (for `eol`); without it no `eol` card is sent. */
  usage?: UsageReader;
  /** EOL_ALERT_DAYS. Default 30, 7, 1. */
  eolAlertDays?: readonly number[];
  /** Open change requests and the policy naming their approvers (for `requests` reminders); without them, no reminders. */
  requests?: { open: Pick<ChangeRequestStore, 'listOpen'>; policy: Policy; remindAfterMs: number };
  /** With several instances on one store, only the lease holder reads and delivers (see WatcherLeadership). Absent: always. */
  leadership?: Pick<WatcherLeadership, 'renew' | 'leading'>;
  /** Daily digests (see DigestRunner): sent from the leader's cycle, whether or not the inventory is complete. */
  digests?: Pick<DigestRunner, 'run'>;
  /** Outgoing hooks (src/hooks): their scopes are read too, and each complete cycle's facts are offered to them without waiting. */
  hooks?: { scopes: readonly ScopeTest[]; offer(facts: readonly WatchEvent[]): void };
}

/**
 * The subscriptions watcher: each run reads the subscribed scopes (see WatchInventory), derives the current
 * facts and delivers, per subscription, each fact whose id it has not recorded, recording it right after
 * Teams accepted the card (a crash in between repeats that one card once). A subscription's first run records
 * what exists as its baseline and announces nothing. Runs never overlap: the schedule and a direct call queue.
 */
export class Watcher {
  private readonly inventory: WatchInventory;
  private readonly endOfLife: EndOfLifeWatch | undefined;
  private readonly latest = new Map<string, string>();
  private readonly regionStates = new RegionStateMemory();
  private queue: Promise<unknown> = Promise.resolve();
  /** After a 429: no cycle reads ARM before this (ms), whoever asks for it (the schedule or an Event Grid wake). */
  private pausedUntil = 0;

  constructor(private readonly deps: WatcherDeps) {
    this.inventory = new WatchInventory(deps.gallery, deps.maxReadsPerRun ?? 40, deps.now);
    this.endOfLife = deps.usage ? new EndOfLifeWatch(deps.usage, deps.eolAlertDays ?? [30, 7, 1], deps.logger) : undefined;
  }

  /** One cycle; a 429 ends it and asks the schedule to wait for Azure's Retry-After. */
  run(): Promise<RunOutcome> {
    const next = this.queue.then(() => this.cycle());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * An Azure resource (by ARM id) changed, as an Event Grid event says: a version among them is read again in the
   * next cycle even if it was finished. The caller then asks for that cycle (see WatcherWake).
   */
  wake(resourceId: string): void {
    this.inventory.markChanged(resourceId);
  }

  /**
   * The bot itself wrote this version (an approved promote, retire or repair): the next cycle reads it even before
   * Resource Graph, which indexes writes seconds to minutes late, lists it.
   */
  versionWritten(image: ImageKey, version: string): void {
    this.inventory.markVersionChanged(image, version);
  }

  private async cycle(): Promise<RunOutcome> {
    const pause = this.pausedUntil - this.deps.now().getTime();
    if (pause > 0) return { nextInMs: pause };
    // Another instance leads: it reads and delivers; this one stays out of ARM's budget and Teams' windows.
    if (this.deps.leadership && !(await this.deps.leadership.renew())) return {};
    const subscriptions = await this.deps.store.listSubscriptions();
    const hookScopes = this.deps.hooks?.scopes ?? [];
    if (subscriptions.length === 0 && hookScopes.length === 0) return {};
    await this.deps.digests?.run(subscriptions).catch((err: unknown) => this.deps.logger.warn({ err }, 'daily digests failed; they are tried again next run'));
    let facts: WatchEvent[];
    let usagePending: ImageKey[] = [];
    try {
      const read = await this.inventory.read([...subscriptions.map((s) => subscriptionScopeTest(s.scope)), ...hookScopes]);
      // Until every version in scope has been read once, old facts would look new: deliver nothing yet.
      if (!read.complete) return {};
      const now = this.deps.now();
      const rules = { now, stuckAfterMs: this.deps.stuckAfterMs ?? 3_600_000 };
      facts = read.images.flatMap((o) => currentFacts(o, rules));
      if (this.endOfLife) {
        const eol = await this.endOfLife.read(read.images, subscriptions.filter((s) => s.events.includes('eol')).map((s) => s.scope), now);
        facts.push(...eol.facts);
        usagePending = eol.pending;
      }
      const reminders = this.deps.requests;
      if (reminders && subscriptions.some((s) => s.events.includes('requests'))) {
        facts.push(...reminderFacts(await reminders.open.listOpen(), reminders.policy, now, reminders.remindAfterMs));
      }
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      this.deps.logger.warn({ retryAfterSeconds: err.retryAfterSeconds }, 'Azure throttled the subscriptions watcher; the next run waits');
      const waitMs = (err.retryAfterSeconds ?? 60) * 1000;
      this.pausedUntil = this.deps.now().getTime() + waitMs;
      return { nextInMs: waitMs };
    }
    this.withPrevious(facts);
    this.regionStates.note(facts, this.deps.now());
    this.deps.hooks?.offer(facts);
    const perConversation = new Map<string, number>();
    for (const subscription of subscriptions) {
      await this.deliverTo(subscription, facts, perConversation, usagePending).catch((err: unknown) =>
        this.deps.logger.warn({ err, subscriptionId: subscription.id }, 'delivering subscription events failed; they are tried again next run'),
      );
    }
    return {};
  }

  private async deliverTo(subscription: Subscription, facts: readonly WatchEvent[], perConversation: Map<string, number>, usagePending: readonly ImageKey[]): Promise<void> {
    const covers = (f: WatchEvent) => scopeCovers(subscription.scope, f.image) || (f.alsoCovers !== undefined && scopeCovers(subscription.scope, f.alsoCovers));
    const delivered = await this.deps.store.deliveredEvents(subscription.id);
    // A region that recovers (or fails again) is news again: its id counts the transitions this subscription was told of.
    const relevant = numberTransitions(facts.filter((f) => subscription.events.includes(f.kind) && covers(f)), delivered);
    const at = this.deps.now().toISOString();
    if (!delivered.has(BASELINE_EVENT)) {
      // An eol baseline taken before the usage of its definitions is known would announce old news later.
      if (subscription.events.includes('eol') && usagePending.some((k) => scopeCovers(subscription.scope, k))) return;
      await this.deps.store.recordDeliveries(subscription.id, [BASELINE_EVENT, ...relevant.map((f) => f.id)], at);
      return;
    }
    const fresh = relevant.filter((f) => !delivered.has(f.id)).sort(byKind);
    if (fresh.length > 0 && isMuted(subscription, this.deps.now())) {
      // Muted: what happens meanwhile is recorded as skipped, so the end of the mute brings no flood of old news.
      await this.deps.store.recordDeliveries(subscription.id, fresh.map((f) => f.id), at);
      this.deps.logger.info({ subscriptionId: subscription.id, skipped: fresh.length, mutedUntil: subscription.mutedUntil }, 'subscription muted: events skipped');
      return;
    }
    const limit = this.deps.maxCardsPerConversation ?? 5;
    // One card (or one update of it) per group: a burst of regions is one message, and counts as one.
    for (const group of groupEvents(fresh)) {
      const sent = perConversation.get(subscription.conversationId) ?? 0;
      if (sent >= limit) return;
      // A cycle that outlasts this instance's lead (a long pause, storage unreachable) stops before a new leader starts.
      if (this.deps.leadership && !this.deps.leadership.leading()) return;
      const outcome = await this.send(subscription, group);
      if (outcome === 'unreachable') return;
      perConversation.set(subscription.conversationId, sent + 1);
    }
  }

  /**
   * A group as one card (or one update of it) when the delivery can, else its events one by one; each is recorded
   * right after Teams accepted the message that carries it.
   */
  private async send(subscription: Subscription, group: readonly WatchEvent[]): Promise<'sent' | 'unreachable'> {
    const { delivery, store } = this.deps;
    const record = (events: readonly WatchEvent[]) => store.recordDeliveries(subscription.id, events.map((e) => e.id), this.deps.now().toISOString());
    if (delivery.deliverGroup) {
      const outcome = await delivery.deliverGroup(subscription, group);
      if (outcome === 'sent') await record(group);
      return outcome;
    }
    for (const event of group) {
      if ((await delivery.deliver(subscription, event)) === 'unreachable') return 'unreachable';
      await record([event]);
    }
    return 'sent';
  }

  /** `latest` cards say what latest was before, when this process saw it. */
  private withPrevious(facts: WatchEvent[]): void {
    for (const f of facts) {
      if (f.kind !== 'latest') continue;
      const key = imageKeyText(f.image);
      const before = this.latest.get(key);
      if (before && before !== f.version) f.previous = before;
      this.latest.set(key, f.version);
    }
  }
}

const CARD_ORDER: readonly WatchEventKind[] = ['published', 'replication', 'latest', 'eol', 'requests'];

/** Published before its regions, regions before latest; versions in order. */
function byKind(a: WatchEvent, b: WatchEvent): number {
  return CARD_ORDER.indexOf(a.kind) - CARD_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);
}
