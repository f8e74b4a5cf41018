/** buildReport from data: the demo seed as the fixtures model it, and one table per rule. */
import { ThrottledError, UpstreamError } from '../../src/errors';
import { buildReport } from '../../src/report/build-report';
import type { ReportFinding } from '../../src/report/report-types';
import { parseDesiredState } from '../../src/drift/desired-state';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import { GalleryBuilder, type RegionSpec } from '../fixtures/gallery-builder';
import { demoUsage, FakeUsage, ref, snapshotOf } from './report-fixtures';

const SETTINGS = { eolSoonDays: 30, staleLatestDays: 90 };
const row = (f: ReportFinding): string => `${f.kind} ${f.severity} ${f.gallery}${f.image ? `/${f.image}` : ''}${f.version ? ` ${f.version}` : ''}`;

/** One gallery, one definition `app`, versions as given. */
function app(versions: Array<[version: string, options: Parameters<GalleryBuilder['version']>[3]]>): GalleryBuilder {
  const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').image('gal_golden', 'app');
  for (const [v, o] of versions) b.version('gal_golden', 'app', v, o);
  return b;
}

describe('the demo', () => {
  test('every finding, in report order, with its severity', async () => {
    const report = buildReport(await snapshotOf(demoGallery(), { usage: demoUsage() }), SETTINGS, DEMO_NOW);
    expect(report.findings.map(row)).toEqual([
      'past-end-of-life high gal_golden/gpu-analytics 1.0.0',
      'past-end-of-life medium gal_golden/callcenter-desktop 2026.3.0',
      'end-of-life-soon medium gal_golden/callcenter-desktop 2026.4.0',
      'replication-failed high gal_golden/dispatch 2026.5.1',
      'shared-beyond-private medium gal_staging',
      'stale-latest low gal_golden/callcenter-desktop 2026.5.0',
      'stale-latest low gal_golden/records 2026.5.0',
      'stale-latest low gal_golden/reporting 2026.5.0',
    ]);
    expect(report.problems).toEqual([]);
    expect(report.scanned).toEqual({ subscriptions: ['11111111-2222-3333-4444-555555555555'], galleries: 2, definitions: 6, versions: 13 });
  });

  test('who runs a version past end of life, and the command that fixes each finding', async () => {
    const report = buildReport(await snapshotOf(demoGallery(), { usage: demoUsage() }), SETTINGS, DEMO_NOW);
    const [gpu, callcenter] = report.findings;
    expect(gpu!.text).toBe('gal_golden/gpu-analytics 1.0.0 is past end of life (2026-10-24, 30 days ago) and still runs on VM vm-analytics-01.');
    expect(gpu!.runningOn).toEqual([expect.objectContaining({ kind: 'VM', name: 'vm-analytics-01', pinned: true })]);
    expect(gpu!.fixes.map((f) => [f.command, f.runnable])).toEqual([
      ['usage gal_golden/gpu-analytics 1.0.0', true],
      ['retire gal_golden/gpu-analytics 1.0.0', false],
    ]);
    // vmss-callcenter references the definition, whose latest is 2026.5.0: it does not run 2026.3.0.
    expect(callcenter!.text).toBe('gal_golden/callcenter-desktop 2026.3.0 is past end of life (2026-11-13, 10 days ago); nothing in scope runs it.');
    expect(callcenter!.fixes.map((f) => f.command)).toEqual([
      'usage gal_golden/callcenter-desktop 2026.3.0',
      'az sig image-version delete --resource-group rg-images --gallery-name gal_golden --gallery-image-definition callcenter-desktop --gallery-image-version 2026.3.0 --subscription 11111111-2222-3333-4444-555555555555',
    ]);
    const byKind = (k: ReportFinding['kind']) => report.findings.filter((f) => f.kind === k);
    expect(byKind('replication-failed')[0]).toMatchObject({ regions: ['Central US'], isLatest: true, fixes: [{ command: 'image status gal_golden/dispatch 2026.5.1', runnable: true }] });
    expect(byKind('shared-beyond-private')[0]!.fixes[0]!.command).toBe('az sig share reset --resource-group rg-images --gallery-name gal_staging --subscription 11111111-2222-3333-4444-555555555555');
    // callcenter-desktop has a newer version waiting; records has none.
    expect(byKind('stale-latest').map((f) => f.fixes[0]!.command)).toEqual([
      'promote gal_golden/callcenter-desktop 2026.6.0 to latest',
      'versions gal_golden/records',
      'versions gal_golden/reporting',
    ]);
  });

  test('bounded ARM cost: one list per gallery and definition, usage once per definition, replication only for what matters', async () => {
    const b = demoGallery();
    const usage = demoUsage();
    const snapshot = await snapshotOf(b, { usage });
    expect([b.port.countCalls('listGalleries'), b.port.countCalls('listImages'), b.port.countCalls('listVersions')]).toEqual([1, 2, 6]);
    expect(b.port.calls.filter((c) => c.method === 'getVersion').every((c) => c.withReplication)).toBe(true);
    // Every latest, dispatch 2026.5.0 (vmss-dispatch-prod pins it) and callcenter-desktop 2026.6.0 (published a day
    // ago); not the three older versions nobody pins, nor the two past end of life.
    expect(b.port.calls.filter((c) => c.method === 'getVersion').map((c) => c.target).sort()).toEqual(
      ['gal_golden/callcenter-desktop/2026.5.0', 'gal_golden/callcenter-desktop/2026.6.0', 'gal_golden/dispatch/2026.5.0', 'gal_golden/dispatch/2026.5.1', 'gal_golden/gpu-analytics/1.2.0', 'gal_golden/records/2026.5.0', 'gal_golden/reporting/2026.5.0', 'gal_staging/dispatch/2026.6.0'],
    );
    expect(snapshot.coverage).toEqual({ checked: 8, versions: 13, replicationDays: 30 });
    expect(usage.calls.length).toBe(6);
  });

  test('the desired state adds required regions', async () => {
    const desired = parseDesiredState({ galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'dispatch', regions: ['eastus2', 'West US 2'] }] }] });
    const report = buildReport(await snapshotOf(demoGallery(), { usage: demoUsage(), desired }), SETTINGS, DEMO_NOW);
    const missing = report.findings.filter((f) => f.kind === 'missing-region');
    expect(missing.map(row)).toEqual([
      'missing-region high gal_golden/dispatch 2026.5.1',
      'missing-region medium gal_golden/dispatch 2026.4.0',
      'missing-region medium gal_golden/dispatch 2026.5.0',
    ]);
    expect(missing[0]!.text).toBe('gal_golden/dispatch 2026.5.1 is not in West US 2 (the desired state requires it).');
    expect(missing[0]!.fixes[0]).toEqual({ command: 'promote gal_golden/dispatch 2026.5.1 to westus2', runnable: false, purpose: 'replicate it there' });
    expect(report.desiredState).toBe(true);
  });
});

