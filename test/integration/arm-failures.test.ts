/** ARM failures reach the user as words (through the real SDK, HTTP endpoint and emulator fault injection). */
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, expectValidCard } from '../helpers/validate-card';
import { waitFor } from '../helpers/wait-for';

let bot: BotUnderTest;
let n = 0;
beforeAll(async () => {
  bot = await startBotUnderTest();
  await bot.app.names.snapshot();
});
afterEach(() => bot.emulator.setFaults({}));
afterAll(async () => {
  await bot?.stop();
});

async function ask(text: string): Promise<string> {
  const conversationId = `fail-${++n}`;
  expect((await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId }))).status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1, 20_000);
  const card = cardOf(reply!);
  expectValidCard(card);
  return cardText(card).join('\n');
}

it('throttling (429 after the SDK retries) says so, with the time to wait', async () => {
  bot.emulator.setFaults({ throttle: { match: '/versions/2026\\.5\\.1', retryAfterSeconds: 0 } });
  const text = await ask('image status gal_golden/dispatch 2026.5.1');
  expect(text).toMatch(/throttl/i);
});

it('an ARM outage (503) is reported as unavailable, not as a crash', async () => {
  bot.emulator.setFaults({ serverError: { status: 503, code: 'ServiceUnavailable', message: 'try later' } });
  const text = await ask('versions gal_golden/dispatch');
  expect(text).toMatch(/unavailable|Azure/i);
  expect(text).not.toMatch(/Something went wrong/);
});

it('a broken ARM reply is reported in words', async () => {
  bot.emulator.setFaults({ malformed: { match: '/versions' } });
  const text = await ask('versions gal_golden/dispatch');
  expect(text).toMatch(/Azure|unreadable|reply/i);
});

it('a slow ARM call shows a typing indicator before the answer', async () => {
  bot.emulator.setFaults({ latencyMs: 1200 });
  const conversationId = `fail-${++n}`;
  await post(bot.botUrl, message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: bot.serviceUrl, conversationId }));
  // Under load the reads can outlast the HTTP answer's deadline too: then a progress card comes first and the
  // answer replaces it (test/integration/long-commands.test.ts). Either way, typing first, then the answer.
  const answered = (m: Array<Record<string, unknown>>): boolean => m.some((x) => !cardText(cardOf(x)).join(' ').includes('Working on'));
  await waitFor(() => bot.connector.messages(conversationId), answered, 20_000);
  const sent = bot.connector.sent.filter((s) => s.conversationId === conversationId).map((s) => s.body.type);
  expect(sent[0]).toBe('typing');
  expect(sent.slice(1).every((type) => type === 'message')).toBe(true);
});

it('a fast answer comes without a typing indicator', async () => {
  const conversationId = `fail-${++n}`;
  await post(bot.botUrl, message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: bot.serviceUrl, conversationId }));
  await bot.connector.waitForMessages(conversationId, 1);
  expect(bot.connector.sent.filter((s) => s.conversationId === conversationId).map((s) => s.body.type)).toEqual(['message']);
});

it('after the fault clears, the same question is answered', async () => {
  const text = await ask('image status gal_golden/dispatch 2026.5.1');
  expect(text).toContain('Central US');
});
