/**
 * Contract tests: each upstream ARM example's response body is the seed, the real SDK reads it through the
 * emulator, and what the SDK returns must equal the example (flattened, dates as Date).
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { collect, loadExample, parentSeed, pathsOf, PLACEHOLDERS, sdkShape, TEST_SUBSCRIPTION, TYPES } from './arm-examples';
import { sdkFor, startTestEmulator } from './emulator-fixture';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function emulatorWith(seed: Array<{ resource: unknown; at?: string }>): Promise<RunningEmulator> {
  emulator = await startTestEmulator({ seed, placeholders: PLACEHOLDERS, pageSize: 2 });
  return emulator;
}

describe('galleries', () => {
  test('Gallery_Get', async () => {
    const example = loadExample('2025-12-03/Gallery_Get.json');
    const body = example.responses['200']!.body;
    const emu = await emulatorWith([{ resource: body }]);
    const got = await sdkFor(emu, TEST_SUBSCRIPTION).galleries.get(example.parameters['resourceGroupName'], example.parameters['galleryName']);
    expect(got).toEqual(sdkShape(body, TYPES.gallery));
    expect(got.identifier?.uniqueName).toBe(`${TEST_SUBSCRIPTION}-MYGALLERYNAME`);
  });

  test.each([
    ['Gallery_ListBySubscription', '2025-12-03/Gallery_ListBySubscription.json', false],
    ['Gallery_ListByResourceGroup', '2025-12-03/Gallery_ListByResourceGroup.json', true],
  ])('%s', async (_name, file, byGroup) => {
    const example = loadExample(file);
    const values = example.responses['200']!.body.value as Array<Record<string, unknown>>;
    const emu = await emulatorWith(values.map((resource) => ({ resource })));
    const galleries = sdkFor(emu, TEST_SUBSCRIPTION).galleries;
    const got = await collect(byGroup ? galleries.listByResourceGroup(example.parameters['resourceGroupName']) : galleries.list());
    expect(got).toEqual(values.map((v) => sdkShape(v, TYPES.gallery)));
  });
});

describe('image definitions', () => {
  test('GalleryImage_Get (non-canonical id in the example, served at the parameters path)', async () => {
    const example = loadExample('2025-12-03/GalleryImage_Get.json');
    const body = example.responses['200']!.body;
    const p = example.parameters;
    const emu = await emulatorWith([parentSeed(p)[0]!, { resource: body, at: pathsOf(p).image }]);
    const got = await sdkFor(emu, TEST_SUBSCRIPTION).galleryImages.get(p['resourceGroupName'], p['galleryName'], p['galleryImageName']);
    expect(got).toEqual(sdkShape(body, TYPES.image));
    expect(got.id).toBe('/providers/Microsoft.Compute/galleries/myGallery/Images/myGalleryImageName');
  });

  test('GalleryImage_ListByGallery', async () => {
    const example = loadExample('2025-12-03/GalleryImage_ListByGallery.json');
    const p = example.parameters;
    const values = example.responses['200']!.body.value as Array<Record<string, unknown>>;
    const seed = values.map((resource) => ({ resource, at: `${pathsOf(p).gallery}/images/${String(resource['name'])}` }));
    const emu = await emulatorWith([...parentSeed(p), ...seed]);
    const got = await collect(sdkFor(emu, TEST_SUBSCRIPTION).galleryImages.listByGallery(p['resourceGroupName'], p['galleryName']));
    expect(got).toEqual(values.map((v) => sdkShape(v, TYPES.image)));
  });
});

describe('image versions (reads)', () => {
  test('GalleryImageVersion_Get', async () => {
    const example = loadExample('2025-12-03/GalleryImageVersion_Get.json');
    const p = example.parameters;
    const body = example.responses['200']!.body;
    const emu = await emulatorWith([...parentSeed(p), { resource: body, at: pathsOf(p).version }]);
    const got = await sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions.get(p['resourceGroupName'], p['galleryName'], p['galleryImageName'], p['galleryImageVersionName']);
    expect(got).toEqual(sdkShape(body, TYPES.version));
    expect(got.publishingProfile?.publishedDate).toEqual(new Date('2018-01-01T00:00:00Z'));
    expect(got.replicationStatus).toBeUndefined();
    // The example says nothing of replication: expanded, every region is Unknown, never invented as Completed.
    const expanded = await sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions.get(p['resourceGroupName'], p['galleryName'], p['galleryImageName'], p['galleryImageVersionName'], { expand: 'ReplicationStatus' });
    expect(expanded.replicationStatus).toEqual({ aggregatedState: 'Unknown', summary: [
      { region: 'West US', state: 'Unknown', details: '', progress: 0 },
      { region: 'East US', state: 'Unknown', details: '', progress: 0 },
    ] });
  });

  test('GalleryImageVersion_Get_WithReplicationStatus: status only with $expand', async () => {
    const example = loadExample('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json');
    const p = example.parameters;
    const body = example.responses['200']!.body;
    const emu = await emulatorWith([...parentSeed(p), { resource: body, at: pathsOf(p).version }]);
    const versions = sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions;
    const args = [p['resourceGroupName'], p['galleryName'], p['galleryImageName'], p['galleryImageVersionName']] as const;
    const expanded = await versions.get(...args, { expand: p['$expand'] });
    expect(expanded).toEqual(sdkShape(body, TYPES.version));
    expect(expanded.replicationStatus?.summary?.map((s) => s.region)).toEqual(['West US', 'East US']);
    const plain = await versions.get(...args);
    expect(plain.replicationStatus).toBeUndefined();
  });

  test('GalleryImageVersion_ListByGalleryImage', async () => {
    const example = loadExample('2026-03-03/GalleryImageVersion_ListByGalleryImage.json');
    const p = example.parameters;
    const values = example.responses['200']!.body.value as Array<Record<string, unknown>>;
    const emu = await emulatorWith([...parentSeed(p), ...values.map((resource) => ({ resource }))]);
    const got = await collect(sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions.listByGalleryImage(p['resourceGroupName'], p['galleryName'], p['galleryImageName']));
    expect(got).toEqual(values.map((v) => sdkShape(v, TYPES.version)));
  });
});