describe('end of life', () => {
  test.each<[eolDays: number | undefined, expected: string[]]>([
    [-1, ['past-end-of-life']],
    [0, ['past-end-of-life']], // an end of life on today's date has passed
    [1, ['end-of-life-soon']],
    [30, ['end-of-life-soon']],
    [31, []],
    [undefined, []],
  ])('an end of life %p days away gives %p', async (eolDays, expected) => {
    const b = app([['1.0.0', { publishedDays: -10, ...(eolDays === undefined ? {} : { eolDays }) }]]);
    const report = buildReport(await snapshotOf(b), SETTINGS, DEMO_NOW);
    expect(report.findings.map((f) => f.kind)).toEqual(expected);
  });

  test('the threshold is configurable', async () => {
    const b = app([['1.0.0', { publishedDays: -10, eolDays: 45 }]]);
    const report = buildReport(await snapshotOf(b), { eolSoonDays: 60, staleLatestDays: 90 }, DEMO_NOW);
    expect(report.findings.map((f) => f.text)).toEqual(['gal_golden/app 1.0.0 reaches end of life on 2027-01-07 (in 45 days). It is the latest version: promote its successor before then.']);
  });

  test('a latest version past end of life is high, and so is what deploys it through latest', async () => {
    const b = app([['1.0.0', { publishedDays: -100, eolDays: -1 }], ['1.1.0', { publishedDays: -1, eolDays: 100, excludeFromLatest: true }]]);
    const usage = new FakeUsage({ scaleSets: [ref('vmss-web', 'app', undefined, 'vmss')] });
    const [finding] = buildReport(await snapshotOf(b, { usage }), SETTINGS, DEMO_NOW).findings;
    expect(finding).toMatchObject({ kind: 'past-end-of-life', severity: 'high', isLatest: true });
    expect(finding!.text).toContain('still runs on scale set vmss-web (via latest). It is the latest version');
    expect(finding!.fixes.map((f) => f.command)).toContain('promote gal_golden/app 1.1.0 to latest');
  });

  test('usage that cannot be read is said, and named as a problem', async () => {
    const b = app([['1.0.0', { publishedDays: -100, eolDays: -1, excludeFromLatest: true }], ['1.1.0', { publishedDays: -1 }]]);
    const usage = { findUsage: async () => Promise.reject(new UpstreamError('Resource Graph answered 503.')) };
    const report = buildReport(await snapshotOf(b, { usage }), SETTINGS, DEMO_NOW);
    expect(report.findings[0]!.text).toContain('; who runs it could not be read.');
    expect(report.problems).toEqual(['Could not read who runs gal_golden/app: Resource Graph answered 503.']);
  });
});

