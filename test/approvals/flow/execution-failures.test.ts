/**
 * What happens after Approve when Azure does not simply say yes: a failed long-running operation, throttling and
 * transient 5xx on the write, a gate that no longer passes, a crash between recording the intent and finishing,
 * plus the retirement flow end to end. Real HTTP into /api/messages, the real SDK against the emulator; what the
 * users see (cards, messages), what Azure shows afterwards and what the audit log holds are asserted.
 */
import type { ChangeRequest } from '../../../src/approvals/change-request';
import { applyEvent } from '../../../src/approvals/apply-event';
import { executionPlanOf } from '../../../src/approvals/plan';
import { createAuditLog } from '../../../src/audit/audit-log';
import type { AuditRecord } from '../../../src/audit/audit-record';
import { loadConfig } from '../../../src/config';
import type { ArmGallery } from '../../../src/gallery/arm';
import type { Store } from '../../../src/storage/store';
import { DEMO } from '../../helpers/activities';
import { cardUpdatedTo, click as clickIn, executeVerbs, outcomeMessage, quiet, requestIdOn, say, sayText, waitForFinal, writeRecorder, type Person } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { openTempStore } from '../../helpers/temp-store';
import { waitFor } from '../../helpers/wait-for';

const golden = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden' };
const DAY = 86_400_000;

/**
 * A click from the person's own personal chat, as in Teams (each person has one). A chat shared by every
 * clicker would become everyone's "personal chat" and collect all their notifications, and Teams' per-chat
 * rate limits would then slow the test down.
 */
function click(b: BotUnderTest, from: Person, verb: Parameters<typeof clickIn>[2], data: unknown) {
  return clickIn(b, from, verb, data, `clicks-${from.id}`);
}

function actions(records: AuditRecord[]): string[] {
  return records.map((r) => r.action);
}

/**
 * The request's audit records, asserted to be exactly `expected`. The final state is stored just before its
 * audit record is appended, so a test that saw the state waits for the record count first.
 */
async function expectAudit(store: Store, id: string, expected: string[]): Promise<AuditRecord[]> {
  const records = await waitFor(() => store.audit.list({ requestId: id }), (r) => r.length >= expected.length);
  expect(actions(records)).toEqual(expected);
  return records;
}

