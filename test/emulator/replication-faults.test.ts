/**
 * Replication configured to go wrong (issue 12, point 6): a version written through the real SDK replicates over
 * time, and the regions a rule names fail with Azure's words or stall, while the others complete.
 */
import { readCliSettings } from '../../emulator/cli-options';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { DEMO_GROUP, DEMO_SUBSCRIPTION, sdkFor, startTestEmulator } from './emulator-fixture';
import { waitFor } from '../helpers/wait-for';

const REPLICATION_MS = 300;
const IMAGES = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute`;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    replicationMs: REPLICATION_MS,
    lroPollDelayMs: 10,
    lroRetryAfterSeconds: 0,
    replicationFaults: [
      { match: 'callcenter-desktop/2026\\.7\\.0/west ?europe', outcome: 'fail', details: 'Disk copy timed out.' },
      { match: 'callcenter-desktop/2026\\.7\\.0/central ?us', outcome: 'stall', progress: 35 },
    ],
  });
});
afterAll(async () => {
  await emu?.close();
});

const regions = async (version: string): Promise<Record<string, [string | undefined, number | undefined, string]>> => {
  const got = await sdkFor(emu).galleryImageVersions.get(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', version, { expand: 'ReplicationStatus' });
  return Object.fromEntries((got.replicationStatus?.summary ?? []).map((r) => [r.region ?? '', [r.state, r.progress, r.details ?? '']]));
};
const publish = (version: string) =>
  sdkFor(emu).galleryImageVersions.beginCreateOrUpdateAndWait(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', version, {
    location: 'eastus2',
    publishingProfile: { targetRegions: [{ name: 'East US 2' }, { name: 'West Europe' }, { name: 'Central US' }] },
    storageProfile: { source: { id: `${IMAGES}/images/img-${version}` } },
  });

it('the named regions fail or stall once the replication time is up; the others complete', async () => {
  await publish('2026.7.0');
  const settled = await waitFor(() => regions('2026.7.0'), (r) => r['East US 2']?.[0] === 'Completed' && r['West Europe']?.[0] === 'Failed', REPLICATION_MS + 5000);
  expect(settled).toEqual({
    'East US 2': ['Completed', 100, ''],
    'West Europe': ['Failed', 60, 'Disk copy timed out.'],
    'Central US': ['Replicating', 35, ''],
  });
  // Stalled means it stays there.
  await new Promise((r) => setTimeout(r, REPLICATION_MS));
  expect((await regions('2026.7.0'))['Central US']).toEqual(['Replicating', 35, '']);
});

it('a version the rules do not name replicates normally', async () => {
  await publish('2026.7.1');
  const settled = await waitFor(() => regions('2026.7.1'), (r) => Object.values(r).every((s) => s[0] !== 'Replicating'), REPLICATION_MS + 5000);
  expect(Object.values(settled).map((s) => s[0])).toEqual(['Completed', 'Completed', 'Completed']);
});

it('takes the rules from --replication-faults or EMULATOR_REPLICATION_FAULTS, and refuses bad ones with what is wrong', () => {
  const rule = { match: 'dispatch/2026\\.6\\.0/central ?us', outcome: 'fail' };
  expect(readCliSettings(['--replication-faults', JSON.stringify([rule])], {})).toMatchObject({ replicationFaults: [rule] });
  expect(readCliSettings([], { EMULATOR_REPLICATION_FAULTS: JSON.stringify([{ ...rule, outcome: 'stall', progress: 10 }]) })).toMatchObject({ replicationFaults: [{ outcome: 'stall', progress: 10 }] });
  expect(() => readCliSettings(['--replication-faults', '[{'], {})).toThrow(/--replication-faults is not valid JSON/);
  expect(() => readCliSettings(['--replication-faults', JSON.stringify([{ ...rule, outcome: 'explode' }])], {})).toThrow(/0\.outcome/);
  expect(() => readCliSettings(['--replication-faults', JSON.stringify([{ ...rule, match: '(' }])], {})).toThrow(/is not a regular expression/);
});
