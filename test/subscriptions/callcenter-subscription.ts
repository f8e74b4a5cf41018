import type { Subscription, WatchEventKind } from '../../src/subscriptions/subscription';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { DEMO_SUB } from '../fixtures/gallery-builder';

/** The demo's gal_golden/callcenter-desktop, as the watcher tests key it. */
export const callcenter = { subscriptionId: DEMO_SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'callcenter-desktop' };

/** A personal chat's subscription to callcenter-desktop, made at DEMO_NOW. */
export function callcenterSubscription(id: string, events: WatchEventKind[]): Subscription {
  return {
    id,
    conversationId: 'a:chat',
    address: 'conversation:a:chat',
    scope: { kind: 'image', ...callcenter },
    label: 'gal_golden/callcenter-desktop',
    events,
    createdBy: { id: '29:alex' },
    createdAt: DEMO_NOW.toISOString(),
  };
}
