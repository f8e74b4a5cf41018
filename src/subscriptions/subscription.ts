import type { GalleryKey, ImageKey } from '../gallery/model';
import type { DigestSchedule } from './digest-schedule';

/** What the watcher can announce as it happens; the daily digest is a schedule of its own (`Subscription.digest`). */
export const WATCH_EVENT_KINDS = ['published', 'replication', 'latest', 'eol', 'requests'] as const;

/** One kind of event a conversation can subscribe to. */
export type WatchEventKind = (typeof WATCH_EVENT_KINDS)[number];

/** What a subscription watches: every gallery in scope, one gallery, or one image definition. */
export type SubscriptionScope = { kind: 'all' } | ({ kind: 'gallery' } & GalleryKey) | ({ kind: 'image' } & ImageKey);

/** Who typed `subscribe`, as the Teams layer saw them. */
export interface SubscriptionCreator {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** One conversation's subscription, stored with where to deliver its cards. */
export interface Subscription {
  /** `S-` and 6 characters, typed in `unsubscribe`. */
  id: string;
  /** The conversation it belongs to (a channel's id, without a thread's `;messageid=`). */
  conversationId: string;
  /** The conversation directory key that holds its conversation reference (`channel:…` or `conversation:…`). */
  address: string;
  scope: SubscriptionScope;
  /** The scope as the user should read it (`gal_golden/dispatch`, `all galleries`). */
  label: string;
  events: WatchEventKind[];
  /** A daily digest of `report` and `drift` changes at this local time (absent: none). Older records have none. */
  digest?: DigestSchedule;
  createdBy: SubscriptionCreator;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** "Mute this subscription for 24 h": until then (ISO 8601 UTC) its events are recorded as skipped, never sent. */
  mutedUntil?: string;
  /** Who muted it, as the Teams layer named them. */
  mutedBy?: string;
}

/** Whether a subscription is muted at `now` (a mute that has run out is no mute). */
export function isMuted(subscription: Pick<Subscription, 'mutedUntil'>, now: Date): boolean {
  return subscription.mutedUntil !== undefined && Date.parse(subscription.mutedUntil) > now.getTime();
}

/** The subscription with this mute set, or (null) lifted: the stores keep what this returns. */
export function withMute(subscription: Subscription, mute: { until: string; by: string } | null): Subscription {
  const { mutedUntil: _until, mutedBy: _by, ...unmuted } = subscription;
  return mute ? { ...unmuted, mutedUntil: mute.until, mutedBy: mute.by } : unmuted;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Whether a subscription's scope includes anything of this gallery. Names compare case-insensitively, as ARM's do. */
export function scopeTouchesGallery(scope: SubscriptionScope, g: GalleryKey): boolean {
  if (scope.kind === 'all') return true;
  return same(scope.subscriptionId, g.subscriptionId) && same(scope.resourceGroup, g.resourceGroup) && same(scope.gallery, g.gallery);
}

/** Whether a subscription's scope covers an image definition. */
export function scopeCovers(scope: SubscriptionScope, image: ImageKey): boolean {
  if (!scopeTouchesGallery(scope, image)) return false;
  return scope.kind !== 'image' || same(scope.image, image.image);
}
