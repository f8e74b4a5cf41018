/**
 * Contract per gallery api-version: the emulator, seeded from a folder of Microsoft's REST example files copied
 * unchanged, is read through the real @azure/arm-compute SDK at every accepted api-version (a per-call pipeline
 * policy sets the version the SDK sends, since v25 hard-codes 2025-12-03). Each answer must be in that version's
 * shape: fields it does not know are absent, `$expand` parts appear only when asked, every resource has its type,
 * and operation URLs carry the caller's version.
 */
import { ComputeManagementClient } from '@azure/arm-compute';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GALLERY_API_VERSIONS } from '../../emulator/api-version';
import { DEFAULT_EXAMPLE_SUBSCRIPTION } from '../../emulator/rest-example';
import { projectRoot } from '../../emulator/seed-location';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { staticTokenCredential } from '../../src/gallery/arm';
import { TYPES } from './arm-examples';
import { armRequest, startTestEmulator } from './emulator-fixture';

const FIXTURES = resolve(projectRoot(), 'test', 'fixtures', 'arm-examples', '2025-12-03');
const FILES = ['Gallery_Create_WithManagedIdentity.json', 'GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus.json'];
const SUB = DEFAULT_EXAMPLE_SUBSCRIPTION;
const GROUP = 'myResourceGroup';
const GALLERY = `/subscriptions/${SUB}/resourceGroups/${GROUP}/providers/Microsoft.Compute/galleries/myGalleryName`;
const VERSION_ARGS = [GROUP, 'myGalleryName', 'myGalleryImageName', '1.0.0'] as const;

let dir: string;
let emu: RunningEmulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-seed-examples-'));
  for (const file of FILES) copyFileSync(join(FIXTURES, file), join(dir, file)); // dropped in as published
  emu = await startTestEmulator({ seedDir: dir });
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real SDK, sending `apiVersion` instead of the version it was generated for. */
function sdkAt(apiVersion: string): ComputeManagementClient {
  const pin: PipelinePolicy = {
    name: 'pin-api-version',
    sendRequest: (request, next) => {
      const url = new URL(request.url);
      if (url.searchParams.has('api-version')) url.searchParams.set('api-version', apiVersion);
      request.url = url.toString();
      return next(request);
    },
  };
  return new ComputeManagementClient(staticTokenCredential(), SUB, {
    endpoint: emu.url,
    tlsOptions: { ca: emu.ca },
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: pin, position: 'perCall' }],
  });
}

describe.each(GALLERY_API_VERSIONS.map((v) => [v]))('api-version %s', (v) => {
  const since = (first: string): boolean => v >= first;

  test('an image version expanded with ReplicationStatus,ValidationProfile has what this version knows, and nothing newer', async () => {
    const got = await sdkAt(v).galleryImageVersions.get(...VERSION_ARGS, { expand: 'ReplicationStatus,ValidationProfile' });
    expect(got.type).toBe(TYPES.version);
    expect(got.id).toBe(`/subscriptions/${SUB}/resourceGroups/${GROUP}/providers/Microsoft.Compute/locations/westus/Galleries/myGalleryName/Images/myGalleryImageName/Versions/1.0.0`);
    expect(got.replicationStatus?.summary?.map((s) => `${s.region} ${s.state}`)).toEqual(['West US Completed', 'East US Completed']);
    expect(got.safetyProfile?.policyViolations?.[0]?.category).toBe(since('2022-03-03') ? 'ImageFlaggedUnsafe' : undefined);
    expect(got.safetyProfile?.allowDeletionOfReplicatedLocations).toBe(since('2022-03-03') ? false : undefined);
    expect(got.publishingProfile?.targetRegions?.[0]?.excludeFromLatest).toBe(since('2022-03-03') ? false : undefined);
    expect(got.validationsProfile?.executedValidations?.map((e) => `${e.type} ${e.status}`)).toEqual(
      since('2024-03-03') ? ['LinuxSecurityBaseline Failed', 'AzCertify Succeeded'] : undefined,
    );
  });

  test('without $expand neither replication status nor validations profile is served', async () => {
    const got = await sdkAt(v).galleryImageVersions.get(...VERSION_ARGS);
    expect(got.replicationStatus).toBeUndefined();
    expect(got.validationsProfile).toBeUndefined();
    const onlyValidation = await sdkAt(v).galleryImageVersions.get(...VERSION_ARGS, { expand: 'ValidationProfile' });
    expect(onlyValidation.replicationStatus).toBeUndefined();
  });

  test('the gallery (identity only from 2024-03-03) and the definition the example implies carry their types', async () => {
    const sdk = sdkAt(v);
    const gallery = await sdk.galleries.get(GROUP, 'myGalleryName');
    expect(gallery.type).toBe(TYPES.gallery);
    expect(gallery.identity?.type).toBe(since('2024-03-03') ? 'SystemAssigned, UserAssigned' : undefined);
    const image = await sdk.galleryImages.get(GROUP, 'myGalleryName', 'myGalleryImageName');
    expect(image.type).toBe(TYPES.image);
    const listed = [];
    for await (const version of sdk.galleryImageVersions.listByGalleryImage(GROUP, 'myGalleryName', 'myGalleryImageName')) listed.push(version);
    // Earlier versions' write tests add versions here too: every one is typed, none carries expanded parts.
    expect(listed.map((l) => l.name)).toContain('1.0.0');
    for (const l of listed) expect([l.type, l.replicationStatus, l.validationsProfile]).toEqual([TYPES.version, undefined, undefined]);
  });

  test('a write answers with operation URLs in the caller\'s api-version', async () => {
    const body = { location: 'West US', properties: { storageProfile: { source: { id: `/subscriptions/${SUB}/resourceGroups/${GROUP}/providers/Microsoft.Compute/images/myImage` } } } };
    const res = await armRequest(emu, `${GALLERY}/images/myGalleryImageName/versions/9.${v.slice(0, 4)}.${v.slice(5, 7)}${v.slice(8)}?api-version=${v}`, { method: 'PUT', body });
    expect(res.status).toBe(201);
    expect(res.json.type).toBe(TYPES.version);
    expect(res.headers['azure-asyncoperation']).toMatch(new RegExp(`\\?api-version=${v}$`));
    expect(res.headers['location']).toMatch(new RegExp(`\\?api-version=${v}&monitor=true$`));
    // From 2026-03-03 a new version's deletion is blocked until its default end of life (platform-facts.md).
    expect(res.json.properties.safetyProfile?.blockDeletionBeforeEndOfLife).toBe(since('2026-03-03') ? true : since('2024-03-03') ? false : undefined);
  });
});

test.each([['2018-06-01'], ['2021-03-01'], ['2024-03-03-preview'], ['2026-07-01']])('api-version %s is refused as ARM refuses it', async (v) => {
  const res = await armRequest(emu, `${GALLERY}/images/myGalleryImageName/versions/1.0.0?api-version=${v}`);
  expect(res.status).toBe(400);
  expect(res.json.error.code).toBe('NoRegisteredProviderFound');
  expect(res.json.error.message).toContain(`API version '${v}' for type 'galleries/images/versions'`);
});
