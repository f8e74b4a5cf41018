/**
 * The Bot Framework expects the HTTP answer to an activity within seconds (Teams retries or shows an error
 * otherwise). A command that takes longer, because ARM is slow, is answered at once with a progress card, and
 * the answer replaces that card in place when it is ready: through the real HTTP endpoint, the real SDK against
 * the emulator with injected latency, and a local connector that records sends and updates.
 */
import { cardAction, cardText, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import type { SentActivity } from '../helpers/local-connector';
import { waitForValue } from '../helpers/wait-for';

let bot: BotUnderTest;
let n = 0;
beforeAll(async () => {
  bot = await startBotUnderTest({}, { PROGRESS_AFTER_MS: '1500' });
});
afterAll(async () => {
  await bot.stop();
});
afterEach(() => bot.emulator.setFaults({}));

const sentTo = (conversationId: string): SentActivity[] => bot.connector.sent.filter((s) => s.conversationId === conversationId);
const textOf = (s: SentActivity): string => {
  const attachments = s.body.attachments as Array<{ content: unknown }> | undefined;
  return attachments?.[0] ? cardText(attachments[0].content) : String(s.body.text ?? '');
};

/** Posts an activity and times the HTTP answer, as the Bot Framework service would wait for it. */
async function timedPost(body: Record<string, unknown>): Promise<{ ms: number; status: number; body: unknown }> {
  const started = Date.now();
  const res = await post(bot.botUrl, body);
  return { ms: Date.now() - started, ...res };
}

test('a slow command answers the HTTP request within 2 s with a progress card, which then becomes the answer', async () => {
  bot.emulator.setFaults({ latencyMs: 1500 });
  const conversationId = `long-${++n}`;
  const res = await timedPost(message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: bot.serviceUrl, conversationId }));
  expect(res.status).toBe(200);
  expect(res.ms).toBeLessThan(2000);

  const kinds = sentTo(conversationId).map((s) => s.body.type);
  expect(kinds[0]).toBe('typing');
  const progress = sentTo(conversationId).find((s) => s.body.type === 'message')!;
  expect(textOf(progress)).toMatch(/^⏳ Working on: image status gal_golden\/dispatch 2026\.5\.1/);
  expect(textOf(progress)).toMatch(/This card becomes the answer when it is ready/);

  // The connector named the progress message `sent-N`; the answer is a PUT of that very activity.
  const progressId = await waitForValue('the progress card id', () => progressIdOf(conversationId));
  const update = await waitForValue('the update of the progress card', () => sentTo(conversationId).find((s) => s.method === 'PUT' && s.activityId === progressId), 20_000);
  expect(textOf(update)).toContain('Central US');
  expect(textOf(update)).toMatch(/dispatch 2026\.5\.1/);
  // Replaced in place: no second message was posted.
  expect(sentTo(conversationId).filter((s) => s.method === 'POST' && s.body.type === 'message')).toHaveLength(1);
});

test('a fast command answers in the same turn, with neither progress card nor update', async () => {
  const conversationId = `long-${++n}`;
  await post(bot.botUrl, message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: bot.serviceUrl, conversationId }));
  await bot.connector.waitForMessages(conversationId, 1);
  const sent = sentTo(conversationId);
  expect(sent.map((s) => [s.method, s.body.type])).toEqual([['POST', 'message']]);
  expect(textOf(sent[0]!)).not.toMatch(/Working on/);
});

test('a button that runs a slow command: the invoke is answered within 2 s with the progress card, and the clicked card becomes the answer', async () => {
  bot.emulator.setFaults({ latencyMs: 1500 });
  const conversationId = `long-${++n}`;
  const clicked = 'card-clicked-1';
  const res = await timedPost({ ...cardAction('galleryops.run', { command: 'versions gal_golden/dispatch' }, { serviceUrl: bot.serviceUrl, conversationId }), replyToId: clicked });
  expect(res.ms).toBeLessThan(2000);
  const body = res.body as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardText(body.value)).toMatch(/⏳ Working on: versions gal_golden\/dispatch/);
  const update = await waitForValue('the update of the clicked card', () => sentTo(conversationId).find((s) => s.method === 'PUT' && s.activityId === clicked), 20_000);
  expect(textOf(update)).toMatch(/2026\.5\.1/);
});

test('a slow command that fails still replaces its progress card, with the failure in words', async () => {
  bot.emulator.setFaults({ latencyMs: 1500, serverError: { status: 503, code: 'ServiceUnavailable', message: 'try later' } });
  const conversationId = `long-${++n}`;
  // image status always reads the version live (versions may answer from the version index and cached replication).
  const res = await timedPost(message('image status gal_golden/dispatch 2026.5.0', { serviceUrl: bot.serviceUrl, conversationId }));
  expect(res.ms).toBeLessThan(2000);
  const progressId = await waitForValue('the progress card id', () => progressIdOf(conversationId));
  const update = await waitForValue('the update of the progress card', () => sentTo(conversationId).find((s) => s.method === 'PUT' && s.activityId === progressId), 60_000);
  expect(textOf(update)).toMatch(/Azure|unavailable/i);
  expect(textOf(update)).not.toMatch(/Working on/);
}, 90_000);

/** The id the connector gave the progress message: it numbers every send it records, `sent-1`, `sent-2`, … */
function progressIdOf(conversationId: string): string | undefined {
  const index = bot.connector.sent.findIndex((s) => s.conversationId === conversationId && s.method === 'POST' && s.body.type === 'message');
  return index === -1 ? undefined : `sent-${index + 1}`;
}
