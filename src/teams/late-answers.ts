import type { ConversationReference, TurnContext } from 'botbuilder';
import { interruptedCard } from '../cards/progress-card';
import type { Reply } from '../cards/reply';
import { InFlightWork } from '../in-flight-work';
import type { Logger } from '../logging/logger';
import { replyToActivity, type CardRenderer } from './reply-to-activity';

/** A long command's answer on its way to the card standing in for it (its progress card, or the clicked card). */
interface LateAnswer {
  reference: Partial<ConversationReference>;
  /** The card to replace; none when the progress card's send returned no id (the answer is then posted). */
  placeholderId: string | undefined;
  commandText: string;
  /** Set once the answer is ready and being delivered: a stopping bot then waits for it rather than withdrawing it. */
  delivering: boolean;
  /** The "stopped before it finished" notice, once a stopping bot sent it. */
  withdrawal?: Promise<void>;
}

export interface LateAnswerDependencies {
  /** Runs `logic` in a proactive turn of the conversation. */
  continueLater(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Puts the answer where the placeholder is (or posts it); the bot's own rules for prefaces and request cards. */
  deliver(context: TurnContext, placeholderId: string | undefined, reply: Reply): Promise<void>;
  renderCard: CardRenderer;
  logger: Logger;
}

/**
 * Answers of commands that outlasted their turn. A stopping bot (a deploy, a restart) lets them arrive within its
 * grace period; any still missing then is withdrawn: its placeholder says the bot stopped before the answer was
 * ready, rather than "Working on" forever.
 */
export class LateAnswers {
  private readonly pending = new InFlightWork<LateAnswer>();

  constructor(private readonly deps: LateAnswerDependencies) {}

  /** Delivers `running`'s answer once it is ready; `failed` words a failure. Never throws: the turn is over. */
  send(reference: Partial<ConversationReference>, placeholderId: string | undefined, commandText: string, running: Promise<Reply>, failed: (err: unknown) => Reply, log: Logger): void {
    const late: LateAnswer = { reference, placeholderId, commandText, delivering: false };
    void this.pending.track(this.deliver(late, running, failed, log), late);
  }

  /** Answers still on their way. */
  get count(): number {
    return this.pending.count;
  }

  /** True once every answer is delivered, false at `deadline` (epoch ms) if some are not. */
  delivered(deadline: number): Promise<boolean> {
    return this.pending.settled(deadline);
  }

  /** Tells each conversation still waiting that its answer will not come; resolves with how many were told. */
  async withdraw(): Promise<number> {
    const waiting = this.pending.unfinished().filter((late) => !late.delivering && !late.withdrawal);
    for (const late of waiting) late.withdrawal = this.sayStopped(late);
    await Promise.all(waiting.map((late) => late.withdrawal));
    return waiting.length;
  }

  private async deliver(late: LateAnswer, running: Promise<Reply>, failed: (err: unknown) => Reply, log: Logger): Promise<void> {
    let reply: Reply;
    try {
      reply = await running;
    } catch (err) {
      reply = failed(err);
    }
    late.delivering = true;
    // A notice already on its way lands first, so the card ends up showing the answer, which is the truth.
    await late.withdrawal;
    try {
      await this.deps.continueLater(late.reference, (context) => this.deps.deliver(context, late.placeholderId, reply));
    } catch (err) {
      log.error({ err }, 'could not deliver the answer to a long command');
    }
  }

  private async sayStopped(late: LateAnswer): Promise<void> {
    try {
      await this.deps.continueLater(late.reference, async (context) => {
        const notice = replyToActivity(interruptedCard(late.commandText), this.deps.renderCard);
        if (late.placeholderId) await context.updateActivity({ ...notice, id: late.placeholderId });
        else await context.sendActivity(notice);
      });
    } catch (err) {
      this.deps.logger.warn({ err, conversationId: late.reference.conversation?.id }, 'could not tell a conversation that its answer will not come');
    }
  }
}
