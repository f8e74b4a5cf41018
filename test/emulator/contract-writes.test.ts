/**
 * Contract tests for the version writes: the SDK's pollers drive PUT / PATCH / DELETE through the emulator's
 * long-running operations, with the examples' parameters, and end where the examples' responses say.
 */
import type { GalleryImageVersion } from '@azure/arm-compute';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { loadExample, parentSeed, pathsOf, PLACEHOLDERS, sdkShape, TEST_SUBSCRIPTION, TYPES } from './arm-examples';
import { armRequest, sdkFor, startTestEmulator } from './emulator-fixture';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function emulatorWith(seed: Array<{ resource: unknown; at?: string }>): Promise<RunningEmulator> {
  emulator = await startTestEmulator({ seed, placeholders: PLACEHOLDERS });
  return emulator;
}

/** The SDK's request model for an example's `galleryImageVersion` parameter. */
const sdkRequest = (parameter: Record<string, unknown>): GalleryImageVersion => sdkShape(parameter) as unknown as GalleryImageVersion;
const args = (p: Record<string, string>) => [p['resourceGroupName']!, p['galleryName']!, p['galleryImageName']!, p['galleryImageVersionName']!] as const;

describe('GalleryImageVersion_CreateOrUpdate', () => {
  const example = loadExample('2026-03-03/GalleryImageVersion_Create.json');
  const p = example.parameters;

  test('replacing an existing version ends as the example response, Succeeded', async () => {
    const existing = example.responses['200']!.body;
    const emu = await emulatorWith([...parentSeed(p), { resource: existing, at: pathsOf(p).version }]);
    const poller = sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions.createOrUpdate(...args(p), sdkRequest(p['galleryImageVersion']), { updateIntervalInMs: 10 });
    const result = await poller.pollUntilDone();
    expect(result).toEqual({ ...sdkShape(existing, TYPES.version), provisioningState: 'Succeeded' });
  });

  test('a new version: 201 Creating with the request applied, then Succeeded', async () => {
    const created = example.responses['201']!.body;
    const emu = await emulatorWith(parentSeed(p));
    const raw = await armRequest(emu, `${pathsOf(p).version}?api-version=2025-12-03`, { method: 'PUT', body: p['galleryImageVersion'] });
    expect(raw.status).toBe(201);
    expect(raw.json.properties.provisioningState).toBe('Creating');
    expect(raw.headers['azure-asyncoperation']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.+\/capsOperations\//);
    expect(raw.headers['location']).toContain('monitor=true');

    const got = await sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions.get(...args(p));
    const expected = sdkShape(created) as unknown as GalleryImageVersion;
    // Request-derived fields match the example; the rest (published now, disk sizes, policy reports) is computed.
    expect(got.publishingProfile?.targetRegions).toEqual(expected.publishingProfile?.targetRegions);
    expect(got.publishingProfile?.replicaCount).toBe(expected.publishingProfile?.replicaCount);
    expect(got.publishingProfile?.storageAccountType).toBe(expected.publishingProfile?.storageAccountType);
    expect(got.storageProfile?.source).toEqual(expected.storageProfile?.source);
    expect(got.safetyProfile?.allowDeletionOfReplicatedLocations).toBe(false);
    expect(got.location).toBe('West US');
  });
});

describe.each([
  ['GalleryImageVersion_Update', '2025-12-03/GalleryImageVersion_Update.json'],
  ['GalleryImageVersion_Update_WithoutSourceId', '2025-12-03/GalleryImageVersion_Update_WithoutSourceId.json'],
])('%s', (_name, file) => {
  test('PATCH merges into the stored version and the poller returns the example response, Succeeded', async () => {
    const example = loadExample(file);
    const p = example.parameters;
    const response = example.responses['200']!.body;
    // Start from the response with East US still at 1 replica on LRS, so the PATCH must really change it.
    const before = structuredClone(response);
    before.properties.publishingProfile.targetRegions[1] = { name: 'East US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false };
    const emu = await emulatorWith([...parentSeed(p), { resource: before, at: pathsOf(p).version }]);
    const versions = sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions;
    const result = await versions.update(...args(p), sdkRequest(p['galleryImageVersion']), { updateIntervalInMs: 10 }).pollUntilDone();
    // The example body has no id; the emulator (like ARM) always answers with the canonical one.
    const expected = { ...sdkShape(response, TYPES.version), id: pathsOf(p).version, provisioningState: 'Succeeded' };
    expect(result).toEqual(expected);
    expect(await versions.get(...args(p))).toEqual(expected);
  });
});

describe('GalleryImageVersion_Delete', () => {
  const example = loadExample('2026-03-03/GalleryImageVersion_Delete.json');
  const p = example.parameters;
  const version = loadExample('2025-12-03/GalleryImageVersion_Get.json').responses['200']!.body;

  test('202 with Azure-AsyncOperation and Location, Deleting meanwhile, gone afterwards', async () => {
    const emu = await startTestEmulator({ seed: [...parentSeed(p), { resource: version, at: pathsOf(p).version }], placeholders: PLACEHOLDERS, lroPollDelayMs: 300 });
    emulator = emu;
    const raw = await armRequest(emu, `${pathsOf(p).version}?api-version=${p['api-version']}`, { method: 'DELETE' });
    expect(raw.status).toBe(202);
    expect(Object.keys(raw.headers)).toEqual(expect.arrayContaining(Object.keys(example.responses['202']!.headers!).map((h) => h.toLowerCase())));
    const versions = sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions;
    expect((await versions.get(...args(p))).provisioningState).toBe('Deleting');

    const status = await armRequest(emu, String(raw.headers['azure-asyncoperation']));
    expect(status.json.status).toBe('InProgress');
    await new Promise((r) => setTimeout(r, 350));
    expect((await armRequest(emu, String(raw.headers['azure-asyncoperation']))).json.status).toBe('Succeeded');
    await expect(versions.get(...args(p))).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  test('through the SDK poller', async () => {
    const emu = await emulatorWith([...parentSeed(p), { resource: version, at: pathsOf(p).version }]);
    const versions = sdkFor(emu, TEST_SUBSCRIPTION).galleryImageVersions;
    await versions.delete(...args(p), { updateIntervalInMs: 10 }).pollUntilDone();
    await expect(versions.get(...args(p))).rejects.toMatchObject({ statusCode: 404 });
    // Deleting what is already gone is ARM's 204, not an error.
    expect((await armRequest(emu, `${pathsOf(p).version}?api-version=2025-12-03`, { method: 'DELETE' })).status).toBe(204);
  });
});
