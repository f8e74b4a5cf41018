import type { CloudAdapter } from 'botbuilder';
import type { CardReply } from '../cards/reply';
import type { Logger } from '../logging/logger';
import type { DigestDelivery } from '../subscriptions/digest-delivery';
import type { Subscription } from '../subscriptions/subscription';
import { markBackgroundSends } from './background-sends';
import type { ConversationDirectory } from './conversation-directory';
import { replyToActivity, type CardRenderer } from './reply-to-activity';

/** Posts daily digest cards proactively, through the adapter's send pacing, from the watcher's task. */
export class TeamsDigestDelivery implements DigestDelivery {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string; directory: ConversationDirectory; renderCard: CardRenderer; logger: Logger }) {}

  async deliverDigest(subscription: Subscription, card: CardReply): Promise<'sent' | 'unreachable'> {
    const reference = await this.deps.directory.reference(subscription.address);
    if (!reference) {
      this.deps.logger.info({ subscriptionId: subscription.id }, 'no conversation reference for a digest yet (@mention the bot there once)');
      return 'unreachable';
    }
    const activity = replyToActivity(card, this.deps.renderCard);
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (ctx) => {
      markBackgroundSends(ctx);
      await ctx.sendActivity(activity);
    });
    return 'sent';
  }
}
