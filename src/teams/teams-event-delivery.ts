import type { Activity, CloudAdapter, Entity } from 'botbuilder';
import { escapeMarkdown } from '../cards/escape-text';
import { watchEventCard } from '../cards/watch-event-card';
import type { Logger } from '../logging/logger';
import type { EventDelivery } from '../subscriptions/event-delivery';
import type { Subscription } from '../subscriptions/subscription';
import type { RequestReminder, WatchEvent } from '../subscriptions/watch-event';
import type { ConversationDirectory } from './conversation-directory';
import { replyToActivity, type CardRenderer } from './reply-to-activity';

export interface TeamsEventDeliveryDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' for local use), as proactive messages need it. */
  appId: string;
  directory: ConversationDirectory;
  renderCard: CardRenderer;
  logger: Logger;
  now: () => Date;
}

/**
 * Posts subscription cards proactively, through the adapter and so through its send pacing (Teams'
 * per-conversation windows, 429 Retry-After). It runs in the watcher's own task, never inside a user's turn.
 * A conversation the bot has no reference for yet is reported `unreachable` (logged once per subscription).
 */
export class TeamsEventDelivery implements EventDelivery {
  private readonly toldUnreachable = new Set<string>();

  constructor(private readonly deps: TeamsEventDeliveryDeps) {}

  async deliver(subscription: Subscription, event: WatchEvent): Promise<'sent' | 'unreachable'> {
    const reference = await this.deps.directory.reference(subscription.address);
    if (!reference) {
      if (!this.toldUnreachable.has(subscription.id)) {
        this.toldUnreachable.add(subscription.id);
        this.deps.logger.info({ subscriptionId: subscription.id, address: subscription.address }, 'no conversation reference for a subscription yet (@mention the bot there once)');
      }
      return 'unreachable';
    }
    const activity = replyToActivity(watchEventCard(event, subscription, this.deps.now()), this.deps.renderCard);
    if (event.reminder) Object.assign(activity, await this.mentionApprovers(event.reminder));
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (ctx) => {
      await ctx.sendActivity(activity);
    });
    return 'sent';
  }

  /**
   * A reminder's text @mentions the approvers the bot knows (Teams notifies a mentioned person), and names the
   * others; the card below it carries the request's facts.
   */
  private async mentionApprovers(reminder: RequestReminder): Promise<Partial<Activity>> {
    const entities: Entity[] = [];
    const names: string[] = [];
    for (const approver of reminder.approvers) {
      const member = await this.deps.directory.member(approver.aadObjectId);
      if (!member) {
        names.push(escapeMarkdown(approver.name));
        continue;
      }
      const text = `<at>${escapeMarkdown(approver.name)}</at>`;
      names.push(text);
      entities.push({ type: 'mention', text, mentioned: { id: member.teamsUserId, name: approver.name } } as Entity);
    }
    const who = names.length > 0 ? names.join(', ') : 'Approvers';
    return { text: `${who}: ${reminder.requestId} is waiting for your decision.`, textFormat: 'markdown', entities };
  }
}
