/**
 * After ARM accepted a write (or may have), no error of polling, parsing or a 409 may call the request FAILED:
 * it is "outcome unknown, checking Azure" until the version is read back. Real HTTP into /api/messages, the real
 * SDK against the emulator with injected faults; the cards, the requester's message and the audit log are asserted.
 */
import { Writable } from 'node:stream';
import type { AuditRecord } from '../../../src/audit/audit-record';
import { executionPlanOf } from '../../../src/approvals/plan';
import type { ArmGallery } from '../../../src/gallery/arm';
import { createLogger } from '../../../src/logging/logger';
import { DEMO } from '../../helpers/activities';
import { cardUpdatedTo, click, outcomeMessage, quiet, requestIdOn, say, waitForFinal, writeRecorder } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { waitFor } from '../../helpers/wait-for';

const golden = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden' };
const OPERATION_POLLS = '^GET .*/capsOperations/';

let bot: BotUnderTest;
const writes: string[] = [];
const errors: Array<{ msg: string; requestId?: string; checkCommand?: string }> = [];
let clockOffsetMs = 0;
/** Called with every ARM call the bot makes (after it was sent), to change faults at the right moment. */
let onArmCall: (call: { method: string; url: string }) => void = () => undefined;

beforeAll(async () => {
  const logLines = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) errors.push(JSON.parse(line) as (typeof errors)[number]);
      done();
    },
  });
  bot = await startBotUnderTest(
    { lroRetryAfterSeconds: 0, lroPollDelayMs: 400 },
    { EXECUTION_UNKNOWN_MINUTES: '1' },
    {
      now: () => new Date(Date.now() + clockOffsetMs),
      observeIntervalMs: 100,
      logger: createLogger('error', logLines),
      armObserver: (call) => {
        writeRecorder(writes)(call);
        onArmCall(call);
      },
    },
  );
});
afterAll(async () => {
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});
afterEach(() => {
  bot.emulator.setFaults({});
  clockOffsetMs = 0;
  onArmCall = () => undefined;
});

async function askAndApprove(text: string) {
  const asked = await say(bot, DEMO.alex, text);
  const id = requestIdOn(asked.text);
  const cardId = (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`)).text).toContain(`You approved ${id}`);
  return { id, conversationId: asked.conversationId, cardId };
}

const actionsOf = async (id: string): Promise<AuditRecord[]> => bot.store.audit.list({ requestId: id });

test('the poll of an accepted write answers garbage: checking Azure, then SUCCEEDED from the read-back; one write', async () => {
  bot.emulator.setFaults({ malformed: { match: OPERATION_POLLS } });
  const before = writes.length;
  const { id, conversationId, cardId } = await askAndApprove('retire dispatch 2026.4.0 because superseded');

  const checking = await cardUpdatedTo(bot, conversationId, cardId, /CHECKING AZURE/);
  expect(checking.text).toMatch(/Outcome unknown, checking Azure: Azure accepted the change, but its answer about the outcome could not be read \(an unreadable reply\)\. GalleryOps reads the version back/);
  expect(checking.text).toMatch(/What was asked \(outcome unknown, checking Azure\)/);
  expect(checking.text).not.toMatch(/FAILED|refused/);

  const done = await waitForFinal(bot, id);
  expect(done).toMatchObject({ state: 'succeeded', execution: { basis: 'read-back', attempts: 1 } });
  const { text } = await cardUpdatedTo(bot, conversationId, cardId, /SUCCEEDED/);
  expect(text).toMatch(/Done, confirmed by reading the version back from Azure/);
  expect(text).toMatch(/Outcome based on: reading the version back from Azure/);
  expect(await outcomeMessage(bot, id)).toMatch(/approved by Adele Vance and carried out/);
  expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/dispatch\/versions\/2026\.4\.0$/)]);
  const records = await actionsOf(id);
  expect(records.map((r) => r.action)).toEqual(['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.operation', 'execution.outcome-unknown', 'execution.reconciled']);
  expect(records.at(-1)!.details).toMatchObject({ outcome: 'applied', state: 'succeeded' });
});

test('409 AnotherOperationInProgress (another change running on the version): checking Azure, then FAILED with ARM\'s reason once the read-back shows nothing changed', async () => {
  const asked = await say(bot, DEMO.alex, 'retire dispatch 2026.5.0 because superseded');
  const id = requestIdOn(asked.text);
  const cardId = (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;
  // Someone else's change (same regions, re-sent) is running on the version when the approved write arrives.
  const version = await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.5.0');
  let inFlight: Promise<unknown> | undefined;
  onArmCall = (call) => {
    if (inFlight || call.method !== 'GET' || !/\/dispatch\/versions\/2026\.5\.0/.test(call.url)) return;
    inFlight = (bot.app.context.gallery as ArmGallery).updateVersion({ ...golden, image: 'dispatch' }, '2026.5.0', { targetRegions: version.targetRegions });
  };
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`);
  const done = await waitForFinal(bot, id);
  await inFlight;
  expect(done).toMatchObject({ state: 'failed', execution: { basis: 'read-back', error: { code: 'not-applied' }, unknown: { reason: expect.stringMatching(/AnotherOperationInProgress/) } } });
  const { text } = await cardUpdatedTo(bot, asked.conversationId, cardId, /FAILED/);
  expect(text).toMatch(/Azure did not make the change: the version, read back from Azure, does not show it\. Before that: Azure's answer to the change does not say whether it was made \(HTTP 409 AnotherOperationInProgress\)/);
  expect(text).toMatch(/AnotherOperationInProgress/);
  expect(text).toMatch(/What was asked \(Azure does not show it\)/);
  expect(await outcomeMessage(bot, id)).toMatch(/reading the version back shows Azure did not make the change/);
  const records = await actionsOf(id);
  expect(records.map((r) => r.action)).toEqual(['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.outcome-unknown', 'execution.reconciled']);
  expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.5.0')).excludeFromLatest).toBe(false);
});

