import type { Logger } from '../logging/logger';
import type { ScopeTest } from '../subscriptions/scope-test';
import { numberTransitions } from '../subscriptions/region-transitions';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import { imageKeyText, type WatchEvent } from '../subscriptions/watch-event';
import { BASELINE_EVENT } from '../subscriptions/watcher';
import { hookScope } from './hook-scope';
import type { HookTarget } from './hook-settings';
import type { PostOutcome } from './post-with-retry';
import { pagerDutySteps, type HookStep } from './pagerduty-plan';
import { sendPagerDuty } from './pagerduty-sender';
import type { EvidenceLink } from './webhook-body';
import { sendWebhook, type SendOptions } from './webhook-sender';

/** A hook's delivered events are kept like a subscription's, under this id (no subscription id starts so). */
export const hookDeliveryId = (name: string): string => `hook:${name}`;

export interface HookDispatcherDeps extends SendOptions {
  hooks: readonly HookTarget[];
  /** The store the watcher records card deliveries in: hooks record theirs beside them. */
  store: Pick<SubscriptionStore, 'deliveredEvents' | 'recordDeliveries'>;
  now: () => Date;
  logger: Logger;
  /** Whether this instance still leads the watcher: a round stops sending once it does not. Absent: always. */
  leading?: () => boolean;
  /** A signed link to a fresh evidence bundle about the event's version, when the bot has a public URL. */
  evidence?: (event: WatchEvent) => Promise<EvidenceLink | undefined>;
}

/**
 * Outgoing hooks: the watcher offers each cycle's facts, and a round in the background sends each hook the
 * facts in its scope and events that it has not recorded, in the cards' order, recording each right after the
 * receiver accepted it (a crash in between repeats that one request once; the Idempotency-Key lets the receiver
 * drop it). A hook's first round records what exists as its baseline and sends nothing, as a subscription's does.
 * Hooks are served side by side, so a receiver that is down (its retries take a while) delays no other hook.
 * Rounds never overlap and never hold up a cycle: facts offered during a round wait for the next one (newest win).
 */
export class HookDispatcher {
  /** What the watcher must read for the hooks, besides what subscriptions cover. */
  readonly scopes: readonly ScopeTest[];
  private readonly tests: ReadonlyMap<string, ScopeTest>;
  private waiting: readonly WatchEvent[] | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: HookDispatcherDeps) {
    this.tests = new Map(deps.hooks.map((h) => [h.name, hookScope(h.scope)]));
    this.scopes = [...this.tests.values()];
  }

  /** The facts of a complete cycle (see Watcher): sent in a round now, or after the one running. */
  offer(facts: readonly WatchEvent[]): void {
    if (this.deps.hooks.length === 0 || this.stopped) return;
    this.waiting = facts;
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /**
   * No new round, and a running one sends nothing after its current request (whose retries are not waited for:
   * what it did not record, the next leader sends).
   */
  stop(): void {
    this.stopped = true;
    this.waiting = undefined;
  }

  /** Resolves once no round runs. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting) {
      const facts = this.waiting;
      this.waiting = undefined;
      const links = new Map<string, Promise<EvidenceLink | undefined>>();
      await Promise.all(
        this.deps.hooks.map((hook) => this.deliverTo(hook, facts, links).catch((err: unknown) => this.deps.logger.warn({ err, hook: hook.name }, 'outgoing hook round failed; its events are tried again next cycle'))),
      );
    }
  }

  private async deliverTo(hook: HookTarget, facts: readonly WatchEvent[], links: Map<string, Promise<EvidenceLink | undefined>>): Promise<void> {
    const scope = this.tests.get(hook.name)!;
    const covers = (f: WatchEvent) => scope.covers(f.image) || (f.alsoCovers !== undefined && scope.covers(f.alsoCovers));
    const id = hookDeliveryId(hook.name);
    const delivered = await this.deps.store.deliveredEvents(id);
    // As for a subscription: a recovery or a new failure of a region gets the next transition's id (a new request).
    const relevant = numberTransitions(facts.filter((f) => (hook.events as readonly string[]).includes(f.kind) && covers(f)), delivered);
    if (!delivered.has(BASELINE_EVENT)) {
      await this.deps.store.recordDeliveries(id, [BASELINE_EVENT, ...relevant.map((f) => f.id)], this.deps.now().toISOString());
      this.deps.logger.info({ hook: hook.name, baseline: relevant.length }, 'outgoing hook: baseline recorded, later events are sent');
      return;
    }
    const steps: HookStep[] = hook.type === 'pagerduty' ? pagerDutySteps(relevant, delivered) : relevant.filter((f) => !delivered.has(f.id)).sort(byKind).map((event) => ({ event, record: [event.id] }));
    for (const step of steps) {
      if (this.stopped || (this.deps.leading && !this.deps.leading())) return;
      const outcome = await this.send(hook, step, () => this.evidenceFor(step.event, links));
      const log = { hook: hook.name, eventId: step.event.id, ...(step.action ? { action: step.action } : {}), attempts: outcome.attempts, status: outcome.status };
      if (outcome.result === 'unavailable') {
        // The receiver is down or busy: the rest waits for a later cycle, in order, instead of piling up retries.
        this.deps.logger.warn({ ...log, reason: outcome.reason }, 'outgoing hook unavailable; its events are tried again next cycle');
        return;
      }
      await this.deps.store.recordDeliveries(id, step.record, this.deps.now().toISOString());
      if (outcome.result === 'rejected') this.deps.logger.error({ ...log, reason: outcome.reason }, 'outgoing hook refused an event; it is not sent again (fix the receiver, then look it up by its id)');
      else this.deps.logger.info(log, 'outgoing hook event delivered');
    }
  }

  private async send(hook: HookTarget, step: HookStep, evidence: () => Promise<EvidenceLink | undefined>): Promise<PostOutcome> {
    const detectedAt = this.deps.now();
    const options: SendOptions = { ...(this.deps.retry ? { retry: this.deps.retry } : {}), ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}) };
    if (hook.type === 'webhook') return sendWebhook(hook, step.event, detectedAt, await evidence(), options);
    // A resolve carries only its key: no bundle is made for it.
    const action = step.action ?? 'trigger';
    return sendPagerDuty(hook, step.event, action, detectedAt, action === 'trigger' ? await evidence() : undefined, options);
  }

  /**
   * One bundle per version and round, whichever events and hooks carry it (a burst of 30 regions completing costs
   * one bundle's reads, not 30); a failure to make one costs only the link.
   */
  private evidenceFor(event: WatchEvent, links: Map<string, Promise<EvidenceLink | undefined>>): Promise<EvidenceLink | undefined> {
    const make = this.deps.evidence;
    if (!make) return Promise.resolve(undefined);
    const version = `${imageKeyText(event.image)}/${event.version}`;
    let link = links.get(version);
    if (!link) {
      link = make(event).catch((err: unknown) => {
        this.deps.logger.warn({ err, eventId: event.id }, 'no evidence bundle for an outgoing hook event; it is sent with the evidence command only');
        return undefined;
      });
      links.set(version, link);
    }
    return link;
  }
}

const KIND_ORDER: readonly string[] = ['published', 'replication', 'latest'];

/** Published before its regions, regions before latest (as cards are ordered); then by id. */
function byKind(a: WatchEvent, b: WatchEvent): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);
}
