import { escapeMarkdown } from '../cards/escape-text';
import { formatTimestamp } from '../cards/format-date';
import { subscribedTo } from '../subscriptions/digest-description';
import { isMuted } from '../subscriptions/subscription';
import { noArguments } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireSubscriptions, subscriptionHome } from './subscription-target';

const USAGE = 'subscriptions';

/** `subscriptions`: this conversation's subscriptions, each with its id, scope, events, who created it and when. */
export const subscriptionsCommand = defineCommand({
  name: 'subscriptions',
  aliases: [],
  summary: "This conversation's subscriptions: what each watches, who made it and when.",
  usage: USAGE,
  examples: ['subscriptions'],
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => noArguments(input, USAGE),
  handler: async (_args, ctx) => {
    const settings = requireSubscriptions(ctx);
    const home = subscriptionHome(ctx.caller);
    const list = await settings.store.listSubscriptions(home.conversationId);
    if (list.length === 0) return { kind: 'text', text: 'This conversation has no subscriptions. `subscribe gal_golden` (or an image, or `all`) starts one.' };
    const lines = list.map((s) => {
      const who = escapeMarkdown(s.createdBy.name ?? s.createdBy.id);
      return `- **${s.id}**: ${escapeMarkdown(s.label)}, ${subscribedTo(s, ctx.now())} (by ${who}, ${formatTimestamp(new Date(s.createdAt))})`;
    });
    // A muted one says until when: its events meanwhile are skipped, not sent later.
    list.forEach((s, i) => {
      if (isMuted(s, ctx.now())) lines[i] += `; muted until ${formatTimestamp(new Date(s.mutedUntil!))} by ${escapeMarkdown(s.mutedBy ?? 'someone')}, events skipped (\`unmute ${s.id}\` lifts it)`;
    });
    return { kind: 'text', text: [`This conversation's subscriptions (${list.length}):`, ...lines, '', '`unsubscribe ‹id›` stops one.'].join('\n') };
  },
});
