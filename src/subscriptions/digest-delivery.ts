import type { CardReply } from '../cards/reply';
import type { Subscription } from './subscription';

/**
 * Posts a digest card to a subscription's conversation (the Teams layer implements it): `sent` once Teams
 * accepted it, `unreachable` when the bot has no conversation reference there yet. A failed send throws.
 */
export interface DigestDelivery {
  deliverDigest(subscription: Subscription, card: CardReply): Promise<'sent' | 'unreachable'>;
}
