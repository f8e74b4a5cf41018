/**
 * Bursts, Mute and Unsubscribe end to end: the real HTTP endpoint, the real SDK reading replication from the
 * emulator, cards at the local connector. Regions of a version completing together are one card, updated in
 * place (a PUT of the same activity) as more complete; the card's Mute and Unsubscribe buttons are clicked as
 * Teams clicks them (an adaptiveCard/action invoke naming the card in replyToId).
 */
import { MUTE_VERB, UNSUBSCRIBE_VERB } from '../../src/cards/subscription-verbs';
import { cardAction, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { cardText } from '../helpers/validate-card';

const CONVERSATION = 'bursts-chat';
const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const REGIONS = ['East US 2', 'West US 2', 'North Europe', 'West Europe', 'Southeast Asia'];

let bot: BotUnderTest;
const chat = new SubscriptionChat(() => bot, CONVERSATION);
beforeAll(async () => {
  bot = await startBotUnderTest({}, {});
});
afterAll(async () => {
  await bot?.stop();
});

const sends = (method: 'POST' | 'PUT') => bot.connector.sent.filter((s) => s.conversationId === CONVERSATION && s.method === method && s.body.type === 'message');
const click = (verb: string, data: unknown, replyToId: string | undefined, conversationId = CONVERSATION) =>
  post(bot.botUrl, { ...cardAction(verb, data, { serviceUrl: bot.serviceUrl, conversationId }), ...(replyToId ? { replyToId } : {}) });
const complete = (...regions: string[]) => regions.forEach((region) => bot.emulator.setReplication({ ...VERSION, region, state: 'Completed', progress: 100 }));
/** The text of the card an invoke answered with, or its message. */
const answered = (body: unknown): string => {
  const b = body as { type?: string; value?: unknown };
  return b.type === 'application/vnd.microsoft.card.adaptive' ? cardText(b.value).join('\n') : String(b.value);
};

it('a burst of regions is one card updated in place; Mute silences it, a forged click changes nothing, Unsubscribe ends it', async () => {
  for (const region of REGIONS) bot.emulator.setReplication({ ...VERSION, region, state: 'Replicating', progress: 10 });
  const answer = await chat.say('subscribe gal_golden/callcenter-desktop to replication');
  const id = /\bS-[0-9A-Z]{6}\b/.exec(answer)![0];
  await bot.app.runWatcher(); // the baseline: every region Replicating
  const posts = sends('POST').length;

  complete(...REGIONS.slice(0, 3));
  await bot.app.runWatcher();
  expect(sends('POST')).toHaveLength(posts + 1);
  const [card] = chat.cardsSince(chat.count() - 1);
  expect(card!.text).toContain('gal_golden/callcenter-desktop 2026.6.0 finished replicating to 3 regions');
  expect(card!.text).toContain('Regions: East US 2, North Europe, West US 2');

  complete(...REGIONS.slice(3));
  await bot.app.runWatcher();
  // The rest joined the same card: an update of it, not new cards.
  expect(sends('POST')).toHaveLength(posts + 1);
  const updates = sends('PUT');
  expect(updates).toHaveLength(1);
  const cardId = updates[0]!.activityId!;
  expect(cardText((updates[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content).join('\n')).toContain('finished replicating to 5 regions');

  // Forged or stale clicks: another id, no id, this id from another conversation. Nothing changes.
  for (const [data, where, says] of [
    [{ subscriptionId: 'S-ZZZZZZ' }, CONVERSATION, /no subscription `S-ZZZZZZ`/],
    [{}, CONVERSATION, /names no subscription/],
    [{ subscriptionId: id }, 'another-chat', new RegExp(`no subscription \`${id}\``)],
  ] as const) {
    const refused = await click(MUTE_VERB, data, cardId, where);
    expect(refused.status).toBe(200);
    expect(answered(refused.body)).toMatch(says);
  }
  expect(await chat.say('subscriptions')).not.toMatch(/muted/);

  // Mute: the answer is the same card with who muted it until when; the next event is not sent.
  const muted = await click(MUTE_VERB, { verb: MUTE_VERB, subscriptionId: id }, cardId);
  expect(answered(muted.body)).toContain('finished replicating to 5 regions');
  expect(answered(muted.body)).toMatch(/Muted until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC by Alex Wilber/);
  expect(JSON.stringify(muted.body)).toContain(`"title":"Unmute","verb":"galleryops.run","data":{"verb":"galleryops.run","command":"unmute ${id}"}`);
  expect(await chat.say('subscriptions')).toMatch(new RegExp(`\\*\\*${id}\\*\\*.*; muted until .* by Alex Wilber, events skipped`));
  const beforeMuted = bot.connector.sent.length;
  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  await bot.app.runWatcher();
  expect(bot.connector.sent.slice(beforeMuted).filter((s) => s.conversationId === CONVERSATION)).toEqual([]);

  // Unsubscribe: the card says who did it, and the subscription is gone.
  const gone = await click(UNSUBSCRIBE_VERB, { verb: UNSUBSCRIBE_VERB, subscriptionId: id }, cardId);
  expect(answered(gone.body)).toContain(`Unsubscribed by Alex Wilber: no more cards from ${id}.`);
  expect(await chat.say('subscriptions')).toMatch(/has no subscriptions/);
}, 30_000);

it("an old client's Action.Submit fallback (a message carrying the button's data) is checked the same way", async () => {
  const id = /\bS-[0-9A-Z]{6}\b/.exec(await chat.say('subscribe gal_golden/callcenter-desktop to latest'))![0];
  const submit = (data: object) => post(bot.botUrl, { ...message('', { serviceUrl: bot.serviceUrl, conversationId: CONVERSATION }), value: data });
  let before = chat.count();
  await submit({ verb: UNSUBSCRIBE_VERB, subscriptionId: 'S-ZZZZZZ' });
  expect(String((await bot.connector.waitForMessages(CONVERSATION, before + 1))[before]!.text)).toMatch(/no subscription `S-ZZZZZZ`/);
  before = chat.count();
  await submit({ verb: MUTE_VERB, subscriptionId: id });
  expect(String((await bot.connector.waitForMessages(CONVERSATION, before + 1))[before]!.text)).toMatch(/^Muted until .* by Alex Wilber/);
  expect(await chat.say('subscriptions')).toMatch(new RegExp(`\\*\\*${id}\\*\\*.*; muted until`));
});