describe('stale latest', () => {
  test.each<[publishedDays: number | undefined, stale: boolean]>([
    [-90, false],
    [-91, true],
    [undefined, false],
  ])('latest published %p days ago: stale %p', async (publishedDays, stale) => {
    const b = app([['1.0.0', publishedDays === undefined ? {} : { publishedDays }]]);
    const report = buildReport(await snapshotOf(b), SETTINGS, DEMO_NOW);
    expect(report.findings.some((f) => f.kind === 'stale-latest')).toBe(stale);
  });
});

describe('regions', () => {
  const regions = (...names: string[]): RegionSpec[] => names.map((n) => [n, 'Completed']);

  test('a version not in a region its latest is in; versions past end of life are not checked', async () => {
    const b = app([
      ['0.9.0', { publishedDays: -300, eolDays: -5, regions: regions('eastus2'), excludeFromLatest: true }],
      ['1.0.0', { publishedDays: -20, regions: regions('eastus2') }],
      ['1.1.0', { publishedDays: -1, regions: regions('eastus2', 'westus2', 'centralus') }],
    ]);
    const report = buildReport(await snapshotOf(b, { usage: new FakeUsage() }), SETTINGS, DEMO_NOW);
    const missing = report.findings.filter((f) => f.kind === 'missing-region');
    expect(missing.map((f) => [f.version, f.regions, f.fixes[0]!.command])).toEqual([['1.0.0', ['West US 2', 'Central US'], 'promote gal_golden/app 1.0.0 to westus2,centralus']]);
    expect(missing[0]!.text).toBe('gal_golden/app 1.0.0 is not in West US 2, Central US (the latest version is there).');
  });

  test('failed regions are named with their details; replication that cannot be read is a problem', async () => {
    const b = app([
      ['1.0.0', { publishedDays: -20, regions: [['eastus2', 'Completed'], ['westus2', 'Failed', 10, { details: 'Quota exceeded.' }]] }],
      ['1.1.0', { publishedDays: -1, regions: regions('eastus2', 'westus2') }],
    ]);
    const realGet = b.port.getVersion.bind(b.port);
    b.port.getVersion = async (image, version, options) => {
      if (version === '1.1.0') throw new ThrottledError('Azure is throttling reads.');
      return realGet(image, version, options);
    };
    const report = buildReport(await snapshotOf(b), SETTINGS, DEMO_NOW);
    expect(report.findings.map((f) => [f.kind, f.version, f.text])).toEqual([['replication-failed', '1.0.0', 'gal_golden/app 1.0.0 failed to replicate to West US 2. Quota exceeded.']]);
    expect(report.problems).toEqual(['Replication of gal_golden/app 1.1.0 could not be read: Azure is throttling reads.']);
  });
});

describe('sharing', () => {
  test.each<[sharing: string, expected: string[]]>([
    ['Private', []],
    ['Groups', ['shared-beyond-private medium gal_x']],
    ['Community', ['shared-beyond-private high gal_x']],
  ])('%s', async (sharing, expected) => {
    const b = new GalleryBuilder(DEMO_NOW).gallery('gal_x', { sharing, sharedWith: sharing === 'Groups' ? ['22222222-0000-0000-0000-000000000000'] : [] });
    expect(buildReport(await snapshotOf(b), SETTINGS, DEMO_NOW).findings.map(row)).toEqual(expected);
  });
});

describe('replica storage', () => {
  test('size × replicas over regions and versions, the global replica count where a region has none, largest first', async () => {
    const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').image('gal_golden', 'small').image('gal_golden', 'big');
    b.version('gal_golden', 'small', '1.0.0', { publishedDays: -1, osDiskSizeGB: 30, regions: [['eastus2', 'Completed', 100, { replicas: 2 }]] });
    b.version('gal_golden', 'big', '1.0.0', { publishedDays: -2, osDiskSizeGB: 100, dataDiskSizesGB: [28, 2], regions: [['eastus2', 'Completed', 100, { replicas: 3 }], ['westus2', 'Completed']] });
    b.version('gal_golden', 'big', '1.1.0', { publishedDays: -1, regions: [['eastus2', 'Completed']] });
    // westus2 without its own count: ARM applies the version's replicaCount.
    const big = b.port.versions.find((v) => v.image === 'big' && v.version === '1.0.0')!;
    big.replicaCount = 2;
    big.targetRegions[1]!.regionalReplicaCount = undefined;
    const { storage } = buildReport(await snapshotOf(b), SETTINGS, DEMO_NOW);
    expect(storage.map((s) => [s.image, s.sizeGB, s.replicas, s.versions, s.regions, s.unsizedVersions])).toEqual([
      ['big', 130 * (3 + 2), 6, 2, 2, 1],
      ['small', 60, 2, 1, 1, 0],
    ]);
  });
});
