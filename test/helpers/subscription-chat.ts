import { cardAction, cardOf, message, post } from './activities';
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
    /**
     * Who types, and in what kind of conversation (default: Alex in a personal chat); group chats and channels
     * @mention the bot. A channel's conversation id is the channel's id (Teams names it in channelData too).
     */
    private readonly as: { from?: { id: string; name: string; aadObjectId?: string }; conversationType?: 'personal' | 'groupChat' | 'channel' } = {},
  ) {}

  /** Types a command and returns what the answer shows: its text, or its card's text (a refusal is a card). */
  async read(text: string): Promise<string> {
    const answer = await this.say(text);
    const last = this.bot().connector.messages(this.conversationId).at(-1)!;
    return answer !== '' || !last.attachments ? answer : cardText(cardOf(last)).join('\n');
  }

  /** Types a command and returns the text of the bot's answer. */
  async say(text: string): Promise<string> {
    const bot = this.bot();
    const before = bot.connector.messages(this.conversationId).length;
    const mentionBot = this.as.conversationType === 'groupChat' || this.as.conversationType === 'channel';
    expect((await post(bot.botUrl, this.inConversation(message(text, { serviceUrl: bot.serviceUrl, conversationId: this.conversationId, ...this.as, mentionBot })))).status).toBe(200);
    const replies = await bot.connector.waitForMessages(this.conversationId, before + 1);
    return String(replies[before]!.text ?? '');
  }

  /** Clicks an Action.Execute button (an adaptiveCard/action invoke) here, as this chat's person; returns the HTTP answer. */
  async click(verb: string, data: unknown): Promise<{ status: number; body: unknown }> {
    const bot = this.bot();
    return post(bot.botUrl, this.inConversation(cardAction(verb, data, { serviceUrl: bot.serviceUrl, conversationId: this.conversationId, ...this.as })));
  }

  private inConversation(activity: Record<string, unknown>): Record<string, unknown> {
    if (this.as.conversationType !== 'channel') return activity;
    return { ...activity, channelData: { tenant: { id: 'tenant-1' }, channel: { id: this.conversationId } } };
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
