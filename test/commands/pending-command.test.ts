/**
 * `pending` through the real HTTP endpoint: in a personal chat it lists what the viewer may decide and what they
 * asked; in a channel or group chat, where everyone reads the answer, the open requests worded for everyone.
 */
import { DEMO, message, post, cardOf } from '../helpers/activities';
import { say } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText } from '../helpers/validate-card';

let bot: BotUnderTest;
let seeded: string;
beforeAll(async () => {
  bot = await startBotUnderTest({}, {}, { seedDemoRequest: true });
  seeded = (await bot.store.requests.listOpen())[0]!.id;
});
afterAll(async () => {
  await bot?.stop();
});

const lines = async (who: (typeof DEMO)[keyof typeof DEMO], text: string) => (await say(bot, who, text)).text.split('\n');

test('an approver sees the demo request under "Waiting for your approval", counted as listed', async () => {
  const alex = await lines(DEMO.alex, 'pending');
  expect(alex).toContain('Waiting for your approval (1)');
  expect(alex.join('\n')).toContain(`${seeded} · asked by Megan Bowen`);
  expect(alex).toContain('Waiting for your approval: 1 · Your open requests: none');
});

test('the requester sees it under "Your open requests", never as waiting for them', async () => {
  const megan = await lines(DEMO.megan, 'pending');
  expect(megan).toContain('Waiting for your approval: none · Your open requests: 1');
  expect(megan).toContain('Your open requests (1)');
  expect(megan.join('\n')).not.toMatch(/Waiting for your approval \(/);
});

test('someone with no rights and no requests is told both, and no count claims more than is listed', async () => {
  const lynne = await lines(DEMO.lynne, 'pending');
  expect(lynne).toContain('Waiting for your approval: none · Your open requests: none');
  expect(lynne.join('\n')).not.toContain(seeded);
});

test('in the approvals channel: the open requests of its gallery, in words for everyone there', async () => {
  const CHANNEL = 'channel-image-approvals';
  const conversationId = `${CHANNEL};messageid=7`;
  const activity = {
    ...message('pending', { serviceUrl: bot.serviceUrl, conversationId, from: DEMO.adele, conversationType: 'channel', mentionBot: true }),
    channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-platform' }, channel: { id: CHANNEL } },
  };
  expect((await post(bot.botUrl, activity)).status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1);
  const text = cardText(cardOf(reply!)).join('\n');
  expect(text).toMatch(/^Open change requests in gal\\?_golden: 1$/m);
  expect(text).toMatch(/^Open requests in gal\\?_golden \(1\)$/m);
  expect(text).toContain(seeded);
  expect(text).not.toMatch(/Waiting for your approval|Your open requests/);
});

test('in a group chat: every gallery with open requests, neutral words', async () => {
  const conversationId = 'group-chat-image-publishers';
  const activity = message('pending', { serviceUrl: bot.serviceUrl, conversationId, from: DEMO.alex, conversationType: 'groupChat', mentionBot: true });
  expect((await post(bot.botUrl, activity)).status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1);
  const text = cardText(cardOf(reply!)).join('\n');
  expect(text).toMatch(/^Open change requests in gal\\?_golden: 1$/m);
  expect(text).not.toMatch(/Waiting for your approval/);
});
