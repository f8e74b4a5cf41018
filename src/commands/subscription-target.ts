import type { Caller, CommandContext, ConversationKind } from './command-context';
import { ForbiddenError, UsageError } from '../errors';
import type { SubscriptionSettings } from '../subscriptions/subscription-settings';
import { sameId } from '../approvals/same-id';

/** Where a subscription lives and delivers: the conversation, and the conversation directory key that reaches it. */
export interface SubscriptionHome {
  conversationId: string;
  address: string;
  kind: ConversationKind | undefined;
}

/** The subscription settings, or a plain answer when this bot runs without them (tests of other commands). */
export function requireSubscriptions(ctx: CommandContext): SubscriptionSettings {
  if (!ctx.subscriptions) throw new UsageError('Subscriptions are not available in this deployment.');
  return ctx.subscriptions;
}

/**
 * The conversation the command was typed in. A channel is addressed by the channel's id (a message there names
 * its thread, `19:…;messageid=…`, and cards go to the channel, not into one thread).
 */
export function subscriptionHome(caller: Caller | undefined): SubscriptionHome {
  if (caller?.conversationType === 'channel' && caller.channelId) return { conversationId: caller.channelId, address: `channel:${caller.channelId}`, kind: 'channel' };
  const id = caller?.conversationId?.split(';')[0];
  if (!id) throw new UsageError('Subscriptions belong to a Teams conversation; type this in a chat or channel.');
  // A personal chat is reached through its person's reference (the directory keeps one per person, not per chat).
  const aad = caller?.aadObjectId?.toLowerCase();
  const personal = caller?.conversationType !== 'groupChat' && caller?.conversationType !== 'channel';
  if (personal && aad) return { conversationId: id, address: `user:${aad}`, kind: caller?.conversationType };
  return { conversationId: id, address: `conversation:${id}`, kind: caller?.conversationType };
}

/** In a channel, the policy file may name who may change its subscriptions; chats belong to their members. */
export function requireMaySubscribe(settings: SubscriptionSettings, caller: Caller | undefined, home: SubscriptionHome): void {
  if (home.kind !== 'channel' || !settings.channelSubscribers) return;
  if (caller?.aadObjectId && settings.channelSubscribers.some((p) => sameId(p.id, caller.aadObjectId!))) return;
  throw new ForbiddenError('The policy file names who may change subscriptions in channels, and you are not one of them. Ask one of them, or subscribe in a chat.');
}
