import { escapeMarkdown } from '../cards/escape-text';
import { galleryPath } from '../gallery/qualified-name';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { describeDigest, subscribedTo } from '../subscriptions/digest-description';
import { parseSubscribe, SUBSCRIBE_USAGE, type SubscribeArgs } from '../subscriptions/parse-subscribe';
import type { DigestSchedule } from '../subscriptions/digest-schedule';
import type { Subscription, SubscriptionScope } from '../subscriptions/subscription';
import { randomSubscriptionId } from '../subscriptions/subscription-id';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import type { Reply } from '../cards/reply';
import { qualifyGallery, requireGallery, requireImage } from './require-name';
import { requireMaySubscribe, requireSubscriptions, subscriptionHome } from './subscription-target';

/**
 * `subscribe <gallery|gallery/image|image|all> [to <events>]`: this conversation gets a card when a version is
 * published, a region finishes replicating (or fails, or stalls), latest moves, a version in use nears its end of
 * life, or a change request is made (its card, kept up to date) or waits too long, within the scope; `to digest at
 * 09:00 Europe/Berlin` adds a daily card of what changed in `report` and `drift`. Names are resolved
 * now, so the watcher follows exactly the definition or gallery the user meant.
 */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  aliases: [],
  summary: 'Cards here when versions publish, replicate, fail or stall, latest changes, EOL nears, requests are made; a daily digest.',
  usage: SUBSCRIBE_USAGE,
  examples: ['subscribe gal_golden', 'subscribe dispatch to replication', 'subscribe all to eol,requests', 'subscribe gal_golden to digest at 09:00 Europe/Berlin'],
  readOnly: false,
  popular: true,
  paged: false,
  parse: (input) => parseSubscribe(input.args),
  handler: async (args, ctx) => subscribe(args, ctx),
});

async function subscribe(args: SubscribeArgs, ctx: CommandContext): Promise<Reply> {
  const settings = requireSubscriptions(ctx);
  const home = subscriptionHome(ctx.caller);
  requireMaySubscribe(settings, ctx.caller, home);
  const { scope, label } = await resolveScope(args, ctx);
  const existing = (await settings.store.listSubscriptions(home.conversationId)).find((s) => s.label === label && sameEvents(s.events, args.events) && sameDigest(s.digest, args.digest));
  if (existing) return { kind: 'text', text: `This conversation already has that subscription: **${existing.id}** (${escapeMarkdown(label)}: ${subscribedTo(existing)}).` };
  const caller = ctx.caller!;
  const subscription: Subscription = {
    id: (settings.newId ?? randomSubscriptionId)(),
    conversationId: home.conversationId,
    address: home.address,
    scope,
    label,
    events: args.events,
    ...(args.digest ? { digest: args.digest } : {}),
    createdBy: { id: caller.id, ...(caller.name ? { name: caller.name } : {}), ...(caller.aadObjectId ? { aadObjectId: caller.aadObjectId } : {}) },
    createdAt: ctx.now().toISOString(),
  };
  await settings.store.addSubscription(subscription);
  const where = home.kind === 'channel' ? 'this channel' : 'this chat';
  const events = args.events.length === 0 ? '' : 'What is there now is taken as known; a card arrives here for each change from the next check on. ';
  const digest = subscription.digest
    ? `The digest of \`report\` and \`drift\` changes comes ${describeDigest(subscription.digest, ctx.now())}${args.digestDefaulted ? ' (no time was given; add `at HH:MM Europe/Berlin` for another)' : ''}. `
    : '';
  return {
    kind: 'text',
    text: `Subscribed ${where} to **${subscribedTo(subscription)}** in ${escapeMarkdown(label)} (**${subscription.id}**). ${events}${digest}\`unsubscribe ${subscription.id}\` stops it.`,
    brief: `Subscribed: ${subscription.id}.`,
  };
}

/** `all`, a gallery (when the word names one), or an image definition (`gallery/image` or a unique name). */
async function resolveScope(args: SubscribeArgs, ctx: CommandContext): Promise<{ scope: SubscriptionScope; label: string }> {
  const events = [...args.events, ...(args.digest ? ['digest'] : [])].join(',');
  const at = args.digest && !args.digestDefaulted ? ` at ${args.digest.time} ${args.digest.timeZone}` : '';
  const again = (q: string) => `subscribe ${q} to ${events}${at}`;
  if (args.target.toLowerCase() === 'all') return { scope: { kind: 'all' }, label: 'all galleries' };
  if (!args.target.includes('/')) {
    try {
      const g = await requireGallery(ctx, args.target, again);
      return { scope: { kind: 'gallery', subscriptionId: g.subscriptionId, resourceGroup: g.resourceGroup, gallery: g.gallery }, label: await qualifyGallery(ctx, g).catch(() => galleryPath(g).join('/')) };
    } catch (err) {
      // Not a gallery: read it as an image name (whose not-found answer suggests images).
      if (!(err instanceof NoSuchNameError)) throw err;
    }
  }
  const target = await requireImage(ctx, args.target, again);
  const i = target.image;
  return { scope: { kind: 'image', subscriptionId: i.subscriptionId, resourceGroup: i.resourceGroup, gallery: i.gallery, image: i.image }, label: target.qualified };
}

function sameDigest(a: DigestSchedule | undefined, b: DigestSchedule | undefined): boolean {
  return a?.time === b?.time && a?.timeZone === b?.timeZone;
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((e) => b.includes(e));
}
