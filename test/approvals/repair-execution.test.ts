/**
 * `repair` carried out against the emulator through the real ARM adapter and the executor: Azure's retry (an
 * update with the unchanged target regions), the remove-and-add-back fallback, the home region that is never
 * removed, and a region that fails even after it was added back. What the card would show (the steps), what
 * Azure shows afterwards, the writes sent and the audit records are asserted.
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { ApprovalService } from '../../src/approvals/approval-service';
import { createArmChangeApplier } from '../../src/approvals/arm-change-applier';
import type { ChangeRequest } from '../../src/approvals/change-request';
import { planFromGallery } from '../../src/approvals/plan-from-gallery';
import { RequestExecutor } from '../../src/approvals/request-executor';
import type { ArmCall, ArmGallery } from '../../src/gallery/arm';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/storage/store';
import { startTestEmulator } from '../emulator/emulator-fixture';
import { DEMO_STAGES } from '../fixtures/demo-gallery';
import { adapterFor, image } from '../gallery/arm/arm-fixture';
import { openTempStore } from '../helpers/temp-store';
import { waitFor } from '../helpers/wait-for';
import { adele, alex, demoPolicy } from './fixtures';

const dispatch = image('dispatch');
let emu: RunningEmulator;
let gallery: ArmGallery;
let calls: ArmCall[];
let store: Store;
let cleanup: () => Promise<void>;
let approvals: ApprovalService;
/** Every step the card was told of, in order (what `requestChanged` would render). */
let steps: string[];

beforeEach(async () => {
  emu = await startTestEmulator({ replicationMs: 300 });
  ({ gallery, calls } = adapterFor(emu));
  ({ store, cleanup } = await openTempStore());
  const logger = createLogger('silent');
  const now = () => new Date();
  const applier = createArmChangeApplier({ gallery, stages: DEMO_STAGES, now, repair: { watchIntervalMs: 40 } });
  const executor = new RequestExecutor({ requests: store.requests, policy: demoPolicy, applier, logger, now, observeIntervalMs: 40 });
  approvals = new ApprovalService({ requests: store.requests, policy: demoPolicy, executor, logger, now });
  steps = [];
  approvals.attachNotifier({
    requestCreated: async () => undefined,
    requestFinished: async () => undefined,
    requestChanged: async (id) => {
      const text = (await store.requests.get(id))?.execution?.progress?.text;
      if (text !== undefined && steps.at(-1) !== text) steps.push(text);
    },
  });
});
afterEach(async () => {
  await approvals.close();
  await emu.close();
  await cleanup();
});

/** Asks (Alex) and approves (Adele) a repair; resolves with the request once it is final. */
async function repair(regions?: string[]): Promise<ChangeRequest> {
  const plan = await planFromGallery({ kind: 'repair', image: dispatch, version: '2026.5.1', ...(regions ? { regions } : {}) }, { gallery, stages: DEMO_STAGES, now: () => new Date() });
  if (!plan.ok) throw new Error(plan.refused.reason);
  const submitted = await approvals.submit({ ...plan.plan, requester: { ...alex, teamsUserId: 'teams-alex' } });
  if (!submitted.ok) throw new Error('refused' in submitted ? submitted.refused.reason : 'held');
  calls.length = 0;
  await approvals.decide(submitted.request.id, { type: 'approve', by: adele });
  return waitFor(() => store.requests.get(submitted.request.id), (r) => r?.state === 'succeeded' || r?.state === 'failed', 15_000) as Promise<ChangeRequest>;
}

const patches = () => calls.filter((c) => c.method === 'PATCH').map((c) => c.status);
const regionsNow = async () => (await gallery.getVersion(dispatch, '2026.5.1', { withReplication: true })).replication!.regions.map((r) => `${r.region} ${r.state}`);
const writesAudited = async (id: string) => (await store.audit.list({ requestId: id })).filter((r) => r.action === 'arm.write' && r.details['step'] !== undefined);

