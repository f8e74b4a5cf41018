/**
 * A hook receiver that takes its time never holds up the chat: the watcher cycle ends, and the subscription's card
 * arrives, while the webhook request is still waiting for its answer. Real HTTP, real SDK, the emulator.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/project-root';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';
import { startReceiver } from '../hooks/hook-receiver';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const ANSWER_AFTER_MS = 4_000;

let bot: BotUnderTest;
let slow: Awaited<ReturnType<typeof startReceiver>>;
const answeredAt: number[] = [];
beforeAll(async () => {
  slow = await startReceiver((_n, res) => void setTimeout(() => (answeredAt.push(Date.now()), ((res.statusCode = 200), res.end())), ANSWER_AFTER_MS));
  const policy = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as object;
  const file = join(mkdtempSync(join(tmpdir(), 'hooks-policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify({ ...policy, hooks: [{ name: 'slow', type: 'webhook', url: slow.url, secretSetting: 'HOOK_SECRET_SLOW', scope: 'gal_golden' }] }));
  bot = await startBotUnderTest({}, { POLICY_FILE: file, HOOK_SECRET_SLOW: 's'.repeat(40) });
});
afterAll(async () => {
  await bot?.stop();
  await slow?.close();
});

const chat = new SubscriptionChat(() => bot, 'hooks-nonblocking-chat');

it('posts the card and ends the cycle without waiting for a slow hook receiver', async () => {
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to replication')).toMatch(/^Subscribed this chat/);
  await bot.app.runWatcher();
  await waitFor(() => bot.store.subscriptions.deliveredEvents('hook:slow'), (ids) => ids.has('baseline'));
  const from = chat.count();

  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  const started = Date.now();
  await bot.app.runWatcher();
  const cycleMs = Date.now() - started;
  const cards = chat.cardsSince(from);
  expect(cards.map((c) => /REPLICATION FAILED/.test(c.text))).toEqual([true]);
  // The hook request is under way, unanswered, when the cycle and its card are done.
  await waitFor(() => slow.requests.length, (n) => n === 1);
  expect(answeredAt).toEqual([]);
  expect(cycleMs).toBeLessThan(ANSWER_AFTER_MS);
  // And a command answers meanwhile.
  expect(await chat.say('subscriptions')).toMatch(/gal_golden\/callcenter-desktop, replication/);
  expect(answeredAt).toEqual([]);
  // The answer comes; the event is recorded for the hook once.
  // (Failed#2 when the region had completed before: its second announced state, see region-transitions.ts.)
  await waitFor(() => bot.store.subscriptions.deliveredEvents('hook:slow'), (ids) => [...ids].some((id) => /\|westeurope\|Failed(#\d+)?$/.test(id)), 15_000);
  expect(answeredAt).toHaveLength(1);
  process.stdout.write(`watcher cycle with a hook receiver answering after ${ANSWER_AFTER_MS} ms: ${cycleMs} ms\n`);
}, 60_000);
