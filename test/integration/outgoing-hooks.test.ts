/**
 * Outgoing hooks end to end: the policy file names a webhook and a PagerDuty hook (secrets in HOOK_SECRET_*
 * settings), the watcher reads the emulator through the real SDK, and local receivers get the real requests:
 * signed webhook bodies (retried through two 500s, delivered once), PagerDuty's trigger on a Failed region and its
 * resolve under the same dedup_key once the region completes, and nothing again after a restart on the same store.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { projectPath } from '../../src/project-root';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { openTempStore } from '../helpers/temp-store';
import { waitFor } from '../helpers/wait-for';
import { startReceiver, statuses, type ReceivedRequest } from '../hooks/hook-receiver';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const WEBHOOK_SECRET = 'w'.repeat(48);
const ROUTING_KEY = 'abcdef0123456789ABCDEF0123456789';
const PUBLIC_URL = 'https://galleryops.example.test';

let emulator: RunningEmulator;
let data: Awaited<ReturnType<typeof openTempStore>>;
let bot: BotUnderTest;
let webhook: Awaited<ReturnType<typeof startReceiver>>;
let pagerduty: Awaited<ReturnType<typeof startReceiver>>;
let refusing: Awaited<ReturnType<typeof startReceiver>>;
let env: Record<string, string>;

beforeAll(async () => {
  [webhook, pagerduty, refusing] = await Promise.all([startReceiver(statuses(500, 500)), startReceiver(statuses(202, 202, 202, 202, 202)), startReceiver(statuses(...Array<number>(20).fill(400)))]);
  const policy = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as object;
  const file = join(mkdtempSync(join(tmpdir(), 'hooks-policy-')), 'policy.json');
  writeFileSync(
    file,
    JSON.stringify({
      ...policy,
      hooks: [
        { name: 'oncall', type: 'webhook', url: webhook.url, secretSetting: 'HOOK_SECRET_ONCALL', scope: 'gal_golden/callcenter-desktop', events: ['replication'] },
        { name: 'pd-images', type: 'pagerduty', url: pagerduty.url, routingKeySetting: 'HOOK_SECRET_PD', scope: 'gal_golden' },
        { name: 'refusing', type: 'webhook', url: refusing.url, secretSetting: 'HOOK_SECRET_ONCALL', scope: 'callcenter-desktop', events: ['replication'] },
      ],
    }),
  );
  env = { POLICY_FILE: file, HOOK_SECRET_ONCALL: WEBHOOK_SECRET, HOOK_SECRET_PD: ROUTING_KEY, GALLERYOPS_PUBLIC_URL: PUBLIC_URL };
  emulator = await startEmulator();
  data = await openTempStore();
  bot = await startBotUnderTest({}, env, { emulator, store: data.store });
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
  await data?.cleanup();
  await Promise.all([webhook, pagerduty, refusing].map((r) => r?.close()));
});

const json = (r: ReceivedRequest) => JSON.parse(r.raw) as Record<string, any>;
const arrived = (receiver: { requests: ReceivedRequest[] }, count: number) => waitFor(() => receiver.requests.map((r) => r.raw.slice(0, 120)), (n) => n.length >= count, 15_000);
const baselineTaken = (hook: string) => waitFor(() => bot.store.subscriptions.deliveredEvents(`hook:${hook}`), (ids) => ids.has('baseline'));
/** Lets a background round run, then says how many requests each receiver has. */
const countsAfterRound = async () => {
  await new Promise((r) => setTimeout(r, 1_000));
  return [webhook.requests.length, pagerduty.requests.length, refusing.requests.length];
};