test('the change was made by someone else before the approved request ran: SUCCEEDED without a write, saying so', async () => {
  const asked = await say(bot, DEMO.alex, 'retire gpu-analytics 1.1.0 because superseded');
  const id = requestIdOn(asked.text);
  const plan = executionPlanOf((await bot.store.requests.get(id))!);
  if (plan.op !== 'update') throw new Error('a retirement is a PATCH');
  await (bot.app.context.gallery as ArmGallery).updateVersion(plan.image, plan.version, plan.patch);
  const before = writes.length;
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`);
  const done = await waitForFinal(bot, id);
  expect(done).toMatchObject({ state: 'succeeded', execution: { basis: 'read-back', attempts: 0, result: { summary: expect.stringMatching(/already shows the requested state.*GalleryOps sent nothing/) } } });
  expect(writes.length).toBe(before);
  expect((await actionsOf(id)).map((r) => r.action)).toEqual(['request.created', 'request.approved', 'execution.succeeded']);
});

test('Azure cannot be read back for EXECUTION_UNKNOWN_MINUTES: the card says so and names the command, operators get an error; then it settles', async () => {
  bot.emulator.setFaults({ malformed: { match: OPERATION_POLLS } });
  // Once the write is on its way, reads of the version fail too (as in an ARM outage).
  onArmCall = (call) => {
    if (call.method === 'PATCH') bot.emulator.setFaults({ malformed: { match: `${OPERATION_POLLS}|^GET .*/callcenter-desktop/versions/2026\\.4\\.0` } });
  };
  const { id, conversationId, cardId } = await askAndApprove('retire callcenter-desktop 2026.4.0 because superseded');
  await cardUpdatedTo(bot, conversationId, cardId, /CHECKING AZURE/);
  expect((await bot.store.requests.get(id))!.state).toBe('executing');

  clockOffsetMs = 2 * 60_000;
  const overdue = await cardUpdatedTo(bot, conversationId, cardId, /Outcome still unknown/);
  expect(overdue.text).toMatch(/Check by hand with `image status gal_golden\/callcenter-desktop 2026\.4\.0`; the bot's operators have been alerted/);
  expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: id, checkCommand: 'image status gal_golden/callcenter-desktop 2026.4.0' })]));
  expect((await actionsOf(id)).map((r) => r.action)).toContain('execution.outcome-overdue');

  bot.emulator.setFaults({});
  const done = await waitForFinal(bot, id);
  expect(done).toMatchObject({ state: 'succeeded', execution: { basis: 'read-back' } });
  await cardUpdatedTo(bot, conversationId, cardId, /SUCCEEDED/);
});
