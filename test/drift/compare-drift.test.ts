/** compareDrift from data: one desired-state rule at a time against a small gallery. */
import { compareDrift } from '../../src/drift/compare-drift';
import { parseDesiredState } from '../../src/drift/desired-state';
import type { DriftDifference } from '../../src/drift/drift-types';
import { readDriftSnapshot } from '../../src/drift/read-drift-snapshot';
import { ForbiddenError } from '../../src/errors';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import { GalleryBuilder } from '../fixtures/gallery-builder';

/** gal_golden/app: 1.0.0 (old, excluded, past EOL), 1.1.0 (latest, eastus2 ×2 ZRS + westus2 ×1 LRS). */
function live(): GalleryBuilder {
  const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').gallery('gal_shared', { sharing: 'Groups', sharedWith: ['22222222-0000-0000-0000-000000000000'] });
  b.image('gal_golden', 'app')
    .version('gal_golden', 'app', '1.0.0', { publishedDays: -400, eolDays: -10, excludeFromLatest: true, regions: [['eastus2', 'Completed']] })
    .version('gal_golden', 'app', '1.1.0', { publishedDays: -30, eolDays: 300, regions: [['eastus2', 'Completed', 100, { replicas: 2 }], ['westus2', 'Completed']] });
  b.port.versions.find((v) => v.version === '1.1.0')!.targetRegions[0]!.storageAccountType = 'Standard_ZRS';
  return b;
}

async function drift(raw: unknown, b: GalleryBuilder = live()): Promise<{ differences: DriftDifference[]; problems: string[]; checked: object }> {
  const desired = parseDesiredState(raw);
  return compareDrift(desired, await readDriftSnapshot(b.port, desired, () => DEMO_NOW), DEMO_NOW);
}

const appRule = (rule: object) => ({ galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'app', ...rule }] }] });
const brief = (d: DriftDifference) => [d.kind, d.version ?? '', d.region ?? '', d.expected, d.actual];

test.each<[string, unknown, unknown[][]]>([
  ['nothing when the state matches', appRule({ regions: [{ region: 'eastus2', replicas: 2, storageAccountType: 'Standard_ZRS' }, 'westus2'] }), []],
  ['a missing region (on the latest only, by default)', appRule({ regions: ['eastus2', 'centralus'] }), [['region-missing', '1.1.0', 'Central US', 'replicated to Central US', 'not a target region']]],
  ['a replica count', appRule({ regions: [{ region: 'West US 2', replicas: 2 }] }), [['replica-count', '1.1.0', 'West US 2', '2 replicas', '1 replica']]],
  ['a storage type', appRule({ regions: [{ region: 'westus2', storageAccountType: 'Standard_ZRS' }] }), [['storage-type', '1.1.0', 'West US 2', 'Standard_ZRS', 'Standard_LRS']]],
  ['versions: all checks every version before its end of life', appRule({ versions: 'all', regions: ['westus2'] }), []],
  ['an end of life required, on every version', appRule({ endOfLife: { required: true } }), []],
  ['an age limit: past end of life is fine, in service is not', appRule({ endOfLife: { maxAgeDays: 20 } }), [['version-too-old', '1.1.0', '', 'at most 20 days old before its end of life', '30 days old, end of life 2027-09-19']]],
  ['a missing definition', { galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'web' }] }] }, [['definition-missing', '', '', 'exists', 'not found']]],
  ['a missing gallery', { galleries: [{ gallery: 'rg-other/gal_golden' }] }, [['gallery-missing', '', '', 'exists', 'not found']]],
  ['sharing', { galleries: [{ gallery: 'gal_shared', sharing: 'Private' }, { gallery: 'gal_golden', sharing: 'Private' }] }, [['sharing', '', '', 'Private', 'Groups']]],
])('%s', async (_name, raw, expected) => {
  expect((await drift(raw)).differences.map(brief)).toEqual(expected);
});

test('the fix for each difference', async () => {
  const { differences } = await drift({
    galleries: [
      { gallery: 'gal_shared', sharing: 'Private' },
      { gallery: 'gal_golden', definitions: [{ image: 'app', regions: ['centralus', { region: 'eastus2', replicas: 3 }], endOfLife: { maxAgeDays: 20 } }, { image: 'web' }] },
    ],
  });
  const fixes = Object.fromEntries(differences.map((d) => [d.kind, d.fixes.map((f) => `${f.runnable ? 'button' : 'type'}: ${f.command}`)]));
  expect(fixes).toEqual({
    'definition-missing': [
      'type: az sig image-definition create --resource-group rg-images --gallery-name gal_golden --gallery-image-definition web --subscription 11111111-2222-3333-4444-555555555555 --publisher <publisher> --offer <offer> --sku <sku> --os-type <Linux|Windows>',
    ],
    'region-missing': ['type: promote gal_golden/app 1.1.0 to centralus', 'button: image status gal_golden/app 1.1.0'],
    // Only the count changes, by its place in ARM's list: az reads the version and writes it back whole, so
    // each region keeps its keys, additional replica sets and latest setting (--target-regions would drop them).
    'replica-count': [
      "type: az sig image-version update --resource-group rg-images --gallery-name gal_golden --gallery-image-definition app --gallery-image-version 1.1.0 --subscription 11111111-2222-3333-4444-555555555555 --set 'publishingProfile.targetRegions[0].regionalReplicaCount=3'",
      'button: image status gal_golden/app 1.1.0',
    ],
    'version-too-old': ['type: retire gal_golden/app 1.1.0', 'button: usage gal_golden/app 1.1.0'],
    sharing: ['type: az sig share reset --resource-group rg-images --gallery-name gal_shared --subscription 11111111-2222-3333-4444-555555555555'],
  });
  // Listed in a fixed order of kinds, whatever the file's order.
  expect(differences.map((d) => d.kind)).toEqual(['definition-missing', 'region-missing', 'replica-count', 'version-too-old', 'sharing']);
});

