/**
 * No duplicate requests (issue 10, point 4), through the real HTTP endpoint: asking again for what an open
 * request asks answers with that request's card; another value for a field it sets is refused, naming it;
 * once it is closed, the other value goes through. Nothing is posted to approvers for an ask that was not new.
 */
import { DEMO, message, post } from '../../helpers/activities';
import { quiet, requestIdOn, say } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';

let bot: BotUnderTest;

const CHANNEL = 'channel-image-approvals';

beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 });
  // The bot learns the approvals channel and Adele's personal chat from activities it receives.
  await say(bot, DEMO.adele, 'help', 'dm-adele');
  const channelMessage = {
    ...message('help', { serviceUrl: bot.serviceUrl, conversationId: `${CHANNEL};messageid=1`, from: DEMO.isaiah, conversationType: 'channel', mentionBot: true }),
    channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-platform' }, channel: { id: CHANNEL } },
  };
  expect((await post(bot.botUrl, channelMessage)).status).toBe(200);
  await bot.connector.waitForMessages(`${CHANNEL};messageid=1`, 1);
});
afterAll(async () => {
  // Let background card updates and messages finish, so nothing is still sending when the servers stop.
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});

/** `YYYY-MM-DD`, `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** New messages approvers were sent so far (in the approvals channel and Adele's personal chat), card updates left out. */
const approvalsChannelPosts = () => bot.connector.sent.filter((s) => s.method === 'POST' && [CHANNEL, 'dm-adele'].includes(s.conversationId)).length;
const openIds = async () => (await bot.store.requests.listOpen()).map((r) => r.id);

test('retire dispatch 2026.4.0: asked again → the first card; another date → refused naming the first; after cancel → goes through', async () => {
  const first = await say(bot, DEMO.alex, 'retire dispatch 2026.4.0');
  const id = requestIdOn(first.text);
  const posts = await quiet(approvalsChannelPosts); // the first card's fan-out to approvers has settled
  expect(posts).toBeGreaterThan(0);

  // The same ask, by someone else: the open request's card, saying who asked and when; nothing new.
  const again = await say(bot, DEMO.megan, 'retire dispatch 2026.4.0 because superseded');
  expect(requestIdOn(again.text)).toBe(id);
  expect(again.text).toMatch(new RegExp(`Already requested by Alex Wilber at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: this is that request \\(pending\\)`));
  expect(again.text).toMatch(/Retire dispatch 2026\.4\.0/);
  expect(await openIds()).toEqual([id]);

  // Another end of life while the first is open: refused, naming the first and what to do; its card carries the buttons.
  const other = day(60);
  const refused = await say(bot, DEMO.alex, `retire dispatch 2026.4.0 on ${other}`);
  expect(requestIdOn(refused.text)).toBe(id);
  expect(refused.text).toContain(`Not requested: ${id} by Alex Wilber (pending) already sets End of life (publishingProfile.endOfLifeDate) of gal_golden/dispatch 2026.4.0 to `);
  expect(refused.text).toMatch(new RegExp(`to \\d{4}-\\d\\d-\\d\\d 00:00 UTC; you asked for ${other} 00:00 UTC\\.`));
  expect(refused.text).toContain(`Approve or reject ${id}, or its requester cancels it (type: cancel ${id}); then ask again.`);
  expect(await openIds()).toEqual([id]);
  const refusal = (await bot.store.audit.list()).at(-1)!;
  expect(refusal).toMatchObject({ action: 'request.refused', details: { code: 'conflicting-request', heldBy: id } });
  expect(await quiet(approvalsChannelPosts)).toBe(posts);

  // Once the first is cancelled, the other date is a new request.
  expect((await say(bot, DEMO.alex, `cancel ${id}`)).text).toContain(`You cancelled ${id}`);
  const second = await say(bot, DEMO.alex, `retire dispatch 2026.4.0 on ${other}`);
  const secondId = requestIdOn(second.text);
  expect(secondId).not.toBe(id);
  expect(second.text).not.toMatch(/Already requested|Not requested/);
  expect(await openIds()).toEqual([secondId]);
});

test('promote gal_staging/dispatch 2026.6.0 to production twice: the second answers with the first card', async () => {
  const first = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production');
  const id = requestIdOn(first.text);
  const again = await say(bot, DEMO.isaiah, 'promote gal_staging/dispatch 2026.6.0 to production because tested');
  expect(requestIdOn(again.text)).toBe(id);
  expect(again.text).toMatch(/Already requested by Alex Wilber at .* UTC: this is that request \(pending\)\. Nothing new was created\./);
  expect((await openIds()).filter((open) => open === id)).toHaveLength(1);
  expect((await bot.store.requests.listByImage('gal_golden', 'dispatch')).filter((r) => r.kind === 'promote-stage')).toHaveLength(1);
});
