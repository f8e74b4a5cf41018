import { escapeMarkdown, quoteInput } from '../cards/escape-text';
import { NotFoundError, UsageError } from '../errors';
import { normalizeSubscriptionId } from '../subscriptions/subscription-id';
import { defineCommand } from './command-spec';
import { requireMaySubscribe, requireSubscriptions, subscriptionHome } from './subscription-target';

const USAGE = 'unsubscribe <id>[,<id>…]';

/**
 * `unsubscribe S-…`: removes this conversation's subscriptions by id (several at once, by commas or spaces).
 * An id from another conversation is "not found" here: nobody can silence a channel from elsewhere.
 */
export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  aliases: [],
  summary: "Stops one of this conversation's subscriptions (its id is in `subscriptions` and on each card).",
  usage: USAGE,
  examples: ['unsubscribe S-7K3F9Q'],
  // Changes nothing in Azure, only what this conversation is told, so the cards' Unsubscribe button may run it;
  // who may is checked here on the server (the policy's channelSubscribers), as for typed text.
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => {
    const ids = input.args.flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== '');
    if (ids.length === 0) throw new UsageError('Name the subscription to stop; `subscriptions` lists them with their ids.', USAGE);
    return { ids: [...new Set(ids.map(normalizeSubscriptionId))] };
  },
  handler: async ({ ids }, ctx) => {
    const settings = requireSubscriptions(ctx);
    const home = subscriptionHome(ctx.caller);
    requireMaySubscribe(settings, ctx.caller, home);
    const removed: string[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const gone = await settings.store.removeSubscription(home.conversationId, id);
      if (gone) removed.push(`**${gone.id}** (${escapeMarkdown(gone.label)}: ${gone.events.join(', ')})`);
      else missing.push(id);
    }
    if (removed.length === 0) throw new NotFoundError(`This conversation has no subscription ${missing.map((m) => quoteInput(m)).join(', ')}. Type \`subscriptions\` to see its ids.`);
    const notFound = missing.length > 0 ? ` Not found here: ${missing.join(', ')}.` : '';
    return { kind: 'text', text: `Unsubscribed ${removed.join(', ')}. No more cards from ${removed.length === 1 ? 'it' : 'them'}.${notFound}`, brief: `Unsubscribed ${ids.join(', ')}.` };
  },
});
