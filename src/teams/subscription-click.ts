import { MUTE_VERB, UNSUBSCRIBE_VERB } from '../cards/subscription-verbs';
import type { SubscriptionClick } from '../commands/subscription-button';

const VERBS: Record<string, SubscriptionClick['verb']> = { [MUTE_VERB]: 'mute', [UNSUBSCRIBE_VERB]: 'unsubscribe' };

/**
 * A click on an event card's Mute or Unsubscribe button (Action.Execute, or the Action.Submit fallback's message
 * value). Only the verb and `subscriptionId` are read; `cardId` is the clicked message (Teams' `replyToId`).
 */
export function subscriptionClickOf(value: unknown, cardId: string | undefined): SubscriptionClick | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const verb = typeof v.verb === 'string' ? VERBS[v.verb] : undefined;
  if (!verb) return undefined;
  return { verb, subscriptionId: v.subscriptionId, ...(cardId ? { cardId } : {}) };
}
