import { webhookBody } from '../../src/hooks/webhook-body';
import type { WatchEvent } from '../../src/subscriptions/watch-event';

const image = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const key = `${image.subscriptionId}/rg-images/gal_golden/dispatch`;
const at = new Date('2026-12-05T10:00:00Z');

describe('the webhook body of each event type', () => {
  it.each<[string, WatchEvent, object]>([
    [
      'published',
      { id: `published|${key}/1.4.0`, kind: 'published', image, version: '1.4.0', regions: ['East US', 'West Europe'], isLatest: false, latestVersion: '1.3.0' },
      { type: 'published', regions: ['East US', 'West Europe'], isLatest: false, text: 'gal_golden/dispatch 1.4.0 was published' },
    ],
    ['latest', { id: `latest|${key}|1.4.0`, kind: 'latest', image, version: '1.4.0' }, { type: 'latest', text: 'latest of gal_golden/dispatch is now 1.4.0' }],
    [
      'replication.completed',
      { id: `replication|${key}/1.4.0|eastus|Completed`, kind: 'replication', image, version: '1.4.0', region: 'East US', state: 'Completed' },
      { type: 'replication.completed', region: 'East US', state: 'Completed', text: 'Replication of gal_golden/dispatch 1.4.0 completed in East US' },
    ],
    [
      'replication.stuck',
      { id: `replication|${key}/1.4.0|eastus|Stuck@40`, kind: 'replication', image, version: '1.4.0', region: 'East US', stuck: { progress: 40, since: '2026-12-05T08:00:00.000Z' } },
      { type: 'replication.stuck', region: 'East US', state: 'Stuck', stuck: { progress: 40, since: '2026-12-05T08:00:00.000Z' }, text: 'Replication of gal_golden/dispatch 1.4.0 in East US has not moved from 40% since 2026-12-05T08:00:00.000Z' },
    ],
  ])('%s', (_type, event, expected) => {
    const body = webhookBody(event, 'oncall', at);
    expect(body).toMatchObject({ schema: 'galleryops.event/1', id: event.id, detectedAt: '2026-12-05T10:00:00.000Z', hook: 'oncall', image: 'dispatch', version: '1.4.0', ...expected });
    // Only a Failed region carries a repair; no link without a bundle.
    expect(body.links).toEqual({ evidenceCommand: 'evidence gal_golden/dispatch 1.4.0', statusCommand: 'image status gal_golden/dispatch 1.4.0' });
    expect(body.error).toBeUndefined();
  });
});
