import type { Activity, CloudAdapter, Entity } from 'botbuilder';
import { escapeMarkdown } from '../cards/escape-text';
import { watchEventCard } from '../cards/watch-event-card';
import type { Logger } from '../logging/logger';
import type { Stage } from '../stages';
import type { EventDelivery } from '../subscriptions/event-delivery';
import { eventGroupKey } from '../subscriptions/event-groups';
import type { SentEventCards } from '../subscriptions/sent-event-cards';
import type { Subscription } from '../subscriptions/subscription';
import type { RequestReminder, WatchEvent } from '../subscriptions/watch-event';
import { markBackgroundSends } from './background-sends';
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
  /** The cards posted so far: a burst's later events update their group's card; clicks answer with their card. */
  cards: SentEventCards;
  /** The promotion path (config.stages): a published card offers the version's next promotion. */
  stages: readonly Stage[];
}

/**
 * Posts subscription cards proactively, through the adapter and so through its send pacing (Teams'
 * per-conversation windows, 429 Retry-After). It runs in the watcher's own task, never inside a user's turn.
 * A conversation the bot has no reference for yet is reported `unreachable` (logged once per subscription).
 * A burst of one kind for one version (30 regions completing) is one card, updated in place as more arrive.
 */
export class TeamsEventDelivery implements EventDelivery {
  private readonly toldUnreachable = new Set<string>();

  constructor(private readonly deps: TeamsEventDeliveryDeps) {}

  deliver(subscription: Subscription, event: WatchEvent): Promise<'sent' | 'unreachable'> {
    return this.deliverGroup(subscription, [event]);
  }

  /**
   * Events sharing a card (see event-groups.ts): they join the group's card posted within EVENT_GROUP_MINUTES
   * (an update in place, paced like any message), else make a new card, whose activity id is remembered.
   */
  async deliverGroup(subscription: Subscription, events: readonly WatchEvent[]): Promise<'sent' | 'unreachable'> {
    const reference = await this.deps.directory.reference(subscription.address);
    if (!reference) {
      if (!this.toldUnreachable.has(subscription.id)) {
        this.toldUnreachable.add(subscription.id);
        this.deps.logger.info({ subscriptionId: subscription.id, address: subscription.address }, 'no conversation reference for a subscription yet (@mention the bot there once)');
      }
      return 'unreachable';
    }
    const now = this.deps.now();
    const groupKey = eventGroupKey(events[0]!);
    const open = this.deps.cards.open(subscription.id, groupKey, now.getTime());
    if (open && open.conversationId === subscription.conversationId) {
      const merged = [...open.events, ...events.filter((e) => !open.events.some((o) => o.id === e.id))];
      try {
        const activity = replyToActivity(watchEventCard(merged, subscription, now, undefined, this.deps.stages), this.deps.renderCard);
        await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (ctx) => {
          markBackgroundSends(ctx);
          await ctx.updateActivity({ ...activity, id: open.activityId });
        });
        this.deps.cards.remember({ ...open, events: merged, seenAt: now });
        return 'sent';
      } catch (err) {
        // Deleted by someone, or refused: the events are not lost, they start a card of their own.
        this.deps.logger.warn({ err, subscriptionId: subscription.id, activityId: open.activityId }, 'could not update an event card; its new events go on a new card');
        this.deps.cards.close(open.activityId);
      }
    }
    const activity = replyToActivity(watchEventCard(events, subscription, now, undefined, this.deps.stages), this.deps.renderCard);
    if (events[0]!.reminder) Object.assign(activity, await this.mentionApprovers(events[0]!.reminder));
    let activityId: string | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (ctx) => {
      markBackgroundSends(ctx);
      activityId = (await ctx.sendActivity(activity))?.id;
    });
    if (activityId) {
      this.deps.cards.remember({ activityId, subscriptionId: subscription.id, conversationId: subscription.conversationId, groupKey, events: [...events], postedAt: now.getTime(), seenAt: now });
    }
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
