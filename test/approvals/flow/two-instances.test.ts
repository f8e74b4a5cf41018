/**
 * Exactly once across instances: two bot processes (real child processes running createApp) share one Azure
 * Table Storage (Azurite) and one gallery emulator. Twenty simultaneous Approve clicks from two approvers,
 * split between the processes and including Teams-style retries, must end in one counted approval, one
 * execution, one ARM write, and one intact audit chain holding both processes' appends. A third process that
 * starts while a request is being carried out must leave it to the instance carrying it out.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isFinal, type ChangeRequest } from '../../../src/approvals/change-request';
import { createAuditLog } from '../../../src/audit/audit-log';
import { createGallery } from '../../../src/gallery/create-gallery';
import { openStore } from '../../../src/storage/open-store';
import type { Store } from '../../../src/storage/store';
import { startEmulator, type RunningEmulator } from '../../../emulator/start-emulator';
import { cardAction, cardOf, DEMO, message, post } from '../../helpers/activities';
import { requestIdOn } from '../../helpers/approval-chat';
import { startAzuriteTable, type AzuriteTable } from '../../helpers/azurite';
import { LocalConnector } from '../../helpers/local-connector';
import { startTsWorker, type TsWorker } from '../../helpers/ts-worker';
import { cardText, expectValidCard } from '../../helpers/validate-card';
import type { TableBotSettings } from './workers/table-bot-worker';
import { waitForValue } from '../../helpers/wait-for';

const WORKER = join(__dirname, 'workers', 'table-bot-worker.ts');
const TABLE = `twoinstances${randomBytes(4).toString('hex')}`;
const TARGET_PATH = '/galleries/gal_golden/images/dispatch/versions/2026.6.0';
const golden = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };

let azurite: AzuriteTable | undefined;
let emulator: RunningEmulator | undefined;
const connector = new LocalConnector();
let serviceUrl = '';
/** A third client on the shared table: the test reads what the bots stored, as an operator would. */
let store: Store | undefined;
const bots: TsWorker[] = [];
let settings: TableBotSettings;
const argOf = (s: TableBotSettings) => Buffer.from(JSON.stringify(s)).toString('base64');

