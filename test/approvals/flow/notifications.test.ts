/**
 * Where a request goes: the chat it was asked in, the policy's approvals channel, the approvers' personal
 * chats the bot can reach; after the decision every copy is updated and the requester is told the outcome.
 */
import { DEMO, message, post } from '../../helpers/activities';
import { cardUpdates, click, requestIdOn, say, waitForFinal } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { cardText } from '../../helpers/validate-card';
import { waitForValue } from '../../helpers/wait-for';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 });
});
afterAll(async () => {
  await bot?.stop();
});

const CHANNEL = 'channel-image-approvals';


test('the card reaches the approvals channel and the approvers the bot knows; every copy follows the decision', async () => {
  // The bot learns where people and channels are from activities it receives.
  await say(bot, DEMO.adele, 'help', 'dm-adele');
  await say(bot, DEMO.alex, 'help', 'dm-alex');
  const channelMessage = {
    ...message('help', { serviceUrl: bot.serviceUrl, conversationId: `${CHANNEL};messageid=1`, from: DEMO.isaiah, conversationType: 'channel', mentionBot: true }),
    channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-platform' }, channel: { id: CHANNEL } },
  };
  expect((await post(bot.botUrl, channelMessage)).status).toBe(200);
  await bot.connector.waitForMessages(`${CHANNEL};messageid=1`, 1);

  const asked = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production because release 42', 'dm-alex');
  const id = requestIdOn(asked.text);

  // A new post in the channel itself (not the thread it learnt the channel from).
  const inChannel = await waitForValue('the card in the approvals channel', () => bot.connector.messages(CHANNEL).find((m) => JSON.stringify(m).includes(id)));
  expect(cardText((inChannel.attachments as Array<{ content: unknown }>)[0]!.content).join('\n')).toContain('release 42');
  // Adele is told in her personal chat, with the card; Patti never talked to the bot, so she cannot be reached.
  const toAdele = await waitForValue('Adele\'s messages', () => {
    const m = bot.connector.messages('dm-adele');
    return m.some((x) => JSON.stringify(x).includes('asks for your approval')) && m.some((x) => Array.isArray(x.attachments) && JSON.stringify(x).includes(id)) ? m : undefined;
  });
  expect(toAdele.find((m) => typeof m.text === 'string' && m.text.includes('asks for your approval'))!.text).toContain('Alex Wilber');

  let cards = (await bot.store.requests.get(id))!.cards;
  for (const deadline = Date.now() + 10_000; cards.length < 3 && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 25));
    cards = (await bot.store.requests.get(id))!.cards;
  }
  expect(cards.map((c) => c.conversationId).sort()).toEqual([CHANNEL, 'dm-adele', 'dm-alex']);

  // Adele approves from the card in her personal chat.
  const approved = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, 'dm-adele');
  expect(approved.text).toContain(`You approved ${id}`);
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');

  for (const card of cards) {
    await waitForValue(`the final update in ${card.conversationId}`, () =>
      cardUpdates(bot, card.conversationId, card.activityId).some((u) => /\bSUCCEEDED\b/.test(JSON.stringify(u))) ? true : undefined,
    );
  }
  // The requester hears the outcome in personal chat.
  const outcome = await waitForValue('the outcome message to Alex', () =>
    bot.connector.messages('dm-alex').find((m) => typeof m.text === 'string' && m.text.startsWith(`Your request ${id}`)),
  );
  expect(outcome.text).toMatch(/approved by Adele Vance and carried out/);
});

test('everyone in the conversation gets a per-user view: refresh.userIds lists approvers and the requester first, then the members', async () => {
  const conversationId = 'gc-image-publishers';
  bot.connector.members.set(conversationId, [DEMO.lynne, DEMO.megan, DEMO.alex, DEMO.isaiah].map((p) => ({ ...p })));
  const res = await post(bot.botUrl, { ...message('promote gal_golden/callcenter-desktop 2026.6.0 to latest', { serviceUrl: bot.serviceUrl, conversationId, from: DEMO.alex, conversationType: 'groupChat', mentionBot: true }) });
  expect(res.status).toBe(200);
  const [card] = await bot.connector.waitForMessages(conversationId, 1);
  const content = (card!.attachments as Array<{ content: { refresh?: { userIds?: string[]; action?: { verb?: string } } } }>)[0]!.content;
  expect(content.refresh?.action?.verb).toBe('galleryops.refresh');
  const ids = content.refresh?.userIds ?? [];
  // Adele is known from her personal chat (first test); Alex asked; the others come from the members API.
  expect(ids.slice(0, 2).sort()).toEqual([DEMO.adele.id, DEMO.alex.id].sort());
  expect([...ids].sort()).toEqual([DEMO.adele.id, DEMO.alex.id, DEMO.isaiah.id, DEMO.lynne.id, DEMO.megan.id].sort());
});
