import { ActivityHandler, ActivityTypes, TeamsInfo, TurnContext, type Activity, type ConversationReference, type InvokeResponse } from 'botbuilder';
import { progressCard } from '../cards/progress-card';
import { APPROVE_VERB, REFRESH_VERB, REJECT_VERB } from '../cards/request-verbs';
import type { ConversationKind } from '../commands/command-context';
import type { Reply } from '../cards/reply';
import type { RequestActions } from '../commands/request-actions';
import type { SubscriptionClick } from '../commands/subscription-button';
import type { Logger } from '../logging/logger';
import { chatUserOf, type ChatUser } from './chat-user';
import { commandInputOf, runCommandFromPayload } from './command-input';
import type { ConversationDirectory } from './conversation-directory';
import { conversationMemberIds } from './conversation-members';
import { messageResponse, replyToActivity, replyToInvokeResponse, type CardRenderer } from './reply-to-activity';
import { settledThisTurn, settledWithin } from './settled-within';
import { subscriptionClickOf } from './subscription-click';
import { LateAnswers } from './late-answers';

/** One command to run, as the Teams layer hands it to the core. */
export interface CommandRequest {
  text: string;
  user: ChatUser;
  /** `card` marks input that came from a button (read-only commands only). */
  source: 'message' | 'card';
  conversationId: string;
  /** What kind of conversation: a list shown to a channel or group chat is worded for everyone there. */
  conversationType?: ConversationKind;
  /** A channel's own id (a channel message's conversation id names its thread): what the policy's `approvalsChannel` names. */
  channelId?: string;
}

/** What the bot needs from the core; the composition root wires it. */
export interface BotDependencies {
  runCommand(request: CommandRequest): Promise<Reply>;
  renderCard: CardRenderer;
  logger: Logger;
  /** Short id users can quote when something goes wrong; it is logged with the error. */
  newRef(): string;
  /** Send a typing indicator when a command takes longer than this (ARM can be slow). */
  typingAfterMs?: number;
  /**
   * A command still running after this long (default 1500 ms) is answered with a progress card, the turn ends
   * (the Bot Framework expects the HTTP answer within seconds, else Teams retries or shows an error), and the
   * answer replaces the progress card when it is ready. Needs `continueLater`; without it the turn waits.
   */
  progressAfterMs?: number;
  /** Runs `logic` in a conversation after its turn has ended (a proactive turn): how a late answer is delivered. */
  continueLater?(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Approve / Reject / refresh on change-request cards. */
  requestActions?: RequestActions;
  /** Remembers where people and channels can be reached later (proactive messages). */
  directory?: ConversationDirectory;
  /**
   * A new request's base card for a conversation with these members (per-user views for all of them, up to
   * 60); `undefined` falls back to the command's own card.
   */
  renderRequestCard?(requestId: string, memberIds: string[]): Promise<Partial<Activity> | undefined>;
  /** Mute / Unsubscribe on subscription event cards, as the user in that conversation. */
  subscriptionButton?(click: SubscriptionClick, request: Omit<CommandRequest, 'text' | 'source'>): Promise<Reply>;
}

/**
 * The only place activities become commands. Messages and card actions both end in `runCommand`; every
 * failure is answered in chat and logged with a reference, so no input can make the turn fail with a 500.
 */
export class GalleryOpsBot extends ActivityHandler {
  /** Answers of commands that outlasted their turn (only with `continueLater`). */
  private readonly lateAnswers?: LateAnswers;

  constructor(private readonly deps: BotDependencies) {
    super();
    const continueLater = deps.continueLater;
    if (continueLater) {
      this.lateAnswers = new LateAnswers({ continueLater, deliver: (ctx, placeholderId, reply) => this.deliverLate(ctx, placeholderId, reply), renderCard: deps.renderCard, logger: deps.logger });
    }
    this.onMembersAdded(async (context, next) => {
      await this.welcomeIfBotAdded(context);
      await next();
    });
  }

