/**
 * An approved change rewrites a version's target regions without dropping what ARM sent about them: customer-
 * managed keys per region (`encryption`), `additionalReplicaSets`, replica counts and storage types, and the
 * profile's edge zones (`targetExtendedLocations`). Versions are Microsoft's own examples (test/fixtures/arm-
 * examples), asked for and approved through the real bot (HTTP into /api/messages) against the emulator; each
 * version is read back as raw ARM JSON and compared with what it was before: only the approved change differs.
 *
 * Adaptations (the test's, not the files'): the examples are create responses (`Updating`, no replication
 * status); each is served as Succeeded with a replication status, which `promote` and `repair` decide on, and
 * without the example's policy violation (a gate that would refuse the promotion before anything is written).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedEntry } from '../../../emulator/start-emulator';
import { armRequest } from '../../emulator/emulator-fixture';
import { DEMO } from '../../helpers/activities';
import { click, quiet, requestIdOn, say, waitForFinal } from '../../helpers/approval-chat';
import { seedSet, subscriptionFor } from '../../helpers/arm-example-fixtures';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw ARM bodies

/** One example version, served Succeeded with the given replication state per region. */
function exampleSet(row: number, file: string, states: Record<string, 'Completed' | 'Failed'>) {
  const set = seedSet({ gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: [file] }, subscriptionFor(row));
  const version = set.seed[2]! as SeedEntry & { resource: Json };
  version.resource['properties']['provisioningState'] = 'Succeeded';
  version.resource['properties']['safetyProfile'] = { allowDeletionOfReplicatedLocations: false, reportedForPolicyViolation: false };
  version.resource['properties']['replicationStatus'] = {
    aggregatedState: Object.values(states).includes('Failed') ? 'Failed' : 'Completed',
    summary: Object.entries(states).map(([region, state]) => ({ region, state, progress: state === 'Completed' ? 100 : 0, details: '' })),
  };
  return { ...set, path: version.at! };
}

const keys = exampleSet(901, '2025-12-03/GalleryImageVersion_Create_WithAdditionalReplicaSets.json', { 'West US': 'Completed', 'East US': 'Completed' });
const edge = exampleSet(902, '2025-12-03/GalleryImageVersion_Create_WithTargetExtendedLocations.json', { 'West US': 'Completed', 'East US': 'Failed' });

let bot: BotUnderTest;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-write-fields-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      stages: [],
      rules: [{ gallery: 'myGalleryName', actions: ['promote', 'repair'], requesters: [{ id: DEMO.alex.aadObjectId, name: DEMO.alex.name }], approvers: [{ id: DEMO.adele.aadObjectId, name: DEMO.adele.name }] }],
    }),
  );
  // Azure's retry leaves East US Failed, so the repair also removes it and adds it back: the write that has to
  // bring the region's keys back from nothing.
  bot = await startBotUnderTest(
    { seed: [...keys.seed, ...edge.seed], lroRetryAfterSeconds: 0, lroPollDelayMs: 30, replicationMs: 150, failedRegionRetry: 'stay-failed' },
    { POLICY_FILE: policyFile },
    { observeIntervalMs: 100 },
  );
});
afterAll(async () => {
  // Outcome messages and card updates still on their way would outlive the bot.
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function readRaw(path: string): Promise<Json> {
  const res = await armRequest(bot.emulator, `${path}?api-version=2025-12-03`);
  expect(res.status).toBe(200);
  return res.json as Json;
}

/** Asked by Alex, approved by Adele; resolves once the request is final. */
async function approved(command: string): Promise<string> {
  const asked = await say(bot, DEMO.alex, command);
  const id = requestIdOn(asked.text);
  expect(asked.text).toContain('PENDING');
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id })).text).toContain(`You approved ${id}`);
  const done = await waitForFinal(bot, id, 20_000);
  expect(done.execution?.result?.summary ?? done.execution?.error).toBeDefined();
  expect(done.state).toBe('succeeded');
  return id;
}

