import type { PolicyPerson } from '../approvals/policy';
import type { SentEventCards } from './sent-event-cards';
import type { SubscriptionStore } from './subscription-store';

/** What the subscription commands need; present when the watcher runs (always, in the app). */
export interface SubscriptionSettings {
  store: SubscriptionStore;
  /** The policy file's `subscriptions.channelSubscribers`; absent: anyone in a channel may subscribe it. */
  channelSubscribers?: readonly PolicyPerson[];
  /** Event cards this process posted: a Mute / Unsubscribe click answers with the card it was clicked on. */
  cards?: SentEventCards;
  /** Test seam; default random `S-XXXXXX`. */
  newId?: () => string;
}