/** Settles every start before failing, so afterAll can stop whatever did start. */
async function all(starts: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

beforeAll(async () => {
  await all([
    startAzuriteTable().then((a) => (azurite = a)),
    startEmulator({ lroRetryAfterSeconds: 0 }).then((e) => (emulator = e)),
    connector.start().then((url) => (serviceUrl = url)),
  ]);
  // The test's client creates the table first, as a deployment would; the bots then find it.
  store = await openStore({ kind: 'table', tableName: TABLE, connectionString: azurite!.connectionString, appendTimeoutMs: 5000 });
  settings = {
    connectionString: azurite!.connectionString,
    tableName: TABLE,
    armEndpoint: emulator!.url,
    armCa: emulator!.ca,
    subscriptionIds: emulator!.subscriptionIds,
    // Frequent sweeps make the second way into execution (a sweep finding the request approved) race too.
    sweepIntervalMs: 100,
  };
  await all([0, 1].map((i) => startTsWorker(WORKER, [argOf(settings)]).then((w) => (bots[i] = w))));
}, 30_000);

afterAll(async () => {
  await Promise.allSettled(bots.map((b) => b.stop()));
  await Promise.allSettled([store?.close(), connector.stop(), emulator?.close(), azurite?.stop()]);
});

const urlOf = (bot: TsWorker) => bot.ready as string;


test('20 simultaneous approvals on two instances: one approval counted, one ARM write, one execution, one audit chain', async () => {
  const [a, b] = bots as [TsWorker, TsWorker];

  // Alex asks on instance A; the request card arrives at the connector.
  const asked = await post(urlOf(a), message('promote gal_staging/dispatch 2026.6.0 to production', { serviceUrl, conversationId: 'alex-chat', from: DEMO.alex }));
  expect(asked.status).toBe(200);
  const [reply] = await connector.waitForMessages('alex-chat', 1);
  const requestCard = cardOf(reply!);
  expectValidCard(requestCard);
  const id = requestIdOn(cardText(requestCard).join('\n'));

  // 18 distinct clicks, alternating Adele and Patti, 9 to each instance; then two Teams retries (same activity
  // id again): one of A's clicks resent to A, and one of A's resent to B (the load balancer picked the other).
  const approvers = [DEMO.adele, DEMO.patti] as const;
  const clicks = Array.from({ length: 18 }, (_, i) => {
    const from = approvers[i % 2]!;
    return cardAction('galleryops.approve', { requestId: id }, { serviceUrl, conversationId: `chat-${from.id}`, from });
  });
  const sends: Array<{ to: 'A' | 'B'; activity: Record<string, unknown> }> = [
    ...clicks.slice(0, 9).flatMap((activity, i) => [
      { to: 'A' as const, activity },
      { to: 'B' as const, activity: clicks[9 + i]! },
    ]),
    { to: 'A', activity: clicks[8]! },
    { to: 'B', activity: clicks[0]! },
  ];
  expect(sends.filter((s) => s.to === 'A')).toHaveLength(10);
  const clickedAt = Date.now();
  const answers = await Promise.all(
    sends.map(async (s) => {
      const res = await post(urlOf(s.to === 'A' ? a : b), s.activity);
      const body = res.body as { statusCode?: number; type?: string; value?: unknown };
      return { ...s, status: res.status, body, text: body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value).join('\n') : JSON.stringify(body) };
    }),
  );
  const answeredMs = Date.now() - clickedAt;

  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(answer.body.value as object);
  }
  const accepted = answers.filter((x) => x.text.includes(`You approved ${id}.`));
  const refused = answers.filter((x) => x.text.includes(`Not accepted: Request ${id} is already approved and is being carried out.`));
  expect(accepted).toHaveLength(1);
  expect(refused).toHaveLength(19);
  const winner = accepted[0]!;
  const winnerPerson = (winner.activity.from as { aadObjectId: string }).aadObjectId;
  const refusedBy = (to: 'A' | 'B') => refused.filter((x) => x.to === to).length;

  // The request is carried out in the background; read it through the third client.
  const done = await waitForValue<ChangeRequest>('the request to finish', async () => {
    const request = await store!.requests.get(id);
    return request && isFinal(request.state) ? request : undefined;
  });
  const finishedMs = Date.now() - clickedAt;
  expect(done.state).toBe('succeeded');
  expect(done.approvals).toHaveLength(1);
  expect(done.approvals[0]!.by.aadObjectId).toBe(winnerPerson);
  // The outcome record is appended after the request's last write: wait for it so the chain is complete.
  await waitForValue('execution.succeeded in the audit log', async () =>
    (await store!.audit.list({ requestId: id })).some((r) => r.action === 'execution.succeeded') ? true : undefined,
  );

  // Exactly one ARM write, counted where it was sent; the version exists, excluded from latest.
  const writes = { A: await a.ask<string[]>('writes', 'writes'), B: await b.ask<string[]>('writes', 'writes') };
  const allWrites = [...writes.A, ...writes.B];
  expect(allWrites.filter((w) => w.includes(TARGET_PATH))).toHaveLength(1);
  expect(allWrites).toHaveLength(1);
  const { gallery } = createGallery({ mode: 'emulator', endpoint: emulator!.url, ca: emulator!.ca, scopes: emulator!.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) });
  const created = await gallery.getVersion(golden, '2026.6.0');
  expect(created.excludeFromLatest).toBe(true);
  expect(created.sourceId?.toLowerCase()).toContain('/galleries/gal_staging/images/dispatch/versions/2026.6.0');

  // The audit log: one of each step, every refused click recorded with the reason the clicker saw.
  const records = await store!.audit.list({ requestId: id });
  const count = (action: string) => records.filter((r) => r.action === action).length;
  expect(count('request.created')).toBe(1);
  expect(count('request.approved')).toBe(1);
  expect(count('execution.started')).toBe(1);
  expect(count('arm.write')).toBe(1);
  expect(count('execution.succeeded')).toBe(1);
  const refusals = records.filter((r) => r.action === 'request.refused');
  const approveRefusals = refusals.filter((r) => r.details.attempted === 'approve');
  expect(approveRefusals).toHaveLength(19);
  for (const r of approveRefusals) {
    expect(r.details).toMatchObject({ code: 'decided', reason: `Request ${id} is already approved and is being carried out.` });
  }
  // Every click but the winning one is refused and recorded as that person's: the second approver's clicks,
  // the winner's own repeats, and the retry of the winning activity.
  for (const person of approvers) {
    const sent = sends.filter((s) => (s.activity.from as { aadObjectId: string }).aadObjectId === person.aadObjectId).length;
    const expected = sent - (person.aadObjectId === winnerPerson ? 1 : 0);
    expect(approveRefusals.filter((r) => r.actor.id === person.aadObjectId)).toHaveLength(expected);
  }
  // Anything else refused may only be the losing side of the race into execution (a sweep that came second,
  // which may also have found the gates failing or the change applied because the winner had just made it).
  const otherRefusals = refusals.filter((r) => r.details.attempted !== 'approve');
  for (const r of otherRefusals) {
    expect(r.details).toMatchObject({ attempted: expect.stringMatching(/^(startExecution|gateFailed|alreadyApplied)$/), code: expect.stringMatching(/^(already-executing|decided)$/) });
  }

  // One chain, appended to by both processes (each answered refused clicks, and each refusal is a record).
  expect(refusedBy('A')).toBeGreaterThan(0);
  expect(refusedBy('B')).toBeGreaterThan(0);
  const verdict = await createAuditLog(store!.audit).verify();
  const chainLength = (await store!.audit.list()).length;
  expect(verdict).toMatchObject({ ok: true, count: chainLength });

  // Alex hears the outcome once, in his chat (after the request card).
  const toldAlex = (await connector.waitForMessages('alex-chat', 2)).filter((m) => typeof m.text === 'string' && m.text.startsWith(`Your request ${id}`));
  expect(toldAlex).toHaveLength(1);
  expect(toldAlex[0]!.text).toContain('carried out');

  // Neither process logged an error (a crash in the background, a failed append).
  for (const bot of [a, b]) {
    const errors = bot.stderr().split('\n').filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  }

  console.log(
    [
      `two instances: ${sends.length} clicks answered in ${answeredMs} ms, request succeeded ${finishedMs} ms after the clicks`,
      `accepted by ${winner.to} (${(winner.activity.from as { name: string }).name}'s click); refused: A ${refusedBy('A')}, B ${refusedBy('B')}`,
      `ARM writes: A ${writes.A.length}, B ${writes.B.length}; refused startExecution attempts (sweeps): ${otherRefusals.length}; audit records: ${chainLength}`,
    ].join('\n'),
  );
});