/** The PATCH bodies the emulator received for `path` since `from` (ARM's view of what the bot sent). */
function patchesSent(path: string, from: number): Json[] {
  return bot.emulator.writesReceived().slice(from).filter((w) => w.method === 'PATCH' && w.path.toLowerCase() === path.toLowerCase()).map((w) => w.body as Json);
}

/** The document without what a write is expected to touch (provisioning state). */
function settled(doc: Json): Json {
  const copy = structuredClone(doc);
  delete copy['properties']['provisioningState'];
  return copy;
}

test('promote … to northeurope: the existing regions keep their keys and additional replica sets, only North Europe is added', async () => {
  const before = await readRaw(keys.path);
  expect(before.properties.publishingProfile.targetRegions[0].encryption.osDiskImage.diskEncryptionSetId).toMatch(/myWestUSDiskEncryptionSet$/);
  const sent = bot.emulator.writesReceived().length;
  await approved(`promote ${keys.qualified} 1.0.0 to northeurope`);

  // The PATCH itself names each existing region with everything ARM had for it (an Azure Policy requiring
  // customer-managed keys judges the request, and ARM takes the list as the regions' new settings).
  const [patch, ...more] = patchesSent(keys.path, sent);
  expect(more).toEqual([]);
  expect(patch!.properties.publishingProfile.targetRegions.slice(0, 2)).toEqual(before.properties.publishingProfile.targetRegions);

  const after = await readRaw(keys.path);
  const regions = after.properties.publishingProfile.targetRegions as Json[];
  expect(regions.map((r) => r['name'])).toEqual(['West US', 'East US', 'North Europe']);
  // Every field of the existing regions, exactly as ARM had them.
  expect(regions.slice(0, 2)).toEqual(before.properties.publishingProfile.targetRegions);
  expect(regions[2]).toMatchObject({ name: 'North Europe', excludeFromLatest: false });
  // Nothing else in the version changed.
  const { targetRegions: _a, ...profileAfter } = after.properties.publishingProfile;
  const { targetRegions: _b, ...profileBefore } = before.properties.publishingProfile;
  expect(profileAfter).toEqual(profileBefore);
  expect({ ...settled(after), properties: { ...settled(after)['properties'], publishingProfile: null } }).toEqual({
    ...settled(before),
    properties: { ...settled(before)['properties'], publishingProfile: null },
  });
});

test('repair (retry, then remove and add back East US): keys and edge zones survive, only replication changed', async () => {
  const before = await readRaw(edge.path);
  expect(before.properties.publishingProfile.targetExtendedLocations).toHaveLength(2);
  const sent = bot.emulator.writesReceived().length;
  await approved(`repair ${edge.qualified} 1.0.0`);

  // Retry (both regions), removal (West US alone), re-add (both): every region sent is sent whole.
  const patches = patchesSent(edge.path, sent);
  expect(patches.map((p) => p.properties.publishingProfile.targetRegions.map((r: Json) => r['name']).join(','))).toEqual(['West US,East US', 'West US', 'West US,East US']);
  const whole = new Map((before.properties.publishingProfile.targetRegions as Json[]).map((r) => [r['name'], r]));
  for (const p of patches) {
    for (const region of p.properties.publishingProfile.targetRegions) expect(region).toEqual(whole.get(region['name']));
    expect(p.properties.publishingProfile.targetExtendedLocations).toEqual(before.properties.publishingProfile.targetExtendedLocations);
  }

  const after = await readRaw(edge.path);
  // East US was removed and added back: it comes back with its own keys, and in its place in the list.
  expect(settled(after)).toEqual(settled(before));
  const status = await armRequest(bot.emulator, `${edge.path}?api-version=2025-12-03&$expand=ReplicationStatus`);
  expect(status.json.properties.replicationStatus.summary.map((r: Json) => `${r['region']} ${r['state']}`)).toEqual(['West US Completed', 'East US Completed']);
});
