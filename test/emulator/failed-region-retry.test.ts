/**
 * Re-driving a Failed region, as Azure does it: an update that lists the target regions (even unchanged) retries
 * the Failed ones, which replicate again and end as configured; removing a region and adding it back starts it
 * afresh. Writes that do not list the regions leave replication alone. Pure plans first, then through the SDK.
 */
import { planFromSeed, removedFailures, replan, replicationStatus, type Redrive } from '../../emulator/replication';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { armRequest, sdkFor, startTestEmulator } from './emulator-fixture';

const DETAILS = 'Replication to region centralus failed (ErrorCode: ReplicationJobTimedOut).';
const seeded = () =>
  planFromSeed(['East US 2', 'Central US'], { summary: [{ region: 'East US 2', state: 'Completed', progress: 100 }, { region: 'Central US', state: 'Failed', progress: 62, details: DETAILS }] });
const redrive = (retry: Redrive['retry'], removed = new Map()): Redrive => ({ retry, removedFailures: removed });
const states = (plan: ReturnType<typeof seeded>, at: number) => replicationStatus(plan, at).summary.map((s) => `${s.region} ${s.state} ${s.progress}`);

describe('replication plans that re-drive Failed regions', () => {
  test('succeed: a retried Failed region replicates again, then completes; Completed regions are untouched', () => {
    const plan = replan(seeded(), ['East US 2', 'Central US'], 1000, 500, redrive('succeed'));
    expect(states(plan, 1250)).toEqual(['East US 2 Completed 100', 'Central US Replicating 50']);
    expect(states(plan, 1500)).toEqual(['East US 2 Completed 100', 'Central US Completed 100']);
  });

  test('stay-failed: the retry fails again after its replication time, with Azure’s words', () => {
    const plan = replan(seeded(), ['East US 2', 'Central US'], 1000, 500, redrive('stay-failed'));
    expect(states(plan, 1250)).toEqual(['East US 2 Completed 100', 'Central US Replicating 50']);
    expect(replicationStatus(plan, 1500).summary[1]).toEqual({ region: 'Central US', state: 'Failed', progress: 62, details: DETAILS });
    // … and a later retry of that failure fails again the same way.
    const again = replan(plan, ['East US 2', 'Central US'], 2000, 500, redrive('stay-failed'));
    expect(replicationStatus(again, 2500).summary[1]).toMatchObject({ state: 'Failed', details: DETAILS });
  });

  test('removed while Failed, then added back: afresh (completes), unless stay-failed-after-re-add', () => {
    const removed = removedFailures(seeded(), ['East US 2'], 1000);
    expect([...removed.keys()]).toEqual(['centralus']);
    const without = replan(seeded(), ['East US 2'], 1000, 500, redrive('stay-failed'));
    expect(states(without, 1000)).toEqual(['East US 2 Completed 100']);
    const back = replan(without, ['East US 2', 'Central US'], 1100, 500, redrive('stay-failed', removed));
    expect(states(back, 1600)).toEqual(['East US 2 Completed 100', 'Central US Completed 100']);
    const scarred = replan(without, ['East US 2', 'Central US'], 1100, 500, redrive('stay-failed-after-re-add', removed));
    expect(replicationStatus(scarred, 1600).summary[1]).toMatchObject({ state: 'Failed', details: DETAILS });
    // Added back, the region is no longer remembered as removed.
    expect(removedFailures(without, ['East US 2', 'Central US'], 1100, removed).size).toBe(0);
  });

  test('without a redrive (the write did not list the regions) a Failed region keeps its state', () => {
    expect(states(replan(seeded(), ['East US 2', 'Central US'], 1000, 500), 9999)).toEqual(['East US 2 Completed 100', 'Central US Failed 62']);
  });
});

describe('through the SDK', () => {
  const DISPATCH = ['rg-images', 'gal_golden', 'dispatch', '2026.5.1'] as const;
  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const central = async (e: RunningEmulator) =>
    (await sdkFor(e).galleryImageVersions.get(...DISPATCH, { expand: 'ReplicationStatus' })).replicationStatus?.summary?.find((s) => s.region === 'Central US');
  const patchRegions = async (e: RunningEmulator, names: string[]) =>
    sdkFor(e).galleryImageVersions.update(...DISPATCH, { publishingProfile: { targetRegions: names.map((name) => ({ name })) } }, { updateIntervalInMs: 10 }).pollUntilDone();

  test('an update with unchanged target regions retries centralus, which completes (default)', async () => {
    emu = await startTestEmulator({ replicationMs: 400 });
    await sdkFor(emu).galleryImageVersions.update(...DISPATCH, { publishingProfile: { excludeFromLatest: false } }, { updateIntervalInMs: 10 }).pollUntilDone();
    expect((await central(emu))?.state).toBe('Failed'); // not listing the regions retries nothing
    await patchRegions(emu, ['East US 2', 'Central US']);
    expect((await central(emu))?.state).toBe('Replicating');
    await sleep(450);
    expect(await central(emu)).toMatchObject({ state: 'Completed', progress: 100 });
  });

  test('stay-failed (set at runtime): the retry fails again; removing centralus and adding it back completes it', async () => {
    emu = await startTestEmulator({ replicationMs: 150 });
    emu.setFailedRegionRetry('stay-failed');
    await patchRegions(emu, ['East US 2', 'Central US']);
    await sleep(200);
    expect(await central(emu)).toMatchObject({ state: 'Failed', details: expect.stringMatching(/ReplicationJobTimedOut/) });
    await patchRegions(emu, ['East US 2']);
    expect(await central(emu)).toBeUndefined();
    await patchRegions(emu, ['East US 2', 'Central US']);
    await sleep(200);
    expect((await central(emu))?.state).toBe('Completed');
  });

  test('the admin endpoint sets stay-failed-after-re-add: even a re-added centralus fails again', async () => {
    emu = await startTestEmulator({ replicationMs: 400 });
    const set = await armRequest(emu, '/_emulator/failed-region-retry', { method: 'POST', body: { failedRegionRetry: 'stay-failed-after-re-add' } });
    expect(set.json).toEqual({ failedRegionRetry: 'stay-failed-after-re-add' });
    expect((await armRequest(emu, '/_emulator/failed-region-retry', { method: 'POST', body: { failedRegionRetry: 'sometimes' } })).status).toBe(400);
    await patchRegions(emu, ['East US 2']);
    await patchRegions(emu, ['East US 2', 'Central US']);
    expect((await central(emu))?.state).toBe('Replicating');
    await sleep(450);
    expect(await central(emu)).toMatchObject({ state: 'Failed', details: expect.stringMatching(/ReplicationJobTimedOut/) });
  });
});
