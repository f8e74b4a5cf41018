/**
 * A region that changes back is news again: Completed → Failed → Completed (a repair) and a failure after that
 * recovery each reach the chat as a card, the webhook as a request of its own, and PagerDuty as trigger,
 * resolve, trigger again, resolve again under the one dedup_key, through the real watcher, the real SDK against
 * the emulator and a restart on the same store in between; nothing is repeated. The seeded Southeast Asia stays
 * Replicating, so the watcher reads the version every cycle without an Event Grid event.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { projectPath } from '../../src/project-root';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { openTempStore } from '../helpers/temp-store';
import { waitFor } from '../helpers/wait-for';
import { startReceiver, type ReceivedRequest } from '../hooks/hook-receiver';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const MINUTE = 60_000;
const START = Date.parse('2026-12-05T19:00:00Z');

let offset = 0;
const clock = { now: () => new Date(START + offset) };
let emulator: RunningEmulator;
let data: Awaited<ReturnType<typeof openTempStore>>;
let bot: BotUnderTest;
let webhook: Awaited<ReturnType<typeof startReceiver>>;
let pagerduty: Awaited<ReturnType<typeof startReceiver>>;
let env: Record<string, string>;

beforeAll(async () => {
  [webhook, pagerduty] = await Promise.all([startReceiver(), startReceiver()]);
  const policy = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as object;
  const file = join(mkdtempSync(join(tmpdir(), 'recovery-policy-')), 'policy.json');
  const hooks = [
    { name: 'oncall', type: 'webhook', url: webhook.url, secretSetting: 'HOOK_SECRET_ONCALL', scope: 'gal_golden/callcenter-desktop', events: ['replication'] },
    { name: 'pd-images', type: 'pagerduty', url: pagerduty.url, routingKeySetting: 'HOOK_SECRET_PD', scope: 'gal_golden' },
  ];
  writeFileSync(file, JSON.stringify({ ...policy, hooks }));
  env = { POLICY_FILE: file, HOOK_SECRET_ONCALL: 'w'.repeat(48), HOOK_SECRET_PD: 'abcdef0123456789ABCDEF0123456789' };
  emulator = await startEmulator();
  data = await openTempStore();
  bot = await startBotUnderTest({}, env, { emulator, store: data.store, now: clock.now });
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
  await data?.cleanup();
  await Promise.all([webhook, pagerduty].map((r) => r?.close()));
});

const chat = new SubscriptionChat(() => bot, 'recovery-chat');
const json = (r: ReceivedRequest) => JSON.parse(r.raw) as Record<string, any>;
const arrived = (receiver: { requests: ReceivedRequest[] }, count: number) => waitFor(() => receiver.requests.length, (n) => n >= count, 15_000);
const westEurope = (state: 'Completed' | 'Failed' | 'Replicating', details?: string) =>
  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state, progress: state === 'Completed' ? 100 : 60, ...(details ? { details } : {}) });

/** Moves the clock on, runs one cycle, and returns the headlines of the cards it posted. */
async function cycle(): Promise<string[]> {
  offset += MINUTE;
  const from = chat.count();
  await bot.app.runWatcher();
  return chat.cardsSince(from).map((c) => c.text.split('\n').slice(0, 2).join(' | '));
}

it('announces a recovery and a failure after it, to the chat, the webhook and PagerDuty, once each, across a restart', async () => {
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to replication')).toMatch(/^Subscribed this chat/);
  expect(await cycle()).toEqual([]); // baseline: West Europe Completed
  await waitFor(() => bot.store.subscriptions.deliveredEvents('hook:pd-images'), (ids) => ids.has('baseline'));

  westEurope('Failed', 'Disk copy timed out.');
  expect(await cycle()).toEqual([expect.stringMatching(/^✗ REPLICATION FAILED \| .*2026\.6\.0 failed to replicate to West Europe after it had completed$/)]);
  const failedAt = new Date(START + offset);
  await arrived(pagerduty, 1);
  // A repair re-drives it (Replicating: no card), then it completes: the recovery is announced.
  westEurope('Replicating');
  expect(await cycle()).toEqual([]);
  westEurope('Completed');
  const recovered = await cycle();
  expect(recovered).toEqual([`✓ REPLICATION RECOVERED | gal_golden/callcenter-desktop 2026.6.0 finished replicating to West Europe after failing at ${failedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`]);
  expect(await cycle()).toEqual([]);
  await arrived(pagerduty, 2);

  // A restart: the new process remembers nothing, the store remembers what each recipient was told.
  await bot.stop();
  bot = await startBotUnderTest({}, env, { emulator, store: data.store, now: clock.now });
  await chat.say('subscriptions');
  expect(await cycle()).toEqual([]);
  westEurope('Failed', 'Quota exceeded.');
  expect(await cycle()).toEqual([expect.stringMatching(/failed to replicate to West Europe after it had completed$/)]);
  westEurope('Completed');
  // This process saw the failure happen, so the recovery says when.
  expect(await cycle()).toEqual([expect.stringMatching(/^✓ REPLICATION RECOVERED \| .*finished replicating to West Europe after failing at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/)]);
  expect(await cycle()).toEqual([]);

  // PagerDuty: one alert key, opened, resolved, opened again (PagerDuty makes a new incident for a trigger after a resolve), resolved.
  await arrived(pagerduty, 4);
  await new Promise((r) => setTimeout(r, 500));
  const pd = pagerduty.requests.map(json);
  expect(pd.map((r) => r.event_action)).toEqual(['trigger', 'resolve', 'trigger', 'resolve']);
  expect(new Set(pd.map((r) => r.dedup_key)).size).toBe(1);
  expect(pd[2]!.payload.summary).toBe('Replication of gal_golden/callcenter-desktop 2026.6.0 failed in West Europe after it had completed: Quota exceeded.');
  // The webhook: each transition once, each with an id (and Idempotency-Key) of its own.
  await arrived(webhook, 4);
  const bodies = webhook.requests.map(json);
  expect(bodies.map((b) => `${b.type} ${b.region}`)).toEqual(['replication.failed West Europe', 'replication.completed West Europe', 'replication.failed West Europe', 'replication.completed West Europe']);
  expect(new Set(bodies.map((b) => b.id)).size).toBe(4);
  expect(webhook.requests.map((r) => r.headers['idempotency-key'])).toEqual(bodies.map((b) => b.id));
}, 60_000);
