/** Pure modules of the emulator, from data tables. */
import { checkApiVersion, GALLERY_API_VERSIONS } from '../../emulator/api-version';
import { ArmError } from '../../emulator/arm-error';
import { canonicalId, routeArmPath } from '../../emulator/arm-route';
import { readCliSettings } from '../../emulator/cli-options';
import { FaultInjector, parseFaultConfig } from '../../emulator/faults';
import { isValidGalleryName, isValidDefinitionName, isValidVersionName } from '../../emulator/names';
import { paginate } from '../../emulator/paging';
import { resolveDateToken, resolveDateTokens } from '../../emulator/relative-dates';
import { planFromSeed, replan, replicationStatus } from '../../emulator/replication';
import { buildVersionForPatch, buildVersionForPut } from '../../emulator/version-writes';

const SUB = '11111111-2222-3333-4444-555555555555';

test.each([
  [`/subscriptions/${SUB}/providers/Microsoft.Compute/galleries`, { kind: 'list-subscription', type: 'galleries' }],
  [`/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/rg/PROVIDERS/microsoft.compute/GALLERIES`, { kind: 'list-group', resourceGroup: 'rg' }],
  [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/Images/i/Versions/1.0.0`, { kind: 'resource', address: { subscriptionId: SUB, resourceGroup: 'rg', kind: 'version', names: ['g', 'i', '1.0.0'] } }],
  [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images`, { kind: 'list-children', childKind: 'image' }],
  [`/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachineScaleSets`, { kind: 'list-subscription', type: 'virtualMachineScaleSets' }],
  [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`, { kind: 'resource', address: { kind: 'vm', names: ['vm1'] } }],
  [`/subscriptions/${SUB}/providers/Microsoft.Compute/locations/eastus2/capsOperations/abc`, { kind: 'operation', location: 'eastus2', operationId: 'abc' }],
  [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks`, { kind: 'unknown-type', type: 'disks' }],
  ['/providers/Microsoft.Compute/galleries/g', { kind: 'no-route' }],
])('routes %s', (path, expected) => {
  expect(routeArmPath(path)).toMatchObject(expected);
});

test('canonical ids round-trip through the router', () => {
  const address = { subscriptionId: SUB, resourceGroup: 'rg-images', kind: 'version' as const, names: ['gal_golden', 'dispatch', '2026.5.1'] };
  expect(routeArmPath(canonicalId(address))).toEqual({ kind: 'resource', address });
});

test.each([
  ['gal_golden', true], ['g', true], ['a'.repeat(80), true], ['a'.repeat(81), false], ['_gallery', false],
  ['gallery-', false], ['gallery.', false], ['my gallery', false], ['gal.v2_x-y', true],
])('gallery name %s valid: %s', (name, ok) => expect(isValidGalleryName(name)).toBe(ok));

test.each([
  ['callcenter-desktop', true], ['win.11', true], ['under_score', false], ['', false], ['a'.repeat(81), false],
])('definition name %s valid: %s', (name, ok) => expect(isValidDefinitionName(name)).toBe(ok));

test.each([
  ['2026.5.1', true], ['0.0.0', true], ['2147483647.0.0', true], ['2147483648.0.0', false], ['1.0', false],
  ['1.0.0.0', false], ['1.0.x', false], ['-1.0.0', false], ['latest', false],
])('version name %s valid: %s', (name, ok) => expect(isValidVersionName(name)).toBe(ok));

const gallery = { kind: 'gallery', type: 'galleries/images/versions', location: 'westus' } as const;

test.each(GALLERY_API_VERSIONS.map((v) => [v]))('gallery api-version %s is accepted', (value) => expect(checkApiVersion(value, gallery)).toBe(value));

test.each([
  [null, 'MissingApiVersionParameter'], ['', 'MissingApiVersionParameter'], ['latest', 'InvalidApiVersionParameter'], ['2025-13-45', 'InvalidApiVersionParameter'],
  ['2021-03-01', 'NoRegisteredProviderFound'], ['2022-03-02', 'NoRegisteredProviderFound'], ['2024-07-01-preview', 'NoRegisteredProviderFound'], ['2027-03-03', 'NoRegisteredProviderFound'],
])('gallery api-version %s is refused with %s', (value, code) => {
  expect(() => checkApiVersion(value, gallery)).toThrow(expect.objectContaining({ status: 400, code }) as ArmError);
});