test("Azure's retry works: one update with the unchanged target regions, the card follows Central US to Completed", async () => {
  const done = await repair();
  expect(done.state).toBe('succeeded');
  expect(done.execution?.result?.summary).toBe(
    'gal_golden/dispatch 2026.5.1: Central US Completed after Azure retried the replication (an update with the unchanged target regions).',
  );
  expect(patches()).toEqual([200]);
  expect(await regionsNow()).toEqual(['East US 2 Completed', 'Central US Completed']);
  expect(steps[0]).toBe('Central US: asking Azure to retry (an update with the unchanged target regions)');
  expect(steps).toContainEqual(expect.stringMatching(/^Central US: retrying \(Replicating \d+ %\)$/));
  expect(steps.at(-1)).toBe('Central US: Completed');
  const audited = await writesAudited(done.id);
  expect(audited.map((r) => (r.details['fields'] as Record<string, Array<{ name: string }>>)['publishingProfile.targetRegions']!.map((t) => t.name))).toEqual([['East US 2', 'Central US']]);
});

test('still Failed after the retry: Central US is removed and added back (two more updates), then Completed', async () => {
  emu.setFailedRegionRetry('stay-failed');
  const done = await repair(['centralus']);
  expect(done.state).toBe('succeeded');
  expect(done.execution?.result?.summary).toMatch(/Central US Completed after it was removed from the target regions and added back \(Azure's retry had left it Failed\)\.$/);
  expect(patches()).toEqual([200, 200, 200]);
  expect(await regionsNow()).toEqual(['East US 2 Completed', 'Central US Completed']);
  expect(steps).toEqual(
    expect.arrayContaining([
      'Central US: Failed again',
      'Central US: still Failed after the retry; removing it from the target regions (no replica there until added back)',
      'Central US: removed; adding it back',
      'Central US: Completed',
    ]),
  );
  expect(steps.indexOf('Central US: removed; adding it back')).toBeGreaterThan(steps.indexOf('Central US: Failed again'));
  // Each of the three writes was recorded before it was sent, with the region list it sent.
  const audited = await writesAudited(done.id);
  expect(audited.map((r) => (r.details['fields'] as Record<string, Array<{ name: string }>>)['publishingProfile.targetRegions']!.map((t) => t.name).join('+'))).toEqual([
    'East US 2+Central US',
    'East US 2',
    'East US 2+Central US',
  ]);
});

test('the home region is never removed: still Failed after the retry, the request fails saying so, in Azure’s words', async () => {
  emu.setReplication({ gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1', region: 'East US 2', state: 'Failed', progress: 80, details: 'Replication to region eastus2 failed: quota exceeded (ErrorCode: QuotaExceeded).' });
  emu.setFailedRegionRetry('stay-failed');
  const done = await repair(['eastus2']);
  expect(done.state).toBe('failed');
  expect(done.execution?.error).toEqual({
    code: 'replication-failed',
    message:
      "East US 2 is still Failed after Azure retried it: Replication to region eastus2 failed: quota exceeded (ErrorCode: QuotaExceeded). It is the gallery's home region (where 2026.5.1 lives), which GalleryOps never removes from the target regions: ask Azure support, or publish a new version.",
  });
  expect(patches()).toEqual([200]);
  expect((await gallery.getVersion(dispatch, '2026.5.1')).targetRegions.map((t) => t.name)).toEqual(['East US 2', 'Central US']);
});

test('Failed even after it was removed and added back: the request fails with the region’s error from Azure', async () => {
  emu.setFailedRegionRetry('stay-failed-after-re-add');
  const done = await repair();
  expect(done.state).toBe('failed');
  expect(done.execution?.error?.code).toBe('replication-failed');
  expect(done.execution?.error?.message).toMatch(
    /^Central US Failed again after it was removed from the target regions and added back: Replication to region 'centralus' failed: .*\(ErrorCode: ReplicationJobTimedOut\)/,
  );
  expect(patches()).toEqual([200, 200, 200]);
  // It is a target region again (never left out), Failed as Azure reports it.
  expect(await regionsNow()).toEqual(['East US 2 Completed', 'Central US Failed']);
});
