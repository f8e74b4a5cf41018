import type { Subscription } from './subscription';
import type { WatcherLease } from './watcher-lease';

/**
 * Subscriptions and the events already delivered to each. Owned by the subscriptions core; the embedded
 * (SQLite) and Table stores implement it. A delivery record is one write of its own: the watcher records an
 * event right after Teams accepted its card, so a crash between the two repeats that one card at most once.
 * It also holds the watcher's lease, so instances sharing the store run one watcher between them.
 */
export interface SubscriptionStore extends WatcherLease {
  addSubscription(subscription: Subscription): Promise<void>;
  /** Removes one of the conversation's subscriptions (and its delivery records); undefined when it has none by that id. */
  removeSubscription(conversationId: string, id: string): Promise<Subscription | undefined>;
  /** Sets, replaces or (null: `unmute`) lifts one of the conversation's subscriptions' mute; undefined when it has none by that id. */
  muteSubscription(conversationId: string, id: string, mute: { until: string; by: string } | null): Promise<Subscription | undefined>;
  /** One conversation's subscriptions, or every one (the watcher), oldest first. */
  listSubscriptions(conversationId?: string): Promise<Subscription[]>;
  /** Ids of the events recorded as delivered (or as the baseline) for a subscription. */
  deliveredEvents(subscriptionId: string): Promise<Set<string>>;
  /** Records events as delivered; recording an id again is harmless. */
  recordDeliveries(subscriptionId: string, eventIds: readonly string[], at: string): Promise<void>;
}
