import type { WatchEvent } from '../subscriptions/watch-event';
import type { HookTarget } from './hook-settings';
import { postWithRetry, type PostOutcome } from './post-with-retry';
import { pagerDutyEvent, type PagerDutyAction } from './pagerduty-event';
import type { EvidenceLink } from './webhook-body';
import type { SendOptions } from './webhook-sender';

/** A `pagerduty` hook. */
export type PagerDutyTarget = Extract<HookTarget, { type: 'pagerduty' }>;

/** Enqueues one trigger or resolve; PagerDuty answers 202, 400 (invalid: not retried), 429 or 5xx (retried). */
export function sendPagerDuty(hook: PagerDutyTarget, event: WatchEvent, action: PagerDutyAction, detectedAt: Date, evidence: EvidenceLink | undefined, options: SendOptions = {}): Promise<PostOutcome> {
  const raw = JSON.stringify(pagerDutyEvent(event, action, hook.routingKey, detectedAt, evidence));
  return postWithRetry(hook.url, raw, () => ({ 'User-Agent': 'GalleryOps-Hooks/1' }), options.retry, options.sleep);
}
