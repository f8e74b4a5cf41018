import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { CardRef, ChangeRequest } from '../approvals/change-request';
import { findRule } from '../approvals/find-rule';
import type { Policy } from '../approvals/policy';
import type { RequestNotifier } from '../approvals/request-notifier';
import { sameId } from '../approvals/same-id';
import { requestCardReply } from '../cards/request-card-reply';
import type { Logger } from '../logging/logger';
import type { ChangeRequestStore } from '../approvals/request-store';
import type { ConversationDirectory } from './conversation-directory';
import { approvalsRequestText, requestOutcomeText } from './request-outcome-text';
import { MAX_REFRESH_USERS } from '../cards/change-request-card';
import { conversationMemberIds } from './conversation-members';
import { replyToActivity, type CardRenderer } from './reply-to-activity';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' for local use), as proactive messages need it. */
  appId: string;
  directory: ConversationDirectory;
  requests: ChangeRequestStore;
  policy: Policy;
  renderCard: CardRenderer;
  /**
   * Directory keys of the conversations subscribed to this request's `requests` (see subscriptions): each gets
   * the card too, recorded like the channel's, so every later change updates it in place.
   */
  subscribedConversations?: (request: ChangeRequest) => Promise<string[]>;
  /** Records a card posted outside a turn (channel, personal chats) so later decisions update it too. */
  recordCard(requestId: string, card: CardRef): Promise<void>;
  logger: Logger;
  now: () => Date;
}

/**
 * Request cards and messages outside the turn that caused them: the approvals channel, approvers' and the
 * requester's personal chats, and updates of every posted copy. Everything here is best-effort and logged:
 * chat delivery never decides or blocks a request (the store and the audit log do).
 */
export class TeamsRequestNotifier implements RequestNotifier {
  /** Card updates per request run one after another, so an older state never overwrites a newer one. */
  private readonly updates = new Map<string, Promise<void>>();
  /** The update per request that has not started yet: it reads the stored request when it does, so it covers later changes too. */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(private readonly deps: TeamsNotifierDeps) {}

  async requestCreated(request: ChangeRequest): Promise<void> {
    const rule = findRule(this.deps.policy, request.scope);
    const channelId = rule?.approvalsChannel;
    if (channelId && !request.cards.some((c) => sameConversation(c.conversationId, channelId))) {
      const channel = await this.deps.directory.channel(channelId);
      if (channel) await this.postCard(request, channel);
      else this.deps.logger.info({ requestId: request.id, channelId }, 'approvals channel not known yet (add the bot to that team or @mention it there once)');
    }
    const posted = new Set(request.cards.map((c) => c.conversationId.split(';')[0]!));
    if (channelId) posted.add(channelId);
    for (const approver of rule?.approvers ?? []) {
      if (sameId(approver.id, request.requester.aadObjectId)) continue;
      const chat = await this.deps.directory.personalChatOf(approver.id);
      if (!chat?.conversation?.id || posted.has(chat.conversation.id)) continue;
      posted.add(chat.conversation.id);
      await this.send(chat, { type: 'message', text: approvalsRequestText(request), textFormat: 'markdown' });
      await this.postCard(request, chat);
    }
    await this.postToSubscribers(request, posted);
  }

  /**
   * One more copy of the card in each subscribed conversation that has none yet (`posted`: where it was asked,
   * the approvals channel, approvers' chats), recorded like the others so every change updates it in place.
   */
  private async postToSubscribers(request: ChangeRequest, posted: Set<string>): Promise<void> {
    let addresses: string[] = [];
    try {
      addresses = (await this.deps.subscribedConversations?.(request)) ?? [];
    } catch (err) {
      this.deps.logger.warn({ err, requestId: request.id }, 'could not read the subscriptions to requests');
    }
    for (const address of addresses) {
      const where = await this.deps.directory.reference(address);
      const conversationId = where?.conversation?.id?.split(';')[0];
      if (!where || !conversationId || posted.has(conversationId)) continue;
      posted.add(conversationId);
      await this.postCard(request, where);
    }
  }

  requestChanged(requestId: string): Promise<void> {
    // Coalesced: a change that arrives while an update still waits its turn is shown by that update. Without
    // this, a repair's progress (a step every few seconds) would queue more updates than Teams' per-conversation
    // limits let through, and the card would fall behind by minutes.
    const waiting = this.queued.get(requestId);
    if (waiting) return waiting;
    const previous = this.updates.get(requestId) ?? Promise.resolve();
    const next: Promise<void> = previous.then(() => {
      if (this.queued.get(requestId) === next) this.queued.delete(requestId);
      return this.updateAllCards(requestId);
    });
    this.queued.set(requestId, next);
    this.updates.set(requestId, next);
    void next.finally(() => {
      if (this.updates.get(requestId) === next) this.updates.delete(requestId);
    });
    return next;
  }

  async requestFinished(request: ChangeRequest): Promise<void> {
    const chat = await this.deps.directory.personalChatOf(request.requester.aadObjectId);
    if (chat) await this.send(chat, { type: 'message', text: requestOutcomeText(request), textFormat: 'markdown' });
  }

  /**
   * The base card, with the user ids that get a personal view in Teams: approvers and the requester first
   * (so they are never cut by the limit of 60), then the other members of the conversation it goes to.
   */
  async baseCard(request: ChangeRequest, memberIds: readonly string[] = []): Promise<Partial<Activity>> {
    const ids = new Set<string>();
    for (const approver of findRule(this.deps.policy, request.scope)?.approvers ?? []) {
      const member = await this.deps.directory.member(approver.id);
      if (member) ids.add(member.teamsUserId);
    }
    ids.add(request.requester.teamsUserId);
    for (const id of memberIds) ids.add(id);
    const reply = requestCardReply(request, this.deps.policy, this.deps.now(), { kind: 'everyone', refreshUserIds: [...ids].slice(0, MAX_REFRESH_USERS) });
    return replyToActivity(reply, this.deps.renderCard);
  }

  private async updateAllCards(requestId: string): Promise<void> {
    try {
      const request = await this.deps.requests.get(requestId);
      if (!request) return;
      for (const card of request.cards) {
        const reference: Partial<ConversationReference> = { channelId: 'msteams', serviceUrl: card.serviceUrl, conversation: { id: card.conversationId } as ConversationReference['conversation'] };
        await this.continueIn(reference, async (ctx) => {
          const activity = await this.baseCard(request, await conversationMemberIds(ctx));
          await ctx.updateActivity({ ...activity, id: card.activityId });
        });
      }
    } catch (err) {
      this.deps.logger.warn({ err, requestId }, 'could not update the request cards');
    }
  }

  private async postCard(request: ChangeRequest, where: Partial<ConversationReference>): Promise<void> {
    await this.continueIn(where, async (ctx) => {
      const activity = await this.baseCard(request, await conversationMemberIds(ctx));
      const sent = await ctx.sendActivity(activity);
      if (sent?.id) await this.deps.recordCard(request.id, { conversationId: ctx.activity.conversation.id, activityId: sent.id, serviceUrl: ctx.activity.serviceUrl });
    });
  }

  private send(where: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    return this.continueIn(where, async (ctx) => {
      await ctx.sendActivity(activity);
    });
  }

  private async continueIn(where: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, where, logic);
    } catch (err) {
      this.deps.logger.warn({ err, conversationId: where.conversation?.id }, 'proactive message failed');
    }
  }
}

function sameConversation(a: string, b: string): boolean {
  // A channel card's conversation id names its thread: `19:…@thread.tacv2;messageid=…`.
  return a.split(';')[0] === b.split(';')[0];
}