test('an instance that starts while another is carrying out a request leaves it to that instance', async () => {
  const [a, b] = bots as [TsWorker, TsWorker];
  // A third instance joins (scale-out, or a rolling restart): loaded now, listening only when told.
  const c = await startTsWorker(WORKER, [argOf({ ...settings, deferListen: true })], { readyKey: 'loaded' });
  bots.push(c);

  await post(urlOf(a), message('retire gal_golden/gpu-analytics 1.1.0 because superseded', { serviceUrl, conversationId: 'alex-retire', from: DEMO.alex }));
  const [reply] = await connector.waitForMessages('alex-retire', 1);
  const id = requestIdOn(cardText(cardOf(reply!)).join('\n'));
  // ARM latency widens the moment between the owner's move to executing and its ARM write, where a newcomer
  // that reconciled at once would find the change "not applied" and send it again.
  emulator!.setFaults({ latencyMs: 150 });
  try {
    const click = post(urlOf(b), cardAction('galleryops.approve', { requestId: id }, { serviceUrl, conversationId: `chat-${DEMO.patti.id}`, from: DEMO.patti }));
    await waitForValue('the request to be executing', async () => ((await store!.requests.get(id))?.state === 'executing' ? true : undefined));
    await c.ask('listen', 'ready');
    expect((await click).status).toBe(200);
    const done = await waitForValue<ChangeRequest>('the request to finish', async () => {
      const request = await store!.requests.get(id);
      return request && isFinal(request.state) ? request : undefined;
    });
    expect(done.state).toBe('succeeded');
    expect(done.execution?.attempts).toBe(1);
  } finally {
    emulator!.setFaults({});
  }
  await waitForValue('execution.succeeded in the audit log', async () =>
    (await store!.audit.list({ requestId: id })).some((r) => r.action === 'execution.succeeded') ? true : undefined,
  );

  const writes = await Promise.all([a, b, c].map((bot) => bot.ask<string[]>('writes', 'writes')));
  const versionWrites = writes.flat().filter((w) => w.includes('/galleries/gal_golden/images/gpu-analytics/versions/1.1.0'));
  expect(versionWrites).toHaveLength(1);
  expect(writes[2]).toEqual([]);
  const actions = (await store!.audit.list({ requestId: id })).map((r) => r.action);
  expect(actions.filter((x) => x === 'arm.write')).toHaveLength(1);
  expect(actions).not.toContain('execution.reconciled');
  expect(await createAuditLog(store!.audit).verify()).toMatchObject({ ok: true });
  const retired = await createGallery({ mode: 'emulator', endpoint: emulator!.url, ca: emulator!.ca, scopes: [{ subscriptionId: golden.subscriptionId }] }).gallery.getVersion(
    { ...golden, image: 'gpu-analytics' },
    '1.1.0',
  );
  expect(retired.excludeFromLatest).toBe(true);
  for (const bot of [a, b, c]) expect(bot.stderr().split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
});