describe('on one bot', () => {
  let bot: BotUnderTest;
  const writes: string[] = [];

  beforeAll(async () => {
    bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, {}, { armObserver: writeRecorder(writes) });
  });
  afterAll(async () => {
    // Let background card updates and messages finish, so nothing is still sending when the servers stop.
    if (bot) await quiet(() => bot.connector.sent.length);
    await bot?.stop();
  });
  afterEach(() => {
    bot.emulator.setFaults({});
  });

  /** Asks, checks the card, and returns the id plus where the card was posted. */
  async function ask(from: Person, text: string) {
    const asked = await say(bot, from, text);
    const id = requestIdOn(asked.text);
    const request = (await bot.store.requests.get(id))!;
    const cardId = request.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;
    return { ...asked, id, cardId, request };
  }

  const auditVerify = (): Promise<string> => sayText(bot, DEMO.lynne, 'audit verify');

  test('a failed ARM operation: the request fails, the card and the requester read the ARM error in words, nothing is lost', async () => {
    const message = 'Replication to West Europe failed: the storage account quota for Standard_ZRS is exceeded.';
    bot.emulator.setFaults({ failOperations: { match: '^(PATCH|PUT) ', count: 1, code: 'QuotaExceeded', message } });
    const asked = await ask(DEMO.alex, 'retire dispatch 2026.4.0 because superseded by 2026.5.0');
    const created = asked.request;

    const approved = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: asked.id });
    expect(approved.text).toContain(`You approved ${asked.id}`);
    const done = await waitForFinal(bot, asked.id);
    expect(done.state).toBe('failed');
    expect(done.execution?.error?.message).toContain(message);
    expect(writes.filter((w) => w.endsWith('/images/dispatch/versions/2026.4.0'))).toHaveLength(1);

    const { text, card } = await cardUpdatedTo(bot, asked.conversationId, asked.cardId, /FAILED/);
    expect(text).toContain('Azure refused the change');
    expect(text).toContain(message);
    expect(text).toMatch(/What was asked \(Azure refused it\)/);
    expect(executeVerbs(card)).toEqual([]);
    expect(text).toMatch(/Outcome based on: reading the version back from Azure/);
    expect(await outcomeMessage(bot, asked.id)).toMatch(new RegExp(`approved by Adele Vance, but Azure refused the change: .*the storage account quota for Standard\\\\?_ZRS is exceeded`));

    // Azure accepted the write (its operation is recorded), then reported the operation failed; the version,
    // read back, confirms nothing changed before the request is called failed.
    const records = await expectAudit(bot.store, asked.id, ['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.operation', 'execution.outcome-unknown', 'execution.reconciled']);
    expect(String(records.at(-2)!.details.armFailure)).toContain(message);
    expect(records.at(-1)!.details).toMatchObject({ outcome: 'not-applied', state: 'failed' });

    // Nothing lost: the request keeps what was asked and who decided; Azure still shows the old state.
    expect(done).toMatchObject({ id: created.id, changes: created.changes, gates: created.gates, reason: created.reason, requester: created.requester });
    expect(done.approvals.map((a) => a.by.name)).toEqual(['Adele Vance']);
    const version = await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.4.0');
    expect(version.excludeFromLatest).toBe(false);
    expect(await auditVerify()).toMatch(/^Audit log intact: \d+ records/);
  });

  test('the write is throttled (429) beyond the SDK\'s retries: the request fails saying so, and a new request later succeeds', async () => {
    bot.emulator.setFaults({ throttle: { match: '^PATCH ', retryAfterSeconds: 0 } });
    const asked = await ask(DEMO.alex, 'retire dispatch 2026.4.0 because superseded by 2026.5.0');
    await click(bot, DEMO.patti, 'galleryops.approve', { requestId: asked.id });
    const done = await waitForFinal(bot, asked.id);
    expect(done.state).toBe('failed');
    expect(done.execution?.error).toMatchObject({ code: 'throttled' });
    expect(done.execution?.error?.message).toMatch(/Azure is throttling requests to the gallery; try again/);
    const { text } = await cardUpdatedTo(bot, asked.conversationId, asked.cardId, /FAILED/);
    expect(text).toMatch(/Azure is throttling requests to the gallery/);
    const records = await expectAudit(bot.store, asked.id, ['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.failed']);
    expect(records.at(-1)!.details).toMatchObject({ code: 'throttled' });
    expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.4.0')).excludeFromLatest).toBe(false);

    bot.emulator.setFaults({});
    const again = await ask(DEMO.alex, 'retire dispatch 2026.4.0 because superseded by 2026.5.0');
    await click(bot, DEMO.patti, 'galleryops.approve', { requestId: again.id });
    expect((await waitForFinal(bot, again.id)).state).toBe('succeeded');
    expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.4.0')).excludeFromLatest).toBe(true);
    expect(await auditVerify()).toMatch(/^Audit log intact/);
  });

  test('a transient 503 on the write is retried by the SDK: the request succeeds with one change in Azure', async () => {
    bot.emulator.setFaults({ serverError: { match: '^PATCH ', count: 1, status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' } });
    const before = writes.length;
    const asked = await ask(DEMO.alex, 'retire dispatch 2026.5.0 because superseded by 2026.5.1');
    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: asked.id });
    const done = await waitForFinal(bot, asked.id);
    expect(done.state).toBe('succeeded');
    // The 503 answer and the SDK's retry are both on the wire; the audit log records one intended write.
    expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/dispatch\/versions\/2026\.5\.0$/), expect.stringMatching(/^PATCH .*\/dispatch\/versions\/2026\.5\.0$/)]);
    await expectAudit(bot.store, asked.id, ['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.operation', 'execution.succeeded']);
    expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, '2026.5.0')).excludeFromLatest).toBe(true);
    await cardUpdatedTo(bot, asked.conversationId, asked.cardId, /SUCCEEDED/);
  });

  test('approve-ahead waiting on Southeast Asia, which then fails to replicate: approved, the executor re-checks and stops it without writing', async () => {
    const asked = await ask(DEMO.alex, 'promote gal_golden/callcenter-desktop 2026.6.0 to latest');
    expect(asked.text).toMatch(/⏳ Completed in every target region — Not Completed: Southeast Asia Replicating 40 %/);
    const before = writes.length;
    const sea = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0', region: 'Southeast Asia' };
    bot.emulator.setReplication({ ...sea, state: 'Failed', progress: 55, details: 'Disk copy timed out.' });
    try {
      await click(bot, DEMO.adele, 'galleryops.approve', { requestId: asked.id });
      const done = await waitForFinal(bot, asked.id);
      expect(done.state).toBe('failed');
      expect(done.execution?.error?.code).toBe('gate-failed');
      expect(done.execution?.error?.message).toMatch(/Completed in every target region: Not Completed: Southeast Asia Failed 55 % \(Disk copy timed out\)/);
    } finally {
      bot.emulator.setReplication({ ...sea, state: 'Replicating', progress: 40 });
    }
    expect(writes.length).toBe(before);
    const { text } = await cardUpdatedTo(bot, asked.conversationId, asked.cardId, /FAILED/);
    expect(text).toMatch(/Completed in every target region: Not Completed: Southeast Asia Failed/);
    expect(text).toMatch(/Stopped by GalleryOps before calling Azure/);
    expect(text).toMatch(/What was asked \(stopped by GalleryOps; Azure was not called\)/);
    expect(text).not.toMatch(/Azure refused/);
    // The gates section shows the re-check that stopped it, not the 40 % from when it was asked.
    expect(text).toMatch(/✗ Completed in every target region — Not Completed: Southeast Asia Failed 55 %/);
    expect(text).not.toMatch(/Southeast Asia Replicating 40 %/);
    // Never started: no intent to write was recorded, because none was sent.
    const records = await expectAudit(bot.store, asked.id, ['request.created', 'request.approved', 'execution.failed']);
    expect(records.at(-1)!.details).toMatchObject({ code: 'gate-failed', azureCalled: false });
    expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'callcenter-desktop' }, '2026.6.0')).excludeFromLatest).toBe(true);
  });

  test('a gate that passed when asked but fails at approval (the other version was retired meanwhile) stops the write', async () => {
    const first = await ask(DEMO.alex, 'retire gpu-analytics 1.1.0 because replaced');
    const second = await ask(DEMO.megan, 'retire gpu-analytics 1.2.0 because replaced');
    for (const a of [first, second]) expect(a.text).toMatch(/✓ Another version stays eligible for latest/);

    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: second.id });
    expect((await waitForFinal(bot, second.id)).state).toBe('succeeded');
    const before = writes.length;
    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: first.id });
    const done = await waitForFinal(bot, first.id);
    expect(done.state).toBe('failed');
    expect(done.execution?.error?.message).toMatch(/Another version stays eligible for latest: No other version of gpu-analytics is eligible for latest/);
    expect(writes.length).toBe(before);
    const { text } = await cardUpdatedTo(bot, first.conversationId, first.cardId, /FAILED/);
    expect(text).toMatch(/Another version stays eligible for latest/);
    expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'gpu-analytics' }, '1.1.0')).excludeFromLatest).toBe(false);
  });

  test('retire: Alex asks, Adele approves, `image status` then shows the version excluded from latest with today\'s end of life', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const asked = await ask(DEMO.alex, 'retire callcenter-desktop 2026.4.0 because superseded');
    expect(asked.text).toMatch(/Retire callcenter-desktop 2026\.4\.0/);
    expect(asked.text).toContain('superseded');
    expect(asked.text).toContain(today);
    expect(asked.text).toMatch(/✓ Another version stays eligible for latest/);
    const before = await say(bot, DEMO.lynne, 'image status callcenter-desktop 2026.4.0');
    expect(before.text).toMatch(/Eligible for latest/);

    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: asked.id });
    expect((await waitForFinal(bot, asked.id)).state).toBe('succeeded');
    await cardUpdatedTo(bot, asked.conversationId, asked.cardId, /SUCCEEDED/);
    expect(await outcomeMessage(bot, asked.id)).toMatch(/approved by Adele Vance and carried out/);

    const status = await say(bot, DEMO.lynne, 'image status callcenter-desktop 2026.4.0');
    expect(status.text).toContain('Excluded from latest (all regions)');
    expect(status.text).toContain(`End of life: ${today} (today), past end of life`);
    expect(status.text).not.toMatch(/Eligible for latest/);
  });

  test('retire a version a VM still runs: the request card warns, naming vm-analytics-01', async () => {
    const asked = await ask(DEMO.alex, 'retire gpu-analytics 1.0.0');
    expect(asked.text).toMatch(/⚠ VM vm-analytics-01 \(rg-analytics\) still references 1\.0\.0 explicitly/);
    expect(executeVerbs(asked.card)).toEqual(expect.arrayContaining(['galleryops.approve', 'galleryops.reject']));
  });

  test('retiring the only version eligible for latest is refused in gal_golden (unsafe), and allowed with a warning in gal_staging', async () => {
    const before = writes.length;
    const refused = await say(bot, DEMO.alex, 'retire records 2026.5.0 because unused');
    expect(refused.text).toContain('Request refused');
    expect(refused.text).toContain('Retiring 2026.5.0 leaves gal_golden/records with no version eligible for latest; the policy does not allow that.');
    expect(refused.text).not.toMatch(/CR-[0-9A-Z]{8}/);
    expect(await bot.store.requests.listByImage('gal_golden', 'records')).toEqual([]);
    const audit = await bot.store.audit.list({ image: 'gal_golden/records' });
    expect(audit.map((r) => [r.action, r.actor.id, r.details.code])).toEqual([['request.refused', DEMO.alex.aadObjectId, 'unsafe-retirement']]);

    expect(writes.length).toBe(before);

    // gal_staging's rule allows emptying a definition: the request carries a warning, and once approved it is
    // carried out (the failing "another version stays eligible" gate is exactly what the override accepts).
    const staging = await ask(DEMO.alex, 'retire gal_staging/dispatch 2026.6.0');
    expect(staging.text).toMatch(/⚠ Retiring 2026\.6\.0 leaves gal\\?_staging\/dispatch with no version eligible for latest \(allowed by the policy's override\)/);
    expect(staging.text).toMatch(/✗ Another version stays eligible for latest/);
    await click(bot, DEMO.megan, 'galleryops.approve', { requestId: staging.id });
    const done = await waitForFinal(bot, staging.id);
    expect(done.execution?.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/gal_staging\/images\/dispatch\/versions\/2026\.6\.0$/)]);
    expect((await bot.app.context.gallery.getVersion({ ...golden, gallery: 'gal_staging', image: 'dispatch' }, '2026.6.0')).excludeFromLatest).toBe(true);
  });

  test('`pending`: Adele sees the request Alex made; Lynne (not an approver) sees nothing', async () => {
    const asked = await ask(DEMO.alex, 'retire gpu-analytics 1.0.0 because past end of life');
    const adele = await say(bot, DEMO.adele, 'pending');
    expect(adele.text).toMatch(/Waiting for your approval \(\d+\)/);
    expect(adele.text).toContain(`${asked.id} · asked by Alex Wilber · 0 of 1 approvals`);
    const lynne = await say(bot, DEMO.lynne, 'pending');
    expect(lynne.text).toContain('Waiting for your approval: none · Your open requests: none');
    expect(lynne.text).not.toContain(asked.id);
    const megan = await say(bot, DEMO.megan, 'pending');
    expect(megan.text).not.toContain(asked.id); // a requester in the rule, but not this request's, and not an approver
  });
});

