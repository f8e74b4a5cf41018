/**
 * The hook dispatcher on the embedded (SQLite) store with real local receivers: a receiver that is down holds up
 * no other hook, and what it missed is sent in a later round, once.
 */
import { HookDispatcher } from '../../src/hooks/hook-dispatcher';
import type { HookTarget } from '../../src/hooks/hook-settings';
import { createLogger } from '../../src/logging/logger';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { openTempStore } from '../helpers/temp-store';
import { waitFor } from '../helpers/wait-for';
import { startReceiver, statuses } from './hook-receiver';

const image = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const failed: WatchEvent = { id: `replication|${image.subscriptionId}/rg-images/gal_golden/dispatch/1.4.0|westeurope|Failed`, kind: 'replication', image, version: '1.4.0', region: 'West Europe', state: 'Failed', details: 'Quota exceeded.' };

it('serves hooks side by side: PagerDuty is told while the webhook waits out its 503s, which get the event in a later round', async () => {
  const data = await openTempStore();
  const [flaky, pagerduty] = await Promise.all([startReceiver(statuses(503, 503, 503)), startReceiver(statuses(202))]);
  // The webhook's backoff waits until the test opens the gate.
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  try {
    const hooks: HookTarget[] = [
      { name: 'flaky', type: 'webhook', url: flaky.url, scope: 'all', events: ['replication'], secret: 's'.repeat(40) },
      { name: 'pd', type: 'pagerduty', url: pagerduty.url, scope: 'all', events: ['replication'], routingKey: 'k'.repeat(32) },
    ];
    const dispatcher = new HookDispatcher({ hooks, store: data.store.subscriptions, now: () => new Date(), logger: createLogger('silent'), retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, retryAfterCapMs: 1000, timeoutMs: 2000 }, sleep: () => gate });
    dispatcher.offer([]);
    await dispatcher.idle();

    dispatcher.offer([failed]);
    await waitFor(() => pagerduty.requests.length, (n) => n === 1);
    expect(flaky.requests).toHaveLength(1);
    open();
    await dispatcher.idle();
    // Three 503s: unavailable this round, nothing recorded for it.
    expect(flaky.requests).toHaveLength(3);
    expect((await data.store.subscriptions.deliveredEvents('hook:flaky')).has(failed.id)).toBe(false);

    // The next cycle's round sends it again, and it is accepted; PagerDuty is not told twice.
    dispatcher.offer([failed]);
    await dispatcher.idle();
    dispatcher.offer([failed]);
    await dispatcher.idle();
    expect(flaky.requests.map((r) => JSON.parse(r.raw).id)).toEqual([failed.id, failed.id, failed.id, failed.id]);
    expect(pagerduty.requests).toHaveLength(1);
    expect((await data.store.subscriptions.deliveredEvents('hook:flaky')).has(failed.id)).toBe(true);
  } finally {
    open();
    await Promise.all([flaky.close(), pagerduty.close()]);
    await data.cleanup();
  }
});