  /**
   * Messages, nearly every turn, are handled here rather than through ActivityHandler's chain of events (turn,
   * message, dialog: a dozen generator-based async steps, ~6 % of a command's CPU for nothing, as no other
   * handler is registered for them). Every other activity takes ActivityHandler's way.
   */
  override async run(context: TurnContext): Promise<void> {
    // Every activity says where its sender can be reached later. Not awaited: that is bookkeeping and must not
    // slow down the answer now.
    if (context?.activity) void this.deps.directory?.remember(context.activity);
    if (context?.activity?.type !== ActivityTypes.Message) return super.run(context);
    await this.handleMessage(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // Old clients turn Action.Execute into its Action.Submit fallback: a message carrying the same value.
    const decision = requestDecisionOf(context.activity.value);
    if (decision && this.deps.requestActions) {
      await this.runDecision(context, decision, async (reply) => {
        await this.sendReply(context, reply);
      });
      return;
    }
    const click = subscriptionClickOf(context.activity.value, undefined);
    if (click && this.deps.subscriptionButton) {
      await this.sendReply(context, await this.deps.subscriptionButton(click, { user: chatUserOf(context.activity), ...whereOf(context) }));
      return;
    }
    const input = commandInputOf(context.activity);
    if (input.source === 'none') {
      await context.sendActivity('I read text commands. Type `help` to see them.');
      return;
    }
    const user = chatUserOf(context.activity);
    const running = this.deps.runCommand({ text: input.text, user, source: input.source, ...whereOf(context) });
    // Most commands answer from what the bot holds before the event loop moves on; only one still running then
    // gets the typing indicator's and the progress card's timers (two timers a command were ~3 % of its CPU).
    let early = await settledThisTurn(running);
    if (!early.settled) {
      const typing = this.startTypingTimer(context);
      early = await this.inTime(running);
      clearTimeout(typing);
    }
    if (!early.settled) {
      const progress = await context.sendActivity(replyToActivity(progressCard(input.text), this.deps.renderCard));
      this.answerLater(context, progress?.id, input.text, running, this.turnLogger(context));
      return;
    }
    // The turn's child logger only where something is logged: building one (pino serialises its bindings) was a
    // measurable part of every answered command.
    await (early.ok ? this.sendReply(context, early.value) : context.sendActivity(this.somethingWentWrong(this.turnLogger(context), early.error)));
  }

  /** Hands a command that outlasted its turn to the late answers; its placeholder becomes the answer. */
  private answerLater(context: TurnContext, placeholderId: string | undefined, commandText: string, running: Promise<Reply>, log: Logger): void {
    const failed = (err: unknown): Reply => ({ kind: 'text', text: this.somethingWentWrong(log, err) });
    this.lateAnswers!.send(TurnContext.getConversationReference(context.activity), placeholderId, commandText, running, failed, log);
  }

  /** The command's answer if it comes in time for the HTTP answer; without a way to answer later, waits for it. */
  private async inTime(running: Promise<Reply>) {
    return settledWithin(running, this.deps.continueLater ? (this.deps.progressAfterMs ?? 1500) : 2 ** 31 - 1);
  }

  /**
   * Puts a late answer (delivered in a proactive turn) in place of the progress card (`placeholderId`), as the
   * answer to a clicked button would. Words that belong above a card take the placeholder's place and the card
   * follows them.
   */
  private async deliverLate(ctx: TurnContext, placeholderId: string | undefined, reply: Reply): Promise<void> {
    if (!placeholderId) return this.sendReply(ctx, reply);
    if (reply.kind === 'card' && reply.preface) {
      const { preface, ...card } = reply;
      await ctx.updateActivity({ type: 'message', text: preface, textFormat: 'markdown', id: placeholderId });
      return this.sendReply(ctx, card);
    }
    await ctx.updateActivity({ ...(await this.activityFor(ctx, reply)), id: placeholderId });
    if (reply.kind === 'card' && reply.tracks) await this.recordCard(ctx, reply.tracks, placeholderId);
  }

  /** Waits for answers still on their way to a progress card, until `deadline` (epoch ms); true when none is left. */
  lateAnswersDelivered(deadline: number): Promise<boolean> {
    return this.lateAnswers?.delivered(deadline) ?? Promise.resolve(true);
  }

  /** Replaces the progress card of every answer still on its way with one saying the bot stopped before it came. */
  withdrawLateAnswers(): Promise<number> {
    return this.lateAnswers?.withdraw() ?? Promise.resolve(0);
  }

  /** Sends a reply; a change request's card is recorded where it landed so decisions can update it. */
  private async sendReply(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.kind === 'card' && reply.preface) await context.sendActivity({ type: 'message', text: reply.preface, textFormat: 'markdown' });
    const sent = await context.sendActivity(await this.activityFor(context, reply));
    if (reply.kind === 'card' && reply.tracks && sent?.id) await this.recordCard(context, reply.tracks, sent.id);
  }