test('an unsupported gallery api-version is refused in ARM\'s words, naming type, location and the supported versions', () => {
  expect(() => checkApiVersion('2019-12-01', gallery)).toThrow(
    "No registered resource provider found for location 'westus' and API version '2019-12-01' for type 'galleries/images/versions'. " +
      `The supported api-versions are '${GALLERY_API_VERSIONS.join(', ')}'. The supported locations are '`,
  );
});

test.each([['2026-04-01'], ['2024-07-01-preview'], ['2018-06-01']])('scale sets and VMs accept Compute api-version %s', (value) => {
  expect(checkApiVersion(value)).toBe(value.slice(0, 10));
});

describe('relative dates', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');
  test.each([
    ['@now', '2026-11-20T12:00:00.000Z'], ['@now-170d', '2026-06-03T12:00:00.000Z'], ['@now+365d', '2027-11-20T12:00:00.000Z'],
    ['@now-2h', '2026-11-20T10:00:00.000Z'], ['@now+90m', '2026-11-20T13:30:00.000Z'],
  ])('%s → %s', (token, iso) => expect(resolveDateToken(token, now)).toBe(iso));

  test('resolves deep inside documents and leaves other strings alone', () => {
    expect(resolveDateTokens({ a: [{ d: '@now-1d' }], b: 'now-1d', c: 3 }, now)).toEqual({ a: [{ d: '2026-11-19T12:00:00.000Z' }], b: 'now-1d', c: 3 });
  });

  test('a malformed token is an error, not a silent string', () => {
    expect(() => resolveDateTokens({ d: '@now-3w' }, now)).toThrow(/Malformed date token '@now-3w'/);
  });
});

test('paging returns an absolute nextLink until the last page', () => {
  const link = (offset: number) => `https://127.0.0.1:1/x?$skiptoken=${offset}`;
  expect(paginate([1, 2, 3, 4, 5], null, 2, link)).toEqual({ value: [1, 2], nextLink: link(2) });
  expect(paginate([1, 2, 3, 4, 5], '4', 2, link)).toEqual({ value: [5] });
  expect(paginate([1, 2], null, 2, link)).toEqual({ value: [1, 2] });
  expect(() => paginate([1], 'abc', 2, link)).toThrow(/skiptoken/);
});

describe('fault injection is deterministic', () => {
  test('count: exactly the first N matching requests', () => {
    const faults = new FaultInjector({ throttle: { count: 2, match: '/versions/' } });
    const hits = ['GET /a/versions/1', 'GET /a/images', 'GET /a/versions/1', 'GET /a/versions/1'].map((line) => faults.throttle(line) !== undefined);
    expect(hits).toEqual([true, false, true, false]);
  });

  test('fraction: spread evenly, no randomness', () => {
    const faults = new FaultInjector({ serverError: { fraction: 0.5 } });
    expect(Array.from({ length: 6 }, () => faults.serverError('GET /x') !== undefined)).toEqual([false, true, false, true, false, true]);
  });

  test('setting a new config resets the counters', () => {
    const faults = new FaultInjector({ throttle: { count: 1 } });
    expect(faults.throttle('GET /x')).toBeDefined();
    expect(faults.throttle('GET /x')).toBeUndefined();
    faults.set({ throttle: { count: 1 } });
    expect(faults.throttle('GET /x')).toBeDefined();
  });

  test('invalid configurations are refused with the field named', () => {
    expect(() => parseFaultConfig({ throttle: { count: -1 } })).toThrow(/throttle\.count/);
    expect(() => parseFaultConfig({ latency: 5 })).toThrow(/Invalid fault configuration/);
    expect(() => parseFaultConfig({ throttle: { match: '(' } })).toThrow();
  });
});

