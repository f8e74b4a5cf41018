/**
 * Event Grid for the emulator: after a write's operation succeeds, POSTs what Azure's subscription system topic
 * delivers to a webhook (Event Grid schema: a JSON array with one `Microsoft.Resources.ResourceWriteSuccess` or
 * `ResourceDeleteSuccess` event), so a bot's `POST /api/events` can be exercised locally. The URL is used as
 * given: like Event Grid, the emulator carries a secret only in the URL's query.
 */
import { randomUUID } from 'node:crypto';
import { armType, canonicalId, type ResourceAddress } from './arm-route';

/** A resource a write changed, told once its operation succeeded. */
export interface ResourceChange {
  address: ResourceAddress;
  deleted: boolean;
}

/** Deliveries are tried this many times with growing pauses (Event Grid itself retries for up to a day). */
const ATTEMPT_DELAYS_MS = [0, 250, 1000];

/** Builds the event Azure would publish for a change. */
export function resourceEvent(change: ResourceChange, now: Date): Record<string, unknown> {
  const resourceUri = canonicalId(change.address);
  const operationName = `${armType(change.address.kind)}/${change.deleted ? 'delete' : 'write'}`;
  return {
    id: randomUUID(),
    topic: `/subscriptions/${change.address.subscriptionId}`,
    subject: resourceUri,
    eventType: change.deleted ? 'Microsoft.Resources.ResourceDeleteSuccess' : 'Microsoft.Resources.ResourceWriteSuccess',
    eventTime: now.toISOString(),
    data: {
      resourceProvider: 'Microsoft.Compute',
      resourceUri,
      operationName,
      status: 'Succeeded',
      subscriptionId: change.address.subscriptionId,
      correlationId: randomUUID(),
    },
    dataVersion: '2',
    metadataVersion: '1',
  };
}

/**
 * A publisher for `webhook`: fire and forget (the write's answer never waits for it), a few attempts, and a line
 * on `log` when every attempt failed (the bot may not be listening yet, or at all).
 */
export function eventGridPublisher(webhook: string, now: () => Date, log: (line: string) => void): (change: ResourceChange) => void {
  return (change) => {
    const body = JSON.stringify([resourceEvent(change, now())]);
    void (async () => {
      let last = '';
      for (const delay of ATTEMPT_DELAYS_MS) {
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        try {
          const res = await fetch(webhook, { method: 'POST', headers: { 'Content-Type': 'application/json', 'aeg-event-type': 'Notification' }, body, signal: AbortSignal.timeout(5000) });
          if (res.ok) return;
          last = `HTTP ${res.status}`;
          // A refusal will not change on a retry: the URL or its secret is wrong.
          if (res.status === 401 || res.status === 403 || res.status === 404) break;
        } catch (err) {
          last = err instanceof Error ? err.message : String(err);
        }
      }
      // The URL carries a secret: name only where it goes.
      log(`Event Grid webhook delivery failed (${last}) for ${canonicalId(change.address)} to ${new URL(webhook).origin}${new URL(webhook).pathname}`);
    })();
  };
}