describe('with a clock', () => {
  let bot: BotUnderTest;
  let clockOffsetMs = 0;
  const writes: string[] = [];

  beforeAll(async () => {
    bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, {}, { now: () => new Date(Date.now() + clockOffsetMs), armObserver: writeRecorder(writes) });
  });
  afterAll(async () => {
    // Let background card updates and messages finish, so nothing is still sending when the servers stop.
    if (bot) await quiet(() => bot.connector.sent.length);
    await bot?.stop();
  });

  async function ask(from: Person, text: string) {
    const asked = await say(bot, from, text);
    const id = requestIdOn(asked.text);
    return { ...asked, id, request: (await bot.store.requests.get(id))! };
  }

  test('a retirement asked today and approved after midnight UTC (before it expires) is carried out as approved', async () => {
    const asked = await ask(DEMO.alex, 'retire callcenter-desktop 2026.5.0 because superseded');
    const eol = asked.request.changes[0]!.fields.find((f) => f.field === 'publishingProfile.endOfLifeDate')!.after as string;
    const nextMidnight = Math.floor(Date.now() / DAY) * DAY + DAY;
    clockOffsetMs = nextMidnight + 1000 - Date.now();
    expect(Date.parse(asked.request.expiresAt)).toBeGreaterThan(Date.now() + clockOffsetMs);

    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: asked.id });
    const done = await waitForFinal(bot, asked.id);
    expect(done.execution?.error).toBeUndefined();
    expect(done.state).toBe('succeeded');
    const version = await bot.app.context.gallery.getVersion({ ...golden, image: 'callcenter-desktop' }, '2026.5.0');
    expect(version.excludeFromLatest).toBe(true);
    expect(version.endOfLifeDate?.toISOString().slice(0, 10)).toBe(eol.slice(0, 10));
  });
});