describe('replication plans', () => {
  test('seeded states are static; a region the seed does not mention is Unknown, never invented as Completed', () => {
    const plan = planFromSeed(['East US 2', 'Southeast Asia'], { summary: [{ region: 'Southeast Asia', state: 'Replicating', progress: 40 }] });
    expect(replicationStatus(plan, 1e12)).toEqual({
      aggregatedState: 'InProgress',
      summary: [
        { region: 'East US 2', state: 'Unknown', details: '', progress: 0 },
        { region: 'Southeast Asia', state: 'Replicating', details: '', progress: 40 },
      ],
    });
    expect(replicationStatus(planFromSeed(['West US', 'East US'], undefined), 1e12)).toEqual({
      aggregatedState: 'Unknown',
      summary: [
        { region: 'West US', state: 'Unknown', details: '', progress: 0 },
        { region: 'East US', state: 'Unknown', details: '', progress: 0 },
      ],
    });
  });

  test('regions added at runtime replicate, then complete; kept regions keep their state', () => {
    const seeded = planFromSeed(['Central US'], { summary: [{ region: 'Central US', state: 'Failed', progress: 62 }] });
    const plan = replan(seeded, ['centralus', 'West US 2'], 1000, 500);
    expect(replicationStatus(plan, 1250).summary.map((s) => [s.state, s.progress])).toEqual([['Failed', 62], ['Replicating', 50]]);
    expect(replicationStatus(plan, 1500).summary[1]).toMatchObject({ state: 'Completed', progress: 100 });
    expect(replicationStatus(plan, 1500).aggregatedState).toBe('Failed');
  });
});

describe('version writes', () => {
  const address = { subscriptionId: SUB, resourceGroup: 'rg', kind: 'version' as const, names: ['g', 'i', '1.0.0'] };
  const body = { location: 'eastus2', properties: { publishingProfile: { targetRegions: [{ name: 'eastus2' }] }, storageProfile: { source: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/images/z' } } } };
  const now = new Date('2026-11-20T00:00:00Z');

  test('PUT fills ARM defaults and display names', () => {
    const doc = buildVersionForPut({ address, body, now, apiVersion: '2025-12-03' }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.properties.publishingProfile).toMatchObject({
      targetRegions: [{ name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false }],
      replicaCount: 1,
      publishedDate: now.toISOString(),
    });
    expect(doc.properties.publishingProfile.endOfLifeDate).toBeUndefined();
    expect(doc.properties.provisioningState).toBe('Creating');
  });

  test('from api-version 2026-03-03 a new version defaults to EOL +6 months and blocked deletion', () => {
    const doc = buildVersionForPut({ address, body, now, apiVersion: '2026-03-03' }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.properties.publishingProfile.endOfLifeDate).toBe('2027-05-20T00:00:00.000Z');
    expect(doc.properties.safetyProfile.blockDeletionBeforeEndOfLife).toBe(true);
  });

  test('PATCH merges, keeps read-only facts, refuses a different source', () => {
    const existing = buildVersionForPut({ address, body, now, apiVersion: '2025-12-03' });
    const patched = buildVersionForPatch(existing, { properties: { publishingProfile: { excludeFromLatest: true, endOfLifeDate: '2027-01-01T00:00:00Z' } } }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(patched.properties.publishingProfile).toMatchObject({ excludeFromLatest: true, endOfLifeDate: '2027-01-01T00:00:00.000Z', publishedDate: now.toISOString() });
    expect(patched.properties.publishingProfile.targetRegions).toHaveLength(1);
    expect(() => buildVersionForPatch(existing, { properties: { storageProfile: { source: { id: '/other' } } } })).toThrow(expect.objectContaining({ code: 'PropertyChangeNotAllowed' }) as ArmError);
    expect(() => buildVersionForPatch(existing, { properties: { publishingProfile: { endOfLifeDate: 'soon' } } })).toThrow(expect.objectContaining({ status: 400, code: 'InvalidParameter' }) as ArmError);
  });
});

describe('CLI settings', () => {
  test('flags win over environment; faults come from EMULATOR_FAULTS', () => {
    const settings = readCliSettings(['--port', '8443', '--ca-file', '/tmp/ca.pem'], { EMULATOR_PORT: '1', EMULATOR_PAGE_SIZE: '2', EMULATOR_FAULTS: '{"throttle":{"count":1}}' });
    expect(settings).toEqual({ port: 8443, host: '127.0.0.1', caFile: '/tmp/ca.pem', pageSize: 2, faults: { throttle: { count: 1 } } });
  });

  test('bad values are refused with the setting named', () => {
    expect(() => readCliSettings(['--port', 'x'], {})).toThrow(/--port/);
    expect(() => readCliSettings([], { EMULATOR_FAULTS: '{nope' })).toThrow(/EMULATOR_FAULTS/);
  });
});
