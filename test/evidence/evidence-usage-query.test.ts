/**
 * The `az graph query` an evidence bundle gives to reproduce its usage section finds what `usage` found: scale
 * sets and VMs by ARM id, and through the gallery's direct shared name and community names. Microsoft's VM
 * examples deploy each example gallery through one of those aliases; the query from each bundle is run against
 * the emulator's Resource Graph (the same KQL `az` would send) and must return exactly the bundle's references,
 * not the other gallery's.
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { collectEvidence } from '../../src/evidence/collect-evidence';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { createArmGallery, createGraphUsage, staticTokenCredential } from '../../src/gallery/arm';
import { armRequest, startTestEmulator } from '../emulator/emulator-fixture';
import { seedSet, subscriptionFor, type SeededSet } from '../helpers/arm-example-fixtures';
import { openTempStore } from '../helpers/temp-store';

const shared = seedSet(
  { gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: ['2025-12-03/GalleryImageVersion_Get.json'], vms: [{ file: '2025-04-01/VirtualMachine_Create_FromASharedGalleryImage.json', name: 'myVMFromSharedGallery', via: 'shared' }] },
  subscriptionFor(911),
);
const community = seedSet(
  {
    gallery: 'from-spec/Gallery_Get_CommunityWithSoftDelete.json',
    definition: 'from-spec/GalleryImage_Get_TrustedLaunchArm64.json',
    versions: ['2025-12-03/GalleryImageVersion_Create_WithVHD_UefiSettings.json'],
    vms: [{ file: '2026-04-01/VirtualMachine_Create_FromACommunityGalleryImage.json', name: 'myVMFromCommunityGallery', via: 'community' }],
  },
  subscriptionFor(912),
);
const subscriptions = [shared.subscriptionId, community.subscriptionId];

let emulator: RunningEmulator;
let cleanup: () => Promise<void>;
let bundleOf: (set: SeededSet) => Promise<EvidenceBundle>;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: [...shared.seed, ...community.seed] });
  const temp = await openTempStore();
  cleanup = temp.cleanup;
  const options = { scopes: subscriptions.map((subscriptionId) => ({ subscriptionId })), credential: staticTokenCredential(), endpoint: emulator.url, ca: emulator.ca, retryOptions: { maxRetries: 0 } };
  const sources = { gallery: createArmGallery(options), usage: createGraphUsage(options), audit: temp.store.audit, requests: temp.store.requests, now: () => new Date() };
  bundleOf = async (set) => {
    const image = { subscriptionId: set.subscriptionId, resourceGroup: set.resourceGroup, gallery: set.gallery, image: set.image };
    return (await collectEvidence(sources, image, () => set.versions[0]!, { name: 'test' })).sealed.bundle as unknown as EvidenceBundle;
  };
});
afterAll(async () => {
  await emulator?.close();
  await cleanup?.();
});

/** The KQL inside `az graph query … -q "<query>"`, unescaped as a POSIX shell would. */
function queryOf(azCommand: string): string {
  const quoted = /^az graph query --first 1000 -q "((?:[^"\\]|\\.)*)"$/.exec(azCommand);
  if (!quoted) throw new Error(`not an az graph query: ${azCommand}`);
  return quoted[1]!.replace(/\\(.)/g, '$1');
}

/** What Resource Graph answers the query with, as `az graph query` would print it (ids, sorted). */
async function runQuery(query: string): Promise<string[]> {
  const res = await armRequest(emulator, '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { method: 'POST', body: { subscriptions, query } });
  expect(res.status).toBe(200);
  return (res.json.data as Array<{ id: string }>).map((row) => row.id.toLowerCase()).sort();
}

const refIds = (bundle: EvidenceBundle): string[] => {
  const usage = bundle.usage as unknown as { scaleSets: Array<{ id: string }>; vms: Array<{ id: string }> };
  return [...usage.scaleSets, ...usage.vms].map((r) => r.id.toLowerCase()).sort();
};

test.each([
  ['direct shared', shared, 'myVMFromSharedGallery', /sharedGalleryImageId in \('\/sharedgalleries\/[^']+-mygalleryname\/images\/mygalleryimagename'/],
  ['community', community, 'myVMFromCommunityGallery', /communityGalleryImageId in \('\/communitygalleries\/pirpublic-1a2b3c4d/],
])('%s gallery: the reproduce query returns exactly the references usage found', async (_kind, set, vm, clause) => {
  const bundle = await bundleOf(set);
  const found = refIds(bundle);
  expect(found).toEqual([expect.stringMatching(new RegExp(`/virtualmachines/${vm.toLowerCase()}$`))]);
  const azCommand = (bundle.usage as { azCommand: string }).azCommand;
  expect(queryOf(azCommand)).toMatch(clause);
  expect(await runQuery(queryOf(azCommand))).toEqual(found);
});