describe('restart while executing', () => {
  let stored: Awaited<ReturnType<typeof openTempStore>>;
  let first: BotUnderTest | undefined;
  let second: BotUnderTest | undefined;

  beforeAll(async () => {
    stored = await openTempStore();
  });
  afterAll(async () => {
    if (first) await quiet(() => first!.connector.sent.length);
    await second?.stop();
    await first?.stop();
    await stored?.cleanup();
  });

  /** What the executor does up to the ARM call: approve, then the conditional move to `executing` (the intent). */
  async function approveAndRecordIntent(store: Store, id: string): Promise<ChangeRequest> {
    const deps = { requests: store.requests, policy: loadConfig({ LOG_LEVEL: 'silent' }).policy, now: () => new Date() };
    const approved = await applyEvent(deps, id, { type: 'approve', by: { aadObjectId: DEMO.adele.aadObjectId, name: DEMO.adele.name, teamsUserId: DEMO.adele.id } });
    expect(approved).toMatchObject({ ok: true, request: { state: 'approved' } });
    const started = await applyEvent(deps, id, { type: 'startExecution' });
    expect(started).toMatchObject({ ok: true, request: { state: 'executing' } });
    return (started as { request: ChangeRequest }).request;
  }

  test('a new process reconciles from ARM: already applied → succeeded without a write; not applied → re-sent once → succeeded', async () => {
    first = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, {}, { store: stored.store });
    const appliedAsk = await say(first, DEMO.alex, 'retire dispatch 2026.4.0 because superseded');
    const notAppliedAsk = await say(first, DEMO.alex, 'retire dispatch 2026.5.0 because superseded');
    const applied = requestIdOn(appliedAsk.text);
    const notApplied = requestIdOn(notAppliedAsk.text);

    // The process dies (its connector, standing in for Teams, stays): both requests were approved and their
    // intent recorded; for one, Azure had also accepted and finished the write.
    await first.app.close();
    const executing = await approveAndRecordIntent(stored.store, applied);
    await approveAndRecordIntent(stored.store, notApplied);
    const plan = executionPlanOf(executing);
    if (plan.op !== 'update') throw new Error('a retirement is a PATCH');
    await (first.app.context.gallery as ArmGallery).updateVersion(plan.image, plan.version, plan.patch);
    expect((await stored.store.requests.listOpen()).map((r) => r.state)).toEqual(['executing', 'executing']);

    const writes: string[] = [];
    second = await startBotUnderTest({}, {}, { store: stored.store, emulator: first.emulator, armObserver: writeRecorder(writes) });
    const [a, b] = [await waitForFinal(second, applied), await waitForFinal(second, notApplied)];
    expect(a.state).toBe('succeeded');
    expect(a.execution).toMatchObject({ attempts: 1, result: { summary: expect.stringMatching(/Azure already shows the requested state/) } });
    expect(b.state).toBe('succeeded');
    expect(b.execution?.attempts).toBe(2);
    expect(writes).toEqual([expect.stringMatching(/^PATCH .*\/dispatch\/versions\/2026\.5\.0$/)]);
    expect(await stored.store.requests.listOpen()).toEqual([]);

    const versions = await Promise.all(['2026.4.0', '2026.5.0'].map((v) => second!.app.context.gallery.getVersion({ ...golden, image: 'dispatch' }, v)));
    expect(versions.map((v) => v.excludeFromLatest)).toEqual([true, true]);

    const auditA = await expectAudit(stored.store, applied, ['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.reconciled']);
    expect(auditA.at(-1)!.details).toMatchObject({ outcome: 'applied', state: 'succeeded' });
    const auditB = await expectAudit(stored.store, notApplied, ['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.reconciled', 'arm.write', 'execution.operation', 'execution.succeeded']);
    expect(auditB[4]!.details).toMatchObject({ outcome: 'not-applied', attempt: 2 });
    expect(auditB[5]!.details).toMatchObject({ attempt: 2 });

    // The cards posted before the crash are updated by the new process.
    const cardOf = async (id: string, conversationId: string) => (await stored.store.requests.get(id))!.cards.find((c) => c.conversationId === conversationId)!.activityId;
    await cardUpdatedTo(first, appliedAsk.conversationId, await cardOf(applied, appliedAsk.conversationId), /SUCCEEDED/);
    const { text } = await cardUpdatedTo(first, notAppliedAsk.conversationId, await cardOf(notApplied, notAppliedAsk.conversationId), /SUCCEEDED/);
    expect(text).toMatch(/Attempt: 2 \(re-sent after a restart found the change not applied\)/);

    expect(await sayText(second, DEMO.lynne, 'audit verify')).toMatch(/^Audit log intact/);
  });
});
