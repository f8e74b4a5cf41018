import type { WatchEvent } from '../subscriptions/watch-event';
import type { HookTarget } from './hook-settings';
import { postWithRetry, type HookRetryPolicy, type PostOutcome, type Sleep } from './post-with-retry';
import { webhookBody, type EvidenceLink } from './webhook-body';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

/** A `webhook` hook. */
export type WebhookTarget = Extract<HookTarget, { type: 'webhook' }>;

/** How requests are sent (tests shorten the waits). */
export interface SendOptions {
  retry?: HookRetryPolicy;
  sleep?: Sleep;
}

/**
 * POSTs one event to a webhook: the documented body (webhook-body.ts), signed with the hook's secret over a
 * fresh timestamp on every attempt, with the event id as Idempotency-Key so a receiver can drop a repeat.
 */
export function sendWebhook(hook: WebhookTarget, event: WatchEvent, detectedAt: Date, evidence: EvidenceLink | undefined, options: SendOptions = {}): Promise<PostOutcome> {
  const raw = JSON.stringify(webhookBody(event, hook.name, detectedAt, evidence));
  const headers = () => {
    const timestamp = Math.floor(Date.now() / 1000);
    return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(hook.secret, timestamp, raw), 'Idempotency-Key': event.id, 'User-Agent': 'GalleryOps-Hooks/1' };
  };
  return postWithRetry(hook.url, raw, headers, options.retry, options.sleep);
}
