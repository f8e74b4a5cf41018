import { escapeMarkdown, quoteInput } from '../cards/escape-text';
import { formatTimestamp } from '../cards/format-date';
import { NotFoundError, UsageError } from '../errors';
import { isMuted } from '../subscriptions/subscription';
import { normalizeSubscriptionId } from '../subscriptions/subscription-id';
import { defineCommand } from './command-spec';
import { requireMaySubscribe, requireSubscriptions, subscriptionHome } from './subscription-target';

const USAGE = 'unmute <id>';

/**
 * `unmute S-…`: lifts a card's "Mute this subscription for 24 h" before it runs out (a mute clicked by mistake).
 * Events that happened meanwhile were recorded as skipped and stay so: unmuting never floods the conversation
 * with a day of old cards; the next change is announced as usual.
 */
export const unmuteCommand = defineCommand({
  name: 'unmute',
  aliases: [],
  summary: "Lifts a subscription's 24 h mute now; events during the mute stay skipped.",
  usage: USAGE,
  examples: ['unmute S-7K3F9Q'],
  // Changes nothing in Azure, only what this conversation is told (as Mute does); who may is checked below.
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => {
    const [id, ...extra] = input.args;
    if (!id) throw new UsageError('Name the subscription to unmute; `subscriptions` lists them with their ids.', USAGE);
    if (extra.length > 0) throw new UsageError(`One subscription at a time; I did not expect ${quoteInput(extra.join(' '))}.`, USAGE);
    return { id: normalizeSubscriptionId(id) };
  },
  handler: async ({ id }, ctx) => {
    const settings = requireSubscriptions(ctx);
    const home = subscriptionHome(ctx.caller);
    requireMaySubscribe(settings, ctx.caller, home);
    const found = (await settings.store.listSubscriptions(home.conversationId)).find((s) => s.id === id);
    const missing = () => new NotFoundError(`This conversation has no subscription ${quoteInput(id)}. Type \`subscriptions\` to see its ids.`);
    if (!found) throw missing();
    const label = `**${found.id}** (${escapeMarkdown(found.label)})`;
    if (!isMuted(found, ctx.now())) return { kind: 'text', text: `${label} is not muted: its cards are already arriving.` };
    // One removed since the read stays removed: the store answers undefined instead of writing it back.
    if (!(await settings.store.muteSubscription(home.conversationId, id, null))) throw missing();
    const who = escapeMarkdown(ctx.caller?.name ?? 'someone');
    const since = `muted by ${escapeMarkdown(found.mutedBy ?? 'someone')} until ${formatTimestamp(new Date(found.mutedUntil!))}`;
    return {
      kind: 'text',
      text: `Unmuted ${label} by ${who} (it was ${since}). Cards resume with the next event; events during the mute stay skipped and are not sent now.`,
      brief: `Unmuted ${id}.`,
    };
  },
});
