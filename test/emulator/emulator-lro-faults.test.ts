/** Long-running writes through the SDK's pollers, and fault injection as a client sees it. */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { API, armRequest, galleryPath, sdkFor, startTestEmulator, versionPath } from './emulator-fixture';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const DISPATCH = ['rg-images', 'gal_golden', 'dispatch'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('long-running writes', () => {
  test('PATCH: Updating at once, Succeeded later, change visible to a later GET', async () => {
    emu = await startTestEmulator({ lroPollDelayMs: 100 });
    const versions = sdkFor(emu).galleryImageVersions;
    const poller = versions.update(...DISPATCH, '2026.5.1', { publishingProfile: { excludeFromLatest: true } }, { updateIntervalInMs: 20 });
    await poller.submitted();
    expect((await versions.get(...DISPATCH, '2026.5.1')).provisioningState).toBe('Updating');
    const result = await poller.pollUntilDone();
    expect(result.provisioningState).toBe('Succeeded');
    const after = await versions.get(...DISPATCH, '2026.5.1', { expand: 'ReplicationStatus' });
    expect(after.publishingProfile?.excludeFromLatest).toBe(true);
    // Untouched fields survive a PATCH, including the seeded (static) failed replication.
    expect(after.publishingProfile?.targetRegions?.map((r) => r.name)).toEqual(['East US 2', 'Central US']);
    expect(after.replicationStatus?.summary?.find((s) => s.region === 'Central US')?.state).toBe('Failed');
  });

  test('PUT creates a version whose new regions go Replicating → Completed', async () => {
    emu = await startTestEmulator({ replicationMs: 300 });
    const versions = sdkFor(emu).galleryImageVersions;
    const source = `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_staging/images/dispatch/versions/2026.6.0`;
    const created = await versions
      .createOrUpdate(...DISPATCH, '2026.6.0', { location: 'eastus2', publishingProfile: { targetRegions: [{ name: 'eastus2' }, { name: 'Central US', regionalReplicaCount: 2 }], excludeFromLatest: true }, storageProfile: { source: { id: source } } }, { updateIntervalInMs: 10 })
      .pollUntilDone();
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.publishingProfile?.targetRegions?.map((r) => r.name)).toEqual(['East US 2', 'Central US']);
    expect(created.storageProfile?.osDiskImage?.sizeInGB).toBe(30); // copied from the source version
    const early = await versions.get(...DISPATCH, '2026.6.0', { expand: 'ReplicationStatus' });
    expect(early.replicationStatus?.aggregatedState).toBe('InProgress');
    expect(early.replicationStatus?.summary?.every((s) => s.state === 'Replicating')).toBe(true);
    await sleep(350);
    const late = await versions.get(...DISPATCH, '2026.6.0', { expand: 'ReplicationStatus' });
    expect(late.replicationStatus?.aggregatedState).toBe('Completed');
  });

  test('DELETE through the poller removes the version from later lists', async () => {
    emu = await startTestEmulator();
    const versions = sdkFor(emu).galleryImageVersions;
    await versions.delete(...DISPATCH, '2026.4.0', { updateIntervalInMs: 10 }).pollUntilDone();
    const names: string[] = [];
    for await (const v of versions.listByGalleryImage(...DISPATCH)) names.push(v.name ?? '');
    expect(names).toEqual(['2026.5.0', '2026.5.1']);
  });

  test('a second write while one is in flight is a 409', async () => {
    emu = await startTestEmulator({ lroPollDelayMs: 500 });
    const path = `${versionPath('gal_golden', 'dispatch', '2026.5.1')}?${API}`;
    const body = { properties: { publishingProfile: { excludeFromLatest: true } } };
    expect((await armRequest(emu, path, { method: 'PATCH', body })).status).toBe(200);
    const second = await armRequest(emu, path, { method: 'PATCH', body });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('AnotherOperationInProgress');
  });

  test('failOperations: the operation ends Failed with ARM error, the change is rolled back', async () => {
    emu = await startTestEmulator({ faults: { failOperations: { count: 1, code: 'ReplicationFailed', message: 'Replication to Central US failed: quota exceeded.' } } });
    const versions = sdkFor(emu).galleryImageVersions;
    const poller = versions.update(...DISPATCH, '2026.5.1', { publishingProfile: { excludeFromLatest: true } }, { updateIntervalInMs: 10 });
    await expect(poller.pollUntilDone()).rejects.toThrow(/ReplicationFailed\. Replication to Central US failed: quota exceeded\./);
    const after = await versions.get(...DISPATCH, '2026.5.1');
    expect(after.provisioningState).toBe('Failed');
    expect(after.publishingProfile?.excludeFromLatest).toBe(false);
  });
});

describe('faults on the wire', () => {
  test('throttle: 429 with Retry-After and x-ms-ratelimit-remaining-resource, for exactly N requests', async () => {
    emu = await startTestEmulator({ faults: { throttle: { count: 2, retryAfterSeconds: 17 } } });
    const path = `${galleryPath('gal_golden')}?${API}`;
    const first = await armRequest(emu, path);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('17');
    expect(first.headers['x-ms-ratelimit-remaining-resource']).toMatch(/^Microsoft\.Compute\//);
    expect(first.json.error.details[0].code).toBe('TooManyRequests');
    expect((await armRequest(emu, path)).status).toBe(429);
    expect((await armRequest(emu, path)).status).toBe(200);
  });

  test('match restricts a fault to matching paths', async () => {
    emu = await startTestEmulator({ faults: { serverError: { match: '/versions/2026\\.5\\.1', status: 502 } } });
    expect((await armRequest(emu, `${versionPath('gal_golden', 'dispatch', '2026.5.1')}?${API}`)).status).toBe(502);
    expect((await armRequest(emu, `${versionPath('gal_golden', 'dispatch', '2026.5.0')}?${API}`)).status).toBe(200);
  });

  test('latency delays every ARM request', async () => {
    emu = await startTestEmulator({ faults: { latencyMs: 150 } });
    const started = Date.now();
    await armRequest(emu, `${galleryPath('gal_golden')}?${API}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('malformed: 200 with a body that is not JSON', async () => {
    emu = await startTestEmulator({ faults: { malformed: { count: 1 } } });
    const res = await armRequest(emu, `${galleryPath('gal_golden')}?${API}`);
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
  });

  test('callCount counts ARM requests, not admin calls', async () => {
    emu = await startTestEmulator();
    await armRequest(emu, `${galleryPath('gal_golden')}?${API}`);
    await armRequest(emu, '/_emulator/faults');
    await armRequest(emu, `${galleryPath('gal_golden')}`, { authorization: null });
    expect(emu.callCount()).toBe(2);
  });
});
