import type { WatchEvent } from './watch-event';

/** One event card the bot posted: where it is (the activity id Teams gave it) and the events it lists. */
export interface SentEventCard {
  activityId: string;
  subscriptionId: string;
  /** The subscription's conversation: a click from anywhere else is not about this card. */
  conversationId: string;
  groupKey: string;
  events: WatchEvent[];
  /** When the card was posted (ms): later events of its group join it until `windowMs` after this. */
  postedAt: number;
  /** When its last event was seen (the card's "Seen"). */
  seenAt: Date;
}

/**
 * The event cards this process posted, newest last, so a burst's later events update the card of their group
 * (see event-groups.ts) and a Mute / Unsubscribe click can answer with the card it was clicked on. Kept in
 * memory on purpose: after a restart (or on another instance) a group continues in a new card, which is true
 * for what it lists, and the old card stays true for what it listed; recording activity ids durably would
 * cost a write per card in the shared store for a nicer look only. Bounded: the oldest are forgotten.
 */
export class SentEventCards {
  private readonly cards = new Map<string, SentEventCard>();
  /** subscription id + group key → the activity id of the group's newest card. */
  private readonly groups = new Map<string, string>();

  constructor(
    /** EVENT_GROUP_MINUTES: how long after a card is posted later events of its group still join it. */
    private readonly windowMs: number,
    private readonly max = 2000,
  ) {}

  /** The card events of this group should join now, if it is still open. */
  open(subscriptionId: string, groupKey: string, now: number): SentEventCard | undefined {
    const id = this.groups.get(groupSlot(subscriptionId, groupKey));
    const card = id === undefined ? undefined : this.cards.get(id);
    return card && now - card.postedAt < this.windowMs ? card : undefined;
  }

  /** A card was posted or updated (an update keeps its `postedAt`: the window does not slide). */
  remember(card: SentEventCard): void {
    this.cards.delete(card.activityId);
    this.cards.set(card.activityId, card);
    this.groups.set(groupSlot(card.subscriptionId, card.groupKey), card.activityId);
    while (this.cards.size > this.max) this.forget(this.cards.keys().next().value!);
  }

  byActivity(activityId: string): SentEventCard | undefined {
    return this.cards.get(activityId);
  }

  /** A clicked card (its answer replaced it): later events of its group start a new card. */
  close(activityId: string): void {
    const card = this.cards.get(activityId);
    if (card && this.groups.get(groupSlot(card.subscriptionId, card.groupKey)) === activityId) this.groups.delete(groupSlot(card.subscriptionId, card.groupKey));
  }

  private forget(activityId: string): void {
    this.close(activityId);
    this.cards.delete(activityId);
  }
}

function groupSlot(subscriptionId: string, groupKey: string): string {
  return `${subscriptionId}\n${groupKey}`;
}
