import type { Subscription } from './subscription';
import type { WatchEvent } from './watch-event';

/**
 * Posts one event's card to a subscription's conversation (the Teams layer implements it). `sent`: Teams
 * accepted it; `unreachable`: the bot has no conversation reference there yet (nothing sent; tried again next
 * cycle). A failed send throws.
 */
export interface EventDelivery {
  deliver(subscription: Subscription, event: WatchEvent): Promise<'sent' | 'unreachable'>;
  /**
   * Events that share a card (see event-groups.ts), as one message or one update of the card already posted for
   * them. Optional: without it the watcher delivers them one by one.
   */
  deliverGroup?(subscription: Subscription, events: readonly WatchEvent[]): Promise<'sent' | 'unreachable'>;
}
