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
import { seedSet, subscriptionFor } from '../../helpers/arm-example-fixtures';
import { adapterFor } from './arm-fixture';
import { carryOut, readyToPromote } from './approved-write';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw ARM bodies

const set = seedSet(
  { gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: ['2025-12-03/GalleryImageVersion_Create_WithTargetExtendedLocations.json'] },
  subscriptionFor(951),
);
const PRODUCTION = 'myProductionGallery';
const stages = [
  { name: 'test', gallery: set.gallery },
  { name: 'production', gallery: PRODUCTION },
];
const key = { subscriptionId: set.subscriptionId, resourceGroup: set.resourceGroup, gallery: set.gallery, image: set.image };
const sourcePath = set.seed[2]!.at!;
const copyPath = sourcePath.replace(`/galleries/${set.gallery}/`, `/galleries/${PRODUCTION}/`);

/** The example set, its version ready to promote, and the production gallery beside it. */
function seed() {
  const [gallery, definition, version] = readyToPromote(set.seed);
  const inProduction = (e: typeof gallery) => ({ resource: { ...e!.resource, id: undefined, name: e!.at!.includes('/images/') ? e!.resource['name'] : PRODUCTION }, at: e!.at!.replace(`/galleries/${set.gallery}`, `/galleries/${PRODUCTION}`) });
  return [gallery!, definition!, version!, inProduction(gallery), inProduction(definition)];
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('promote … to production: the copy has the source’s edge zones, keys and storage defaults, and is excluded from latest', async () => {
  emu = await startTestEmulator({ seed: seed(), lroRetryAfterSeconds: 0, lroPollDelayMs: 20 });
  const { gallery } = adapterFor(emu);
  const source = (await armRequest(emu, `${sourcePath}?api-version=2025-12-03`)).json as Json;
  expect(source.properties.publishingProfile.targetExtendedLocations).toHaveLength(2);

  const version = await gallery.getVersion(key, '1.0.0', { withReplication: true });
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
