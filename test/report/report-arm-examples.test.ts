/**
 * `report` and `drift` over Azure's own REST API examples (../shared/arm-examples): the examples are the
 * emulator's seed, the real SDK and ARM adapter read them, and the findings follow from what they contain.
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { compareDrift } from '../../src/drift/compare-drift';
import { parseDesiredState } from '../../src/drift/desired-state';
import { readDriftSnapshot } from '../../src/drift/read-drift-snapshot';
import { buildReport } from '../../src/report/build-report';
import { readReportSnapshot } from '../../src/report/read-report-snapshot';
import { loadExample, pathsOf, PLACEHOLDERS, TEST_SUBSCRIPTION } from '../emulator/arm-examples';
import { startTestEmulator } from '../emulator/emulator-fixture';
import { adapterFor } from '../gallery/arm/arm-fixture';

const NOW = new Date('2026-11-23T12:00:00Z');
let emulator: RunningEmulator;

beforeAll(async () => {
  const galleries = loadExample('2025-12-03/Gallery_ListByResourceGroup.json').responses['200']!.body.value as unknown[];
  const images = loadExample('2025-12-03/GalleryImage_ListByGallery.json');
  const image = images.responses['200']!.body.value[0] as { name: string };
  const version = loadExample('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json');
  const p = version.parameters;
  emulator = await startTestEmulator({
    placeholders: PLACEHOLDERS,
    now: () => NOW,
    seed: [
      ...galleries.map((resource) => ({ resource })),
      // The examples' own ids are not canonical; they are served where their parameters say.
      { resource: image, at: `${pathsOf(images.parameters).gallery}/images/${String(image.name)}` },
      { resource: version.responses['200']!.body, at: pathsOf(p).version },
    ],
  });
});
afterAll(() => emulator.close());

const adapter = () => adapterFor(emulator, { scopes: [{ subscriptionId: TEST_SUBSCRIPTION }] });

test('report: a Private gallery, a latest flagged ImageFlaggedUnsafe and from 2018 (stale), replicas of 10 + 10 GB in West US ×1 and East US ×2', async () => {
  const { gallery, calls } = adapter();
  const snapshot = await readReportSnapshot({ gallery, now: () => NOW });
  const report = buildReport(snapshot, { eolSoonDays: 30, staleLatestDays: 90 }, NOW);
  expect(report.findings.map((f) => [f.kind, `${f.gallery}/${f.image} ${f.version}`, f.ageDays])).toEqual([
    // The example's safety profile flags it: Azure's verdict is reported before hygiene.
    ['flagged-unsafe', 'myGalleryName/myGalleryImageName 1.0.0', undefined],
    ['stale-latest', 'myGalleryName/myGalleryImageName 1.0.0', 3248],
  ]);
  expect(report.findings[0]!.text).toContain('ImageFlaggedUnsafe');
  expect(report.storage).toEqual([
    { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: 'myResourceGroup', gallery: 'myGalleryName', image: 'myGalleryImageName', versions: 1, replicas: 3, regions: 2, sizeGB: 60, unsizedVersions: 0 },
  ]);
  expect(report.problems).toEqual([]);
  // The inventory and the fleet from Resource Graph, then one GET with replication status for the latest.
  expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname.split('/').slice(-2).join('/')}${new URL(c.url).searchParams.get('$expand') ? ' +replication' : ''}`)).toEqual([
    'POST Microsoft.ResourceGraph/resources',
    'POST Microsoft.ResourceGraph/resources',
    'GET versions/1.0.0 +replication',
  ]);
});

test('drift: replica counts, a required end of life, and the sharing that matches', async () => {
  const { gallery } = adapter();
  const desired = parseDesiredState({
    galleries: [
      {
        gallery: 'myResourceGroup/myGalleryName',
        sharing: 'Private',
        definitions: [{ image: 'myGalleryImageName', regions: ['West US', { region: 'East US', replicas: 3, storageAccountType: 'Standard_LRS' }], endOfLife: { required: true } }],
      },
    ],
  });
  const result = compareDrift(desired, await readDriftSnapshot(gallery, desired, () => NOW), NOW);
  expect(result.differences.map((d) => [d.kind, d.region ?? '', d.expected, d.actual])).toEqual([
    ['replica-count', 'East US', '3 replicas', '2 replicas'],
    ['end-of-life-missing', '', 'an end-of-life date', 'none'],
  ]);
  expect(result.differences[0]!.fixes[0]!.command).toContain("--set 'publishingProfile.targetRegions[1].regionalReplicaCount=3'");
  expect(result.checked).toEqual({ galleries: 1, definitions: 1, versions: 1 });
});
