import { escapeMarkdown, quoteInput } from '../cards/escape-text';
import { formatTimestamp } from '../cards/format-date';
import type { Reply } from '../cards/reply';
import { MUTE_MS } from '../cards/subscription-verbs';
import { watchEventCard } from '../cards/watch-event-card';
import { NotFoundError, UsageError, UserFacingError } from '../errors';
import type { Subscription } from '../subscriptions/subscription';
import { normalizeSubscriptionId } from '../subscriptions/subscription-id';
import type { CommandContext } from './command-context';
import { requireMaySubscribe, requireSubscriptions, subscriptionHome } from './subscription-target';

/** A click on an event card's "Mute this subscription for 24 h" or "Unsubscribe". Its data is untrusted. */
export interface SubscriptionClick {
  verb: 'mute' | 'unsubscribe';
  /** From the button's data: checked to be one of the clicking conversation's subscriptions. */
  subscriptionId: unknown;
  /** The clicked card's activity id (Teams' `replyToId`), to answer with the same card. */
  cardId?: string;
}

/**
 * Mutes (24 h) or removes a subscription from its card. The click is allowed to whoever may subscribe in that
 * conversation (the policy's `channelSubscribers` in channels), and only for a subscription of that
 * conversation: a forged or stale payload changes nothing and gets a plain answer, leaving the card as it was.
 * The answer is the clicked card with a line saying what happened and who did it, when this process posted
 * that card; otherwise the line alone (the card then stays as it is).
 */
export async function runSubscriptionButton(click: SubscriptionClick, ctx: CommandContext): Promise<Reply> {
  try {
    return await applyClick(click, ctx);
  } catch (err) {
    // An error card would replace the event card; a message under it leaves the card readable.
    if (err instanceof UserFacingError) return { kind: 'text', text: err.userMessage };
    throw err;
  }
}

async function applyClick(click: SubscriptionClick, ctx: CommandContext): Promise<Reply> {
  const settings = requireSubscriptions(ctx);
  const home = subscriptionHome(ctx.caller);
  if (typeof click.subscriptionId !== 'string' || click.subscriptionId.trim() === '') {
    throw new UsageError('That button names no subscription (the card may be damaged). Type `subscriptions` to see this conversation\'s.');
  }
  const id = normalizeSubscriptionId(click.subscriptionId.slice(0, 40));
  requireMaySubscribe(settings, ctx.caller, home);
  const missing = () => new NotFoundError(`This conversation has no subscription ${quoteInput(id)} (any more): nothing changed. Type \`subscriptions\` to see its ids.`);
  const who = ctx.caller?.name ?? 'someone';
  let changed: Subscription | undefined;
  let note: string;
  if (click.verb === 'mute') {
    const until = new Date(ctx.now().getTime() + MUTE_MS);
    changed = await settings.store.muteSubscription(home.conversationId, id, { until: until.toISOString(), by: who });
    note = `Muted until ${formatTimestamp(until)} by ${who}: events until then are skipped, not sent later. \`unmute ${id}\` lifts it.`;
  } else {
    changed = await settings.store.removeSubscription(home.conversationId, id);
    note = `Unsubscribed by ${who}: no more cards from ${id}.`;
  }
  if (!changed) throw missing();
  const card = click.cardId === undefined ? undefined : settings.cards?.byActivity(click.cardId);
  if (!card || card.subscriptionId !== id || card.conversationId !== home.conversationId) return { kind: 'text', text: escapeMarkdown(note) };
  // The answer replaces the card: the burst it was collecting ends, later events start a new card.
  settings.cards!.close(card.activityId);
  return watchEventCard(card.events, changed, card.seenAt, { note, gone: click.verb === 'unsubscribe' }, ctx.stages);
}
