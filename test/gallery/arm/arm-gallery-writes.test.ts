/** updateVersion / createVersion (for approvals) through the SDK's long-running operations. */
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { NotFoundError, OutcomeUnknownError } from '../../../src/errors';
import { startTestEmulator } from '../../emulator/emulator-fixture';
import { adapterFor, image, STAGING } from './arm-fixture';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('updateVersion: retire (exclude from latest, end of life) is applied and visible afterwards', async () => {
  emu = await startTestEmulator();
  const { gallery, calls } = adapterFor(emu);
  const eol = new Date('2026-12-31T00:00:00.000Z');
  const updated = await gallery.updateVersion(image('dispatch'), '2026.4.0', { excludeFromLatest: true, endOfLifeDate: eol });
  expect(updated).toMatchObject({ excludeFromLatest: true, endOfLifeDate: eol, provisioningState: 'Succeeded' });
  expect(calls[0]).toMatchObject({ method: 'PATCH', status: 200 });
  const reread = await gallery.getVersion(image('dispatch'), '2026.4.0');
  expect(reread).toMatchObject({ excludeFromLatest: true, endOfLifeDate: eol });
  expect(reread.targetRegions.map((r) => r.name)).toEqual(['East US 2', 'Central US']);
});

test('updateVersion: adding a region starts its replication, existing regions keep their state', async () => {
  emu = await startTestEmulator({ replicationMs: 10_000 });
  const { gallery } = adapterFor(emu);
  const before = await gallery.getVersion(image('dispatch'), '2026.5.0');
  await gallery.updateVersion(image('dispatch'), '2026.5.0', { targetRegions: [...before.targetRegions, { name: 'westus2', regionalReplicaCount: 1, excludeFromLatest: false }] });
  const after = await gallery.getVersion(image('dispatch'), '2026.5.0', { withReplication: true });
  expect(after.targetRegions.map((r) => [r.name, r.storageAccountType])).toEqual([['East US 2', 'Standard_ZRS'], ['Central US', 'Standard_LRS'], ['West US 2', 'Standard_LRS']]);
  expect(after.replication?.regions.map((r) => [r.region, r.state])).toEqual([['East US 2', 'Completed'], ['Central US', 'Completed'], ['West US 2', 'Replicating']]);
});

test('createVersion: promote staging dispatch 2026.6.0 into gal_golden, excluded from latest', async () => {
  emu = await startTestEmulator();
  const { gallery, calls } = adapterFor(emu);
  const source = await gallery.getVersion(image('dispatch', STAGING), '2026.6.0');
  calls.length = 0;
  const created = await gallery.createVersion(image('dispatch'), '2026.6.0', { sourceVersionId: source.id, targetRegions: source.targetRegions, excludeFromLatest: true });
  expect(created).toMatchObject({ gallery: 'gal_golden', version: '2026.6.0', excludeFromLatest: true, provisioningState: 'Succeeded', location: 'eastus2', sourceId: source.id });
  expect(created.targetRegions.map((r) => [r.name, r.regionalReplicaCount])).toEqual([['East US 2', 3], ['Central US', 2]]);
  expect(calls.map((c) => c.method)).toEqual(expect.arrayContaining(['GET', 'PUT']));
  expect(calls.find((c) => c.method === 'PUT')?.status).toBe(201);
  expect((await gallery.listVersions(image('dispatch'))).map((v) => v.version)).toContain('2026.6.0');
});

test('an accepted write whose operation ends Failed: outcome unknown (a read-back decides), with ARM\'s message kept', async () => {
  emu = await startTestEmulator({ faults: { failOperations: { count: 1, message: 'Replication to Central US failed: quota exceeded.' } } });
  const error = await adapterFor(emu).gallery.updateVersion(image('dispatch'), '2026.5.1', { excludeFromLatest: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(error).toMatchObject({ accepted: true });
  expect((error as OutcomeUnknownError).armFailure).toBe(
    'Azure could not complete the change to image version dispatch 2026.5.1 in gallery gal_golden: InternalExecutionError. Replication to Central US failed: quota exceeded.',
  );
});

test('a write while another operation runs (409 AnotherOperationInProgress): outcome unknown, not accepted', async () => {
  emu = await startTestEmulator({ lroPollDelayMs: 400 });
  const { gallery } = adapterFor(emu);
  const first = gallery.updateVersion(image('dispatch'), '2026.5.1', { excludeFromLatest: true });
  await new Promise((r) => setTimeout(r, 50));
  const error = await gallery.updateVersion(image('dispatch'), '2026.5.1', { excludeFromLatest: false }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(error).toMatchObject({ accepted: false, userMessage: expect.stringMatching(/AnotherOperationInProgress/) });
  await expect(first).resolves.toMatchObject({ excludeFromLatest: true });
});

test('a definite refusal (409 PropertyChangeNotAllowed, 404) stays a typed refusal: the write was not made', async () => {
  emu = await startTestEmulator();
  const { gallery } = adapterFor(emu);
  await expect(gallery.updateVersion(image('dispatch'), '9.9.9', { excludeFromLatest: true })).rejects.toBeInstanceOf(NotFoundError);
});

test('the answer to an accepted write cannot be read (garbage from the operation URL): outcome unknown, accepted', async () => {
  emu = await startTestEmulator({ faults: { malformed: { match: '^GET .*/capsOperations/' } } });
  const error = await adapterFor(emu).gallery.updateVersion(image('dispatch'), '2026.5.1', { excludeFromLatest: true }).catch((e: unknown) => e);
  expect(error).toMatchObject({ kind: 'outcome-unknown', accepted: true });
});
