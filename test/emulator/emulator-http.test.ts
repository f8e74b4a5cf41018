/** The emulator over HTTPS: ARM's auth, api-version, naming, 404 and paging behaviour, and the demo seed's extras. */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { collect } from './arm-examples';
import { API, armRequest, DEMO_SUBSCRIPTION, galleryPath, sdkFor, startTestEmulator, versionPath } from './emulator-fixture';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ pageSize: 2 });
});
afterAll(() => emu.close());

test('serves the demo subscription', () => {
  expect(emu.subscriptionIds).toEqual([DEMO_SUBSCRIPTION]);
  expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(emu.ca).toContain('BEGIN CERTIFICATE');
});

describe('authentication', () => {
  test.each([
    ['no Authorization header', null],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer token', 'Bearer '],
  ])('%s → 401 AuthenticationFailed', async (_name, authorization) => {
    const res = await armRequest(emu, `${galleryPath('gal_golden')}?${API}`, { authorization });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('AuthenticationFailed');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  test('any bearer token is accepted', async () => {
    expect((await armRequest(emu, `${galleryPath('gal_golden')}?${API}`, { authorization: 'Bearer x' })).status).toBe(200);
  });
});

describe('api-version', () => {
  test.each(['2021-07-01', '2022-03-03', '2025-12-03', '2026-03-03'])('%s is accepted', async (version) => {
    expect((await armRequest(emu, `${galleryPath('gal_golden')}?api-version=${version}`)).status).toBe(200);
  });
  test.each([
    ['api-version=2021-03-01', 'NoRegisteredProviderFound'],
    ['api-version=2019-12-01', 'NoRegisteredProviderFound'],
    ['api-version=2026-03-03-preview', 'NoRegisteredProviderFound'],
    ['api-version=yesterday', 'InvalidApiVersionParameter'],
    ['', 'MissingApiVersionParameter'],
  ])('"%s" → 400 %s', async (query, code) => {
    const res = await armRequest(emu, `${galleryPath('gal_golden')}?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
  });
  test('the refusal names the type, the resource\'s location and the versions ARM would accept', async () => {
    const res = await armRequest(emu, `${versionPath('gal_golden', 'dispatch', '2026.5.1')}?api-version=2020-09-30`);
    expect(res.json.error.message).toMatch(/^No registered resource provider found for location 'eastus2' and API version '2020-09-30' for type 'galleries\/images\/versions'\. The supported api-versions are '2021-07-01, .*2026-03-03'\./);
  });
});

describe('names and missing resources', () => {
  test.each([
    [galleryPath('_gal'), 'galleryName'],
    [`${galleryPath('gal_golden')}/images/bad_name`, 'galleryImageName'],
    [versionPath('gal_golden', 'dispatch', '2026.5'), 'galleryImageVersionName'],
    [versionPath('gal_golden', 'dispatch', '1.0.2147483648'), 'galleryImageVersionName'],
  ])('%s → 400 InvalidParameter on %s', async (path, target) => {
    const res = await armRequest(emu, `${path}?${API}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'InvalidParameter', target });
  });

  test('an invalid version name is refused on PUT too, before anything is stored', async () => {
    const res = await armRequest(emu, `${versionPath('gal_golden', 'dispatch', '2026.7')}?${API}`, { method: 'PUT', body: { location: 'eastus2', properties: {} } });
    expect(res.status).toBe(400);
  });

  test.each([
    [galleryPath('gal_missing'), 'ResourceNotFound'],
    [versionPath('gal_golden', 'dispatch', '9.9.9'), 'ResourceNotFound'],
    [`${galleryPath('gal_golden')}/images/nope/versions`, 'ParentResourceNotFound'],
    [versionPath('gal_missing', 'dispatch', '1.0.0'), 'ParentResourceNotFound'],
    [galleryPath('gal_golden', DEMO_SUBSCRIPTION, 'rg-nope'), 'ResourceGroupNotFound'],
    [galleryPath('gal_golden', '99999999-2222-3333-4444-555555555555'), 'SubscriptionNotFound'],
  ])('%s → 404 %s', async (path, code) => {
    const res = await armRequest(emu, `${path}?${API}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe(code);
    expect(typeof res.json.error.message).toBe('string');
  });

  test('path segments and names are case-insensitive, like ARM', async () => {
    const res = await armRequest(emu, `/SUBSCRIPTIONS/${DEMO_SUBSCRIPTION}/RESOURCEGROUPS/RG-IMAGES/PROVIDERS/microsoft.compute/GALLERIES/GAL_GOLDEN/Images/DISPATCH/Versions/2026.5.1?${API}`);
    expect(res.status).toBe(200);
    expect(res.json.name).toBe('2026.5.1');
  });
});

describe('paging', () => {
  test('a list longer than a page carries an absolute nextLink the SDK follows', async () => {
    const first = await armRequest(emu, `${galleryPath('gal_golden')}/images/callcenter-desktop/versions?${API}`);
    expect(first.json.value).toHaveLength(2);
    expect(first.json.nextLink).toMatch(new RegExp(`^${emu.url.replace(/[.]/g, '\\.')}/subscriptions/.+\\$skiptoken=2`));
    const second = await armRequest(emu, first.json.nextLink);
    expect(second.json.value.map((v: { name: string }) => v.name)).toEqual(['2026.5.0', '2026.6.0']);
    expect(second.json.nextLink).toBeUndefined();

    const before = emu.callCount();
    const all = await collect(sdkFor(emu).galleryImages.listByGallery('rg-images', 'gal_golden'));
    expect(all.map((i) => i.name)).toEqual(['callcenter-desktop', 'gpu-analytics', 'dispatch', 'records', 'reporting']);
    expect(emu.callCount() - before).toBe(3); // 2 + 2 + 1
  });
});

describe('$expand=ReplicationStatus', () => {
  test('replication status appears only when expanded', async () => {
    const path = versionPath('gal_golden', 'callcenter-desktop', '2026.6.0');
    expect((await armRequest(emu, `${path}?${API}`)).json.properties.replicationStatus).toBeUndefined();
    const expanded = (await armRequest(emu, `${path}?${API}&$expand=ReplicationStatus`)).json.properties.replicationStatus;
    expect(expanded.aggregatedState).toBe('InProgress');
    expect(expanded.summary).toContainEqual({ region: 'Southeast Asia', state: 'Replicating', details: '', progress: 40 });
  });
});

describe('scale sets and virtual machines of the demo', () => {
  test('listed by subscription and readable one by one, referencing gallery images', async () => {
    const sdk = sdkFor(emu);
    const scaleSets = await collect(sdk.virtualMachineScaleSets.listAll());
    expect(scaleSets.map((s) => s.name).sort()).toEqual(['vmss-callcenter', 'vmss-dispatch-prod']);
    const dispatch = await sdk.virtualMachineScaleSets.get('rg-dispatch-prod', 'vmss-dispatch-prod');
    expect(dispatch.virtualMachineProfile?.storageProfile?.imageReference?.id?.toLowerCase()).toBe(
      `/subscriptions/${DEMO_SUBSCRIPTION}/resourcegroups/rg-images/providers/microsoft.compute/galleries/gal_golden/images/dispatch/versions/2026.5.0`,
    );
    const vms = await collect(sdk.virtualMachines.listAll());
    expect(vms.map((v) => [v.name, v.storageProfile?.imageReference?.id?.split('/').slice(-3).join('/')])).toEqual([['vm-analytics-01', 'gpu-analytics/versions/1.0.0']]);
  });
});

describe('admin endpoint', () => {
  test('POST /_emulator/faults sets faults at runtime; invalid ones are refused', async () => {
    const bad = await armRequest(emu, '/_emulator/faults', { method: 'POST', body: { throttle: { count: 'x' } } });
    expect(bad.status).toBe(400);
    const set = await armRequest(emu, '/_emulator/faults', { method: 'POST', body: { serverError: { count: 1, status: 503 } } });
    expect(set.status).toBe(200);
    expect((await armRequest(emu, `${galleryPath('gal_golden')}?${API}`)).status).toBe(503);
    expect((await armRequest(emu, `${galleryPath('gal_golden')}?${API}`)).status).toBe(200);
    emu.setFaults({});
  });
});