  /** Where a change request's card landed, so every later decision updates it (and a new request is announced). */
  private async recordCard(context: TurnContext, tracks: { requestId: string; announce: boolean }, activityId: string): Promise<void> {
    if (!this.deps.requestActions) return;
    const card = { conversationId: conversationIdOf(context), activityId, serviceUrl: context.activity.serviceUrl };
    try {
      await this.deps.requestActions.cardPosted(tracks.requestId, card, tracks.announce);
    } catch (err) {
      this.turnLogger(context).error({ err, requestId: tracks.requestId }, 'could not record or announce the request card');
    }
  }

  /** A new request's card goes out with the conversation's members in `refresh.userIds`, like later updates. */
  private async activityFor(context: TurnContext, reply: Reply): Promise<Partial<Activity>> {
    if (reply.kind === 'card' && reply.tracks?.announce && this.deps.renderRequestCard) {
      const rendered = await this.deps.renderRequestCard(reply.tracks.requestId, await conversationMemberIds(context)).catch(() => undefined);
      if (rendered) return rendered;
    }
    return replyToActivity(reply, this.deps.renderCard);
  }

  private async runDecision(context: TurnContext, decision: RequestDecision, answer: (reply: Reply) => Promise<void>): Promise<void> {
    const actions = this.deps.requestActions as RequestActions;
    const caller = chatUserOf(context.activity);
    const reply =
      decision.verb === 'refresh'
        ? await actions.view(decision.requestId, caller)
        : await actions.decide(decision.verb, decision.requestId, caller, decision.comment);
    await answer(reply);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const log = this.turnLogger(context);
    const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    // The button's verb wins over a `verb` in its data: the data is untrusted and only carries the request id
    // (or a command); spread first, it could turn a refresh into an approval.
    const payload = { ...(isObject(action?.data) ? action.data : {}), verb: action?.verb };
    const click = subscriptionClickOf(payload, context.activity.replyToId);
    if (click && this.deps.subscriptionButton) {
      try {
        const reply = await this.deps.subscriptionButton(click, { user: chatUserOf(context.activity), ...whereOf(context) });
        return { status: 200, body: replyToInvokeResponse(reply, this.deps.renderCard) };
      } catch (err) {
        return { status: 200, body: messageResponse(this.somethingWentWrong(log, err)) };
      }
    }
    const decision = requestDecisionOf(payload);
    if (decision && this.deps.requestActions) {
      let response: InvokeResponse = { status: 200, body: messageResponse('Nothing to show.') };
      try {
        await this.runDecision(context, decision, async (reply) => {
          response = { status: 200, body: replyToInvokeResponse(reply, this.deps.renderCard) };
        });
      } catch (err) {
        response = { status: 200, body: messageResponse(this.somethingWentWrong(log, err)) };
      }
      return response;
    }
    const command = runCommandFromPayload(payload);
    if (command === undefined) {
      log.warn({ verb: action?.verb }, 'card action with an unknown verb or payload');
      return { status: 200, body: messageResponse('That button is not one I know (the card may be from an older version). Type `help` to start again.') };
    }
    const clicked = context.activity.replyToId;
    const running = this.deps.runCommand({ text: command, user: chatUserOf(context.activity), source: 'card', ...whereOf(context) });
    if (clicked) {
      // The clicked card shows the progress at once and becomes the answer later (see handleMessage).
      const early = await this.inTime(running);
      if (!early.settled) {
        this.answerLater(context, clicked, command, running, log);
        return { status: 200, body: replyToInvokeResponse(progressCard(command), this.deps.renderCard) };
      }
    }
    try {
      const reply = await running;
      // A request card opened from a button replaces the clicked card: that message now follows the request.
      if (reply.kind === 'card' && reply.tracks && clicked && this.deps.requestActions) {
        const card = { conversationId: conversationIdOf(context), activityId: clicked, serviceUrl: context.activity.serviceUrl };
        await this.deps.requestActions.cardPosted(reply.tracks.requestId, card, false).catch((err: unknown) => log.error({ err }, 'could not record the request card'));
      }
      return { status: 200, body: replyToInvokeResponse(reply, this.deps.renderCard) };
    } catch (err) {
      return { status: 200, body: messageResponse(this.somethingWentWrong(log, err)) };
    }
  }

