/**
 * A stage copy (`promote <image> <version> to <stage>`) keeps where and how its source is stored: the edge zones
 * (`targetExtendedLocations`) with their keys, every region with its keys, the default replica count and storage
 * type. The source is Microsoft's GalleryImageVersion_Create_WithTargetExtendedLocations example (test/fixtures/
 * arm-examples), read through the real SDK from the emulator, planned, turned into the adapter call the executor
 * makes, and created in the next stage's gallery; the emulator's record of the PUT and the created version are
 * compared with the source as ARM serves it.
 *
 * Adaptations (the test's, not the file's): the example is a create response; it is served ready to promote
 * (see `readyToPromote`). The next stage's gallery and definition are the example's own under another gallery name.
 */
import { planPromoteStage } from '../../../src/approvals/plan';
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { armRequest, startTestEmulator } from '../../emulator/emulator-fixture';
import { seedSet, subscriptionFor, type SeededSet } from '../../helpers/arm-example-fixtures';
import { adapterFor } from './arm-fixture';
import { carryOut, readyToPromote } from './approved-write';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw ARM bodies

const exampleSet = (file: string, row: number) =>
  seedSet({ gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: [file] }, subscriptionFor(row));
const set = exampleSet('2025-12-03/GalleryImageVersion_Create_WithTargetExtendedLocations.json', 951);
const PRODUCTION = 'myProductionGallery';
const stages = [
  { name: 'test', gallery: set.gallery },
  { name: 'production', gallery: PRODUCTION },
];
const keyOf = (s: SeededSet) => ({ subscriptionId: s.subscriptionId, resourceGroup: s.resourceGroup, gallery: s.gallery, image: s.image });
const sourcePath = set.seed[2]!.at!;
const copyPath = sourcePath.replace(`/galleries/${set.gallery}/`, `/galleries/${PRODUCTION}/`);

/** The example set, its version ready to promote, and the production gallery beside it. */
function seed(s: SeededSet) {
  const [gallery, definition, version] = readyToPromote(s.seed);
  const inProduction = (e: typeof gallery) => ({ resource: { ...e!.resource, id: undefined, name: e!.at!.includes('/images/') ? e!.resource['name'] : PRODUCTION }, at: e!.at!.replace(`/galleries/${s.gallery}`, `/galleries/${PRODUCTION}`) });
  return [gallery!, definition!, version!, inProduction(gallery), inProduction(definition)];
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('promote … to production: the copy has the source’s edge zones, keys and storage defaults, and is excluded from latest', async () => {
  emu = await startTestEmulator({ seed: seed(set), lroRetryAfterSeconds: 0, lroPollDelayMs: 20 });
  const { gallery } = adapterFor(emu);
  const source = (await armRequest(emu, `${sourcePath}?api-version=2025-12-03`)).json as Json;
  expect(source.properties.publishingProfile.targetExtendedLocations).toHaveLength(2);

  const version = await gallery.getVersion(keyOf(set), '1.0.0', { withReplication: true });
  const planned = planPromoteStage(version, stages, 'production', true, false, new Date());
  const [put, ...more] = (await carryOut(planned, gallery, emu)).filter((w) => w.method === 'PUT');
  expect(more).toEqual([]);
  expect(put!.path.toLowerCase()).toBe(copyPath.toLowerCase());
  const profile = source.properties.publishingProfile;
  const sentProfile = put!.body.properties.publishingProfile;
  // Every edge zone and region as ARM serves the source's, keys included.
  expect(sentProfile.targetExtendedLocations).toEqual(profile.targetExtendedLocations);
  expect(sentProfile.targetRegions).toEqual(profile.targetRegions);
  expect(sentProfile).toMatchObject({ replicaCount: profile.replicaCount, storageAccountType: profile.storageAccountType, excludeFromLatest: true });
  expect(put!.body.properties.storageProfile).toEqual({ source: { id: sourcePath } });

  const copy = (await armRequest(emu, `${copyPath}?api-version=2025-12-03`)).json as Json;
  expect(copy.properties.publishingProfile.targetExtendedLocations).toEqual(profile.targetExtendedLocations);
});

test('a copy of a version whose region has a field the SDK does not model (2026-03-03 data-disk CVM encryption) keeps it', async () => {
  const cvm = exampleSet('2026-03-03/GalleryImageVersion_Create_WithCVMDataDiskEncryption.json', 954);
  emu = await startTestEmulator({ seed: seed(cvm), lroRetryAfterSeconds: 0, lroPollDelayMs: 20 });
  const { gallery } = adapterFor(emu);
  const source = (await armRequest(emu, `${cvm.seed[2]!.at!}?api-version=2025-12-03`)).json as Json;
  const region = source.properties.publishingProfile.targetRegions[0];
  expect(region.encryption.dataDiskImages[0].securityProfile).toBeDefined();

  const planned = planPromoteStage(await gallery.getVersion(keyOf(cvm), '1.0.0', { withReplication: true }), [{ name: 'test', gallery: cvm.gallery }, stages[1]!], 'production', true, false, new Date());
  const [put] = (await carryOut(planned, gallery, emu)).filter((w) => w.method === 'PUT');
  expect(put!.body.properties.publishingProfile.targetRegions).toEqual([region]);
});