test('a missing end of life, with a date suggested from the age limit', async () => {
  const b = live();
  b.version('gal_golden', 'app', '1.2.0', { publishedDays: -2, excludeFromLatest: true });
  const { differences } = await drift(appRule({ endOfLife: { required: true, maxAgeDays: 100 } }), b);
  expect(differences.map((d) => [d.kind, d.version, d.text])).toEqual([['end-of-life-missing', '1.2.0', 'gal_golden/app 1.2.0 has no end-of-life date; the desired state requires one on every version.']]);
  expect(differences[0]!.fixes[0]!.command).toMatch(/--gallery-image-version 1\.2\.0 .*--end-of-life-date 2027-03-01$/);
});

test('a version past its age limit with no end of life: the fix proposes 30 days from today, never the past date', async () => {
  const b = live();
  // Published seven years before DEMO_NOW (2026-11-23), as the outside check found: published + 365 is 2020-11-22.
  b.version('gal_golden', 'app', '0.9.0', { publishedDays: -7 * 365 - 2, excludeFromLatest: true });
  const { differences } = await drift(appRule({ endOfLife: { required: true, maxAgeDays: 365 } }), b);
  const missing = differences.find((d) => d.kind === 'end-of-life-missing')!;
  expect(missing.version).toBe('0.9.0');
  expect(missing.text).toBe(
    'gal_golden/app 0.9.0 has no end-of-life date; the desired state requires one on every version. Its desired end of life, 2020-11-22 (365 days after publishing), is past; the fix proposes 2026-12-23, 30 days from today, so whoever still runs it has notice.',
  );
  expect(missing.fixes.map((f) => [f.runnable ? 'button' : 'type', f.command.replace(/^az .* --end-of-life-date /, 'az … --end-of-life-date '), f.purpose])).toEqual([
    ['type', 'az … --end-of-life-date 2026-12-23', 'set its end of life 30 days from today; the desired 2020-11-22 is past'],
    ['button', 'usage gal_golden/app 0.9.0', 'see who still runs it'],
  ]);
  // Every date any drift fix carries is after today.
  const dates = differences.flatMap((d) => d.fixes.flatMap((f) => f.command.match(/\d{4}-\d{2}-\d{2}/g) ?? []));
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((d) => d > '2026-11-23')).toBe(true);
});

test('no version eligible for latest: said, instead of checking nothing silently', async () => {
  const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').image('gal_golden', 'app').version('gal_golden', 'app', '1.0.0', { excludeFromLatest: true });
  const { differences } = await drift(appRule({ regions: ['eastus2'] }), b);
  expect(differences.map(brief)).toEqual([['no-latest', '', '', 'a version eligible for latest', 'every version is excluded from latest']]);
});

test('reads only what the file names, and a failed read is a problem, not a difference', async () => {
  const b = demoGallery();
  b.port.listVersions = async () => {
    throw new ForbiddenError('The bot may not read gal_golden.');
  };
  const result = await drift({ galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'dispatch', regions: ['westus2'] }] }] }, b);
  expect(result.differences).toEqual([]);
  expect(result.problems).toEqual(['Could not list the versions of gal_golden/dispatch: The bot may not read gal_golden.']);
  expect(b.port.calls.map((c) => `${c.method} ${c.target ?? ''}`.trim())).toEqual(['listGalleries', 'listImages gal_golden']);
});

test('a gallery name used in two resource groups must be qualified', async () => {
  const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').gallery('gal_golden', { resourceGroup: 'rg-other', id: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-other/providers/Microsoft.Compute/galleries/gal_golden' });
  expect((await drift({ galleries: [{ gallery: 'gal_golden', sharing: 'Groups' }] }, b)).problems).toEqual([
    'The desired state\'s gallery "gal_golden" names 2 galleries; qualify it as resourceGroup/gallery.',
  ]);
  expect((await drift({ galleries: [{ gallery: 'rg-other/gal_golden', sharing: 'Groups' }] }, b)).differences.map(brief)).toEqual([['sharing', '', '', 'Groups', 'Private']]);
});
