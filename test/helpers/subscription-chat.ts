import { cardOf, message, post } from './activities';
import type { BotUnderTest } from './bot-under-test';
import { cardText, expectValidCard, runButtons } from './validate-card';

/** A card the bot posted, as a person reads it: its text and its run buttons. */
export interface PostedCard {
  text: string;
  buttons: { title: string; command: string; verb: string }[];
}

/** What a button does, as a test names it: the command a run button types, else its title (Mute, Unsubscribe). */
export function buttonLabel(b: { title: string; command: string; verb: string }): string {
  return b.verb === 'galleryops.run' ? b.command : b.title;
}

/** One conversation talking to a bot under test (the bot may be replaced, e.g. by a restart). */
export class SubscriptionChat {
  constructor(
    private readonly bot: () => BotUnderTest,
    readonly conversationId: string,
    /** Who types, and in what kind of conversation (default: Alex in a personal chat); group chats @mention the bot. */
    private readonly as: { from?: { id: string; name: string; aadObjectId?: string }; conversationType?: 'personal' | 'groupChat' } = {},
  ) {}

  /** Types a command and returns the text of the bot's answer. */
  async say(text: string): Promise<string> {
    const bot = this.bot();
    const before = bot.connector.messages(this.conversationId).length;
    expect((await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId: this.conversationId, ...this.as, mentionBot: this.as.conversationType === 'groupChat' }))).status).toBe(200);
    const replies = await bot.connector.waitForMessages(this.conversationId, before + 1);
    return String(replies[before]!.text ?? '');
  }

  /** How many messages the conversation holds so far. */
  count(): number {
    return this.bot().connector.messages(this.conversationId).length;
  }

  /** Cards the bot posted since message number `from`, validated. */
  cardsSince(from: number): PostedCard[] {
    return this.bot()
      .connector.messages(this.conversationId)
      .slice(from)
      .map((m) => {
        const card = cardOf(m);
        expectValidCard(card);
        return { text: cardText(card).join('\n'), buttons: runButtons(card) };
      });
  }
}
