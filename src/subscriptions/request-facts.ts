import type { ChangeRequest } from '../approvals/change-request';
import { findRule } from '../approvals/find-rule';
import type { Policy } from '../approvals/policy';
import { changedGallery, requestTitle } from '../cards/request-title';
import type { ImageKey } from '../gallery/model';
import { scopeCovers, type Subscription } from './subscription';
import type { WatchEvent } from './watch-event';

/**
 * The definitions a request is "in": the version it is about, and the definition it changes (for a stage
 * promotion, the next stage's gallery). A subscription to either hears of it.
 */
export function requestImages(request: ChangeRequest): ImageKey[] {
  const { subscriptionId, resourceGroup, gallery, image } = request.target;
  return [{ subscriptionId, resourceGroup, gallery, image }, { ...changedGallery(request), image: request.scope.image }];
}

/** Whether a subscription wants to hear of this request (`requests`, and its scope covers the request). */
export function wantsRequest(subscription: Subscription, request: ChangeRequest): boolean {
  return subscription.events.includes('requests') && requestImages(request).some((k) => scopeCovers(subscription.scope, k));
}

/**
 * Reminders: each request still pending (no decision yet, not expired) that was made `afterMs` ago or more.
 * One fact per request (its id names it), so each subscription reminds once.
 */
export function reminderFacts(open: readonly ChangeRequest[], policy: Policy, now: Date, afterMs: number): WatchEvent[] {
  const facts: WatchEvent[] = [];
  for (const r of open) {
    if (r.state !== 'pending' || r.approvals.length > 0) continue;
    if (now.getTime() - Date.parse(r.createdAt) < afterMs || Date.parse(r.expiresAt) <= now.getTime()) continue;
    const [image, changed] = requestImages(r) as [ImageKey, ImageKey];
    facts.push({
      id: `requests|reminder|${r.id}`,
      kind: 'requests',
      image,
      alsoCovers: changed,
      version: r.target.version,
      reminder: {
        requestId: r.id,
        title: requestTitle(r),
        requester: r.requester.name,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        approvers: (findRule(policy, r.scope)?.approvers ?? []).filter((p) => p.id.toLowerCase() !== r.requester.aadObjectId.toLowerCase()).map((p) => ({ aadObjectId: p.id, name: p.name ?? p.id })),
      },
    });
  }
  return facts;
}