it('triggers PagerDuty and signs webhooks on a Failed region, resolves once it completes (also a region that had completed before), and repeats nothing after a restart', async () => {
  // The first cycle records what exists as each hook's baseline: nothing is sent.
  await bot.app.runWatcher();
  await Promise.all(['oncall', 'pd-images', 'refusing'].map(baselineTaken));
  expect(await countsAfterRound()).toEqual([0, 0, 0]);

  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  await bot.app.runWatcher();
  await arrived(pagerduty, 1);
  const trigger = json(pagerduty.requests[0]!);
  expect(trigger).toMatchObject({
    routing_key: ROUTING_KEY,
    event_action: 'trigger',
    dedup_key: expect.stringMatching(/^galleryops:11111111-2222-3333-4444-555555555555\/[\w.-]+\/gal_golden\/callcenter-desktop\/2026\.6\.0:southeastasia$/),
    payload: { severity: 'error', source: 'gal_golden/callcenter-desktop 2026.6.0', component: 'Southeast Asia', group: 'gal_golden', class: 'replication.failed', summary: 'Replication of gal_golden/callcenter-desktop 2026.6.0 failed in Southeast Asia: Disk copy timed out.' },
  });
  expect(trigger.payload.custom_details).toMatchObject({ error: 'Disk copy timed out.', repairCommand: 'repair gal_golden/callcenter-desktop 2026.6.0 in southeastasia' });

  // The webhook answered 500 twice: the same signed body came three times, and was accepted once.
  await arrived(webhook, 3);
  const bodies = webhook.requests.map((r) => r.raw);
  expect(new Set(bodies).size).toBe(1);
  for (const r of webhook.requests) {
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${String(r.headers['x-galleryops-timestamp'])}.${r.raw}`).digest('hex')}`;
    expect(r.headers['x-galleryops-signature']).toBe(expected);
  }
  const body = json(webhook.requests[0]!);
  expect(body).toMatchObject({ schema: 'galleryops.event/1', type: 'replication.failed', hook: 'oncall', image: 'callcenter-desktop', version: '2026.6.0', region: 'Southeast Asia', state: 'Failed', error: 'Disk copy timed out.' });
  expect(webhook.requests[0]!.headers['idempotency-key']).toBe(body.id);
  // The evidence link is signed for the public URL and downloads the bundle from the bot itself.
  expect(body.links.evidence).toMatch(new RegExp(`^${PUBLIC_URL}/evidence/[\\w-]+\\.[\\w-]{43}$`));
  const download = await fetch(String(body.links.evidence).replace(PUBLIC_URL, bot.botUrl));
  expect(download.status).toBe(200);
  expect(JSON.stringify(await download.json())).toContain('Disk copy timed out.');
  // The receiver that answers 400 got it once and is not asked again.
  await arrived(refusing, 1);
  expect(await countsAfterRound()).toEqual([3, 1, 1]);
  await bot.app.runWatcher();
  expect(await countsAfterRound()).toEqual([3, 1, 1]);

  // Repaired: PagerDuty resolves the alert under the same key; the webhook hears of the completion.
  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed', progress: 100 });
  await bot.app.runWatcher();
  await arrived(pagerduty, 2);
  expect(json(pagerduty.requests[1]!)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: trigger.dedup_key });
  await arrived(webhook, 4);
  expect(json(webhook.requests[3]!)).toMatchObject({ type: 'replication.completed', region: 'Southeast Asia', state: 'Completed' });

  // A restart on the same store sends nothing again, and sends what changed while it was down (once).
  expect(await countsAfterRound()).toEqual([4, 2, 2]);
  await bot.stop();
  bot.emulator.setReplication({ ...VERSION, region: 'North Europe', state: 'Failed', progress: 10, details: 'Quota exceeded.' });
  bot = await startBotUnderTest({}, env, { emulator, store: data.store });
  // A new process reads every version in scope again (40 replication reads a cycle) before it announces anything.
  for (let i = 0; i < 3; i++) await bot.app.runWatcher();
  await arrived(pagerduty, 3);
  expect(await countsAfterRound()).toEqual([5, 3, 3]);
  const again = json(pagerduty.requests[2]!);
  expect(again).toMatchObject({ event_action: 'trigger', dedup_key: expect.stringMatching(/:northeurope$/) });
  expect(json(webhook.requests[4]!)).toMatchObject({ type: 'replication.failed', region: 'North Europe' });
  // North Europe had completed before the hooks' baseline, then failed: completing again is a recovery, news for
  // the webhooks (an id of its own, after the baseline's Completed), and PagerDuty resolves the alert it raised. It
  // failed while the bot was down, so no time is given for the failure.
  bot.emulator.setReplication({ ...VERSION, region: 'North Europe', state: 'Completed', progress: 100 });
  await bot.app.runWatcher();
  await arrived(pagerduty, 4);
  expect(json(pagerduty.requests[3]!)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: again.dedup_key });
  await arrived(webhook, 6);
  expect(json(webhook.requests[5]!)).toMatchObject({ type: 'replication.completed', region: 'North Europe', text: 'Replication of gal_golden/callcenter-desktop 2026.6.0 completed in North Europe after failing' });
  await bot.app.runWatcher();
  expect(await countsAfterRound()).toEqual([6, 4, 4]);
}, 60_000);
