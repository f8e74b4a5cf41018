/**
 * A stopping bot (SIGTERM in a rolling deploy) refuses new turns at once, but what it has started gets the grace
 * period: a command being answered still gets its answer over its open HTTP request, and a long command's
 * progress card still becomes its answer. What cannot finish in time must not leave a card saying "Working on"
 * forever: the progress card says the bot stopped and to ask again. Through the real HTTP endpoint, the real
 * SDK against the emulator with injected latency, and a local connector that records sends and updates.
 */
import { cardAction, cardText, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import type { SentActivity } from '../helpers/local-connector';
import { waitForValue } from '../helpers/wait-for';

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const sentTo = (b: BotUnderTest, conversationId: string): SentActivity[] => b.connector.sent.filter((s) => s.conversationId === conversationId);
const textOf = (s: SentActivity): string => {
  const attachments = s.body.attachments as Array<{ content: unknown }> | undefined;
  return attachments?.[0] ? cardText(attachments[0].content) : String(s.body.text ?? '');
};
/** The id the connector gave a conversation's first message: it numbers every send it records, `sent-1`, `sent-2`, … */
const firstMessageId = (b: BotUnderTest, conversationId: string): string | undefined => {
  const index = b.connector.sent.findIndex((s) => s.conversationId === conversationId && s.method === 'POST' && s.body.type === 'message');
  return index === -1 ? undefined : `sent-${index + 1}`;
};

/** A bot whose ARM answers after `latencyMs`, asked `image status` in `conversationId`: the id of its progress card. */
async function longCommand(latencyMs: number, conversationId: string): Promise<{ b: BotUnderTest; progressId: string }> {
  const b = (bot = await startBotUnderTest({}, { PROGRESS_AFTER_MS: '300' }));
  b.emulator.setFaults({ latencyMs });
  expect((await post(b.botUrl, message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: b.serviceUrl, conversationId }))).status).toBe(200);
  return { b, progressId: await waitForValue('the progress card', () => firstMessageId(b, conversationId), 10_000) };
}

test('a command still running when the bot stops is answered over its open HTTP request, and later turns are refused', async () => {
  const b = (bot = await startBotUnderTest({}, { PROGRESS_AFTER_MS: '10000' }));
  b.emulator.setFaults({ latencyMs: 2000 });
  const conversationId = 'stop-running-turn';
  const answer = post(b.botUrl, message('image status gal_golden/dispatch 2026.5.1', { serviceUrl: b.serviceUrl, conversationId }));
  await waitForValue('the typing indicator (the command is running)', () => sentTo(b, conversationId).find((s) => s.body.type === 'typing'), 10_000);

  const closing = b.app.close(15_000);
  const refused = await post(b.botUrl, message('galleries', { serviceUrl: b.serviceUrl, conversationId: 'stop-after' })).catch((err: unknown) => err);
  expect((refused as { status?: number }).status).toBe(503);
  expect((await answer).status).toBe(200);
  await closing;
  const reply = sentTo(b, conversationId).find((s) => s.body.type === 'message');
  expect(reply && textOf(reply)).toMatch(/dispatch 2026\.5\.1/);
}, 60_000);

test('a long command that finishes within the grace period still replaces its progress card before the bot stops', async () => {
  const conversationId = 'stop-late-answer';
  const { b, progressId } = await longCommand(1500, conversationId);

  await b.app.close(15_000);
  const update = sentTo(b, conversationId).find((s) => s.method === 'PUT' && s.activityId === progressId);
  expect(update && textOf(update)).toMatch(/Central US/);
}, 60_000);

test('a long command that cannot finish within the grace period: its progress card says the bot stopped and to ask again', async () => {
  const conversationId = 'stop-interrupted';
  const { b, progressId } = await longCommand(4000, conversationId);
  expect(textOf(sentTo(b, conversationId).find((s) => s.method === 'POST' && s.body.type === 'message')!)).toMatch(/Working on/);

  const started = Date.now();
  await b.app.close(1000);
  expect(Date.now() - started).toBeLessThan(7000);
  const update = sentTo(b, conversationId).find((s) => s.method === 'PUT' && s.activityId === progressId);
  expect(update).toBeDefined();
  const text = textOf(update!);
  expect(text).not.toMatch(/Working on/);
  expect(text).toMatch(/stopped before/i);
  expect(text).toMatch(/image status gal_golden\/dispatch 2026\.5\.1/);
  expect(text).toMatch(/again/);
}, 60_000);

test('a clicked button whose command cannot finish in time: the clicked card, showing progress, says the bot stopped', async () => {
  const b = (bot = await startBotUnderTest({}, { PROGRESS_AFTER_MS: '300' }));
  b.emulator.setFaults({ latencyMs: 4000 });
  const conversationId = 'stop-clicked';
  const clicked = 'card-clicked-stop';
  const res = await post(b.botUrl, { ...cardAction('galleryops.run', { command: 'image status gal_golden/dispatch 2026.5.1' }, { serviceUrl: b.serviceUrl, conversationId }), replyToId: clicked });
  expect(cardText((res.body as { value: unknown }).value)).toMatch(/Working on/);

  await b.app.close(500);
  const update = sentTo(b, conversationId).find((s) => s.method === 'PUT' && s.activityId === clicked);
  expect(update && textOf(update)).toMatch(/stopped before/i);
}, 60_000);
