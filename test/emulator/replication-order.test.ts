/**
 * A new version replicates region by region over time (issue 12, point 6), as Azure shows it, when the emulator
 * is started with `region-by-region` (the demo is): each region the write adds takes `replicationMs` in turn.
 */
import { readCliSettings } from '../../emulator/cli-options';
import { inOrder, replan, replicationStatus } from '../../emulator/replication';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { waitFor } from '../helpers/wait-for';
import { DEMO_GROUP, DEMO_SUBSCRIPTION, sdkFor, startTestEmulator } from './emulator-fixture';

const T0 = 1_000;
const D = 100;
const REGIONS = ['East US 2', 'West Europe', 'Central US'];

const statesAt = (order: 'together' | 'region-by-region', t: number) =>
  replicationStatus(inOrder(replan([], REGIONS, T0, D), T0, D, order), t).summary.map((r) => `${r.region} ${r.state} ${r.progress}`);

test('region by region: one region at a time, the later ones waiting at 0 %, the last done after n turns', () => {
  expect(statesAt('region-by-region', T0 + 50)).toEqual(['East US 2 Replicating 50', 'West Europe Replicating 0', 'Central US Replicating 0']);
  expect(statesAt('region-by-region', T0 + 150)).toEqual(['East US 2 Completed 100', 'West Europe Replicating 50', 'Central US Replicating 0']);
  expect(statesAt('region-by-region', T0 + 250)).toEqual(['East US 2 Completed 100', 'West Europe Completed 100', 'Central US Replicating 50']);
  expect(statesAt('region-by-region', T0 + 300)).toEqual(['East US 2 Completed 100', 'West Europe Completed 100', 'Central US Completed 100']);
});

test('together (the default): every region the write added completes after one replication time', () => {
  expect(statesAt('together', T0 + 50)).toEqual(['East US 2 Replicating 50', 'West Europe Replicating 50', 'Central US Replicating 50']);
  expect(statesAt('together', T0 + 100).every((s) => s.endsWith('Completed 100'))).toBe(true);
});

test('regions kept from before take no turn: only those the write starts are queued', () => {
  const first = replan([], ['East US 2'], T0, D);
  const later = inOrder(replan(first, ['East US 2', 'West Europe', 'Central US'], T0 + 500, D), T0 + 500, D, 'region-by-region');
  expect(replicationStatus(later, T0 + 550).summary.map((r) => `${r.region} ${r.state} ${r.progress}`)).toEqual(['East US 2 Completed 100', 'West Europe Replicating 50', 'Central US Replicating 0']);
});

describe('through the SDK', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ replicationMs: 300, replicationOrder: 'region-by-region' });
  });
  afterAll(async () => {
    await emu?.close();
  });

  test('a new version completes its regions one after another, in the order the write named them', async () => {
    const client = sdkFor(emu);
    const images = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute`;
    await client.galleryImageVersions.beginCreateOrUpdate(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', '2026.8.0', {
      location: 'eastus2',
      publishingProfile: { targetRegions: REGIONS.map((name) => ({ name })) },
      storageProfile: { source: { id: `${images}/images/img-2026-8` } },
    });
    // What a poller sees, read by read: each distinct set of Completed regions, in the order they appeared.
    const seen: string[] = [];
    await waitFor(async () => {
      const got = await client.galleryImageVersions.get(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', '2026.8.0', { expand: 'ReplicationStatus' });
      const done = (got.replicationStatus?.summary ?? []).filter((r) => r.state === 'Completed').map((r) => r.region).join(', ');
      if (seen.at(-1) !== done) seen.push(done);
      return done;
    }, (done) => done === REGIONS.join(', '), 10_000);
    expect(seen).toEqual(['', 'East US 2', 'East US 2, West Europe', 'East US 2, West Europe, Central US']);
  });
});

test('--replication-order or EMULATOR_REPLICATION_ORDER, and nothing else', () => {
  expect(readCliSettings(['--replication-order', 'region-by-region'], {})).toMatchObject({ replicationOrder: 'region-by-region' });
  expect(readCliSettings([], { EMULATOR_REPLICATION_ORDER: 'together' })).toMatchObject({ replicationOrder: 'together' });
  expect(readCliSettings([], {})).not.toHaveProperty('replicationOrder');
  expect(() => readCliSettings(['--replication-order', 'random'], {})).toThrow(/must be one of together, region-by-region/);
});
