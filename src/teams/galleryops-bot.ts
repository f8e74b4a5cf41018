import { ActivityHandler, ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Reply } from '../commands/reply';
import type { Logger } from '../logging/logger';
import { chatUserOf, type ChatUser } from './chat-user';
import { commandInputOf, runCommandFromPayload } from './command-input';
import { messageResponse, replyToActivity, replyToInvokeResponse, type CardRenderer } from './reply-to-activity';

/** One command to run, as the Teams layer hands it to the core. */
export interface CommandRequest {
  text: string;
  user: ChatUser;
  /** `card` marks input that came from a button (read-only commands only). */
  source: 'message' | 'card';
  conversationId: string;
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
}

/**
 * The only place activities become commands. Messages and card actions both end in `runCommand`; every
 * failure is answered in chat and logged with a reference, so no input can make the turn fail with a 500.
 */
export class GalleryOpsBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.welcomeIfBotAdded(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const input = commandInputOf(context.activity);
    if (input.source === 'none') {
      await context.sendActivity('I read text commands. Type `help` to see them.');
      return;
    }
    const user = chatUserOf(context.activity);
    const log = this.turnLogger(context);
    const typing = this.startTypingTimer(context);
    try {
      const reply = await this.deps.runCommand({ text: input.text, user, source: input.source, conversationId: conversationIdOf(context) });
      clearTimeout(typing);
      await context.sendActivity(replyToActivity(reply, this.deps.renderCard));
    } catch (err) {
      clearTimeout(typing);
      await context.sendActivity(this.somethingWentWrong(log, err));
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const log = this.turnLogger(context);
    const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const command = runCommandFromPayload({ verb: action?.verb, ...(isObject(action?.data) ? action.data : {}) });
    if (command === undefined) {
      log.warn({ verb: action?.verb }, 'card action with an unknown verb or payload');
      return { status: 200, body: messageResponse('That button is not one I know (the card may be from an older version). Type `help` to start again.') };
    }
    try {
      const reply = await this.deps.runCommand({ text: command, user: chatUserOf(context.activity), source: 'card', conversationId: conversationIdOf(context) });
      return { status: 200, body: replyToInvokeResponse(reply, this.deps.renderCard) };
    } catch (err) {
      return { status: 200, body: messageResponse(this.somethingWentWrong(log, err)) };
    }
  }

  private async welcomeIfBotAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((m) => m.id === botId)) return;
    try {
      const reply = await this.deps.runCommand({ text: 'help', user: chatUserOf(context.activity), source: 'card', conversationId: conversationIdOf(context) });
      await context.sendActivity(replyToActivity(reply, this.deps.renderCard));
    } catch (err) {
      this.turnLogger(context).error({ err }, 'welcome card failed');
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