  private async welcomeIfBotAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((m) => m.id === botId)) return;
    await this.rememberTeamChannels(context);
    try {
      const reply = await this.deps.runCommand({ text: 'help', user: chatUserOf(context.activity), source: 'card', ...whereOf(context) });
      await context.sendActivity(replyToActivity(reply, this.deps.renderCard));
    } catch (err) {
      this.turnLogger(context).error({ err }, 'welcome card failed');
    }
  }

  /**
   * Added to a team: every channel of it can now receive request cards (the approvals channel may never see a
   * message to the bot). Best-effort: the list needs the Teams API, which not every client offers.
   */
  private async rememberTeamChannels(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (typeof teamId !== 'string' || !this.deps.directory) return;
    try {
      const reference = TurnContext.getConversationReference(context.activity);
      for (const channel of await TeamsInfo.getTeamChannels(context, teamId)) {
        if (channel.id) await this.deps.directory.rememberChannel(reference, channel.id);
      }
    } catch (err) {
      this.turnLogger(context).info({ err }, 'could not list the team\'s channels; channels become known when the bot is mentioned there');
    }
  }

  private startTypingTimer(context: TurnContext): NodeJS.Timeout {
    return setTimeout(() => {
      context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
    }, this.deps.typingAfterMs ?? 1000);
  }

  private somethingWentWrong(log: Logger, err: unknown): string {
    const ref = this.deps.newRef();
    log.error({ err, ref }, 'command failed');
    return `Something went wrong (ref ${ref}). The team can find the details in the bot's log.`;
  }

  private turnLogger(context: TurnContext): Logger {
    const a = context.activity;
    return this.deps.logger.child({ activityId: a.id, conversationId: a.conversation?.id, type: a.type, name: a.name });
  }
}

function conversationIdOf(context: TurnContext): string {
  return context.activity.conversation?.id ?? 'unknown';
}

/** Where a command was typed, as the core needs it (Teams sends `personal`, `groupChat` or `channel`). */
function whereOf(context: TurnContext): Pick<CommandRequest, 'conversationId' | 'conversationType' | 'channelId'> {
  const type = context.activity.conversation?.conversationType;
  const channelId = (context.activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return {
    conversationId: conversationIdOf(context),
    ...(type === 'personal' || type === 'groupChat' || type === 'channel' ? { conversationType: type } : {}),
    ...(typeof channelId === 'string' && channelId ? { channelId: channelId.slice(0, 300) } : {}),
  };
}

/** A click on a change request's button. Only the verb, the request id and the typed comment are read. */
interface RequestDecision {
  verb: 'approve' | 'reject' | 'refresh';
  requestId: unknown;
  comment?: unknown;
}

const DECISION_VERBS: Record<string, RequestDecision['verb']> = { [APPROVE_VERB]: 'approve', [REJECT_VERB]: 'reject', [REFRESH_VERB]: 'refresh' };

function requestDecisionOf(value: unknown): RequestDecision | undefined {
  if (!isObject(value) || typeof value.verb !== 'string') return undefined;
  const verb = DECISION_VERBS[value.verb];
  return verb ? { verb, requestId: value.requestId, comment: value.comment } : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
