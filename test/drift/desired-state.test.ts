/** The desired-state file: what it accepts, how it says what is wrong, and that a broken one stops the start. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { DesiredStateError, parseDesiredState, readDesiredStateFile } from '../../src/drift/desired-state';
import { projectPath } from '../../src/project-root';

function problemsOf(raw: unknown): string[] {
  try {
    parseDesiredState(raw);
  } catch (err) {
    if (err instanceof DesiredStateError) return err.problems;
    throw err;
  }
  return [];
}

const gallery = (definitions: unknown[], extra: object = {}) => ({ galleries: [{ gallery: 'gal_golden', definitions, ...extra }] });

test('the shipped demo and example files are valid', () => {
  expect(readDesiredStateFile(projectPath('config', 'desired-state.demo.json')).galleries.map((g) => g.name)).toEqual(['gal_golden', 'gal_staging']);
  expect(readDesiredStateFile(projectPath('config', 'desired-state.example.json')).galleries).toHaveLength(2);
});

test('regions by either name, storage types in any case, defaults applied per key', () => {
  const state = parseDesiredState({
    defaults: { versions: 'all', storageAccountType: 'standard_zrs', endOfLife: { required: true, maxAgeDays: 365 } },
    galleries: [
      {
        gallery: 'rg-images/gal_golden',
        sharing: 'private',
        definitions: [
          { image: 'dispatch', regions: ['East US 2', { region: 'centralus', replicas: 2, storageAccountType: 'Standard_LRS' }], endOfLife: { required: false } },
          { image: 'records', versions: 'latest' },
        ],
      },
    ],
  });
  const [dispatch, records] = state.galleries[0]!.definitions;
  expect(state.galleries[0]!.sharing).toBe('Private');
  expect(dispatch).toEqual({
    image: 'dispatch',
    versions: 'all',
    regions: [
      { name: 'eastus2', displayName: 'East US 2', storageAccountType: 'Standard_ZRS' },
      { name: 'centralus', displayName: 'Central US', replicas: 2, storageAccountType: 'Standard_LRS' },
    ],
    endOfLife: { required: false, maxAgeDays: 365 },
  });
  expect(records).toMatchObject({ versions: 'latest', regions: [], endOfLife: { required: true, maxAgeDays: 365 } });
  expect(Object.isFrozen(state.galleries[0]!.definitions[0]!.regions)).toBe(true);
});

test.each<[string, unknown, string[]]>([
  ['an empty file', {}, ['galleries: required: list the galleries to compare']],
  ['no galleries', { galleries: [] }, ['galleries: list at least one gallery']],
  ['a region typo', gallery([{ image: 'dispatch', regions: ['eastus22'] }]), ['galleries.0.definitions.0.regions.0.region: "eastus22" is not an Azure region (write eastus2 or East US 2)']],
  ['zero replicas', gallery([{ image: 'dispatch', regions: [{ region: 'eastus2', replicas: 0 }] }]), ['galleries.0.definitions.0.regions.0.replicas: Too small: expected number to be >=1']],
  ['an unknown storage type', gallery([{ image: 'dispatch', storageAccountType: 'Premium_ZRS' }]), ['galleries.0.definitions.0.storageAccountType: must be one of Standard_LRS, Standard_ZRS, Premium_LRS, PremiumV2_LRS']],
  ['an unknown sharing mode', gallery([], { sharing: 'Public' }), ['galleries.0.sharing: must be one of Private, Groups, Community']],
  ['a misspelt key', gallery([{ image: 'dispatch', region: ['eastus2'] }]), ['galleries.0.definitions.0: Unrecognized key: "region"']],
  ['an unknown versions mode', gallery([{ image: 'dispatch', versions: 'newest' }]), ['galleries.0.definitions.0.versions: must be "latest" or "all"']],
  ['a negative age', gallery([{ image: 'dispatch', endOfLife: { maxAgeDays: -1 } }]), ['galleries.0.definitions.0.endOfLife.maxAgeDays: Too small: expected number to be >=1']],
  ['a gallery path too long', { galleries: [{ gallery: 'a/b/c/d' }] }, ['galleries.0.gallery: must be gallery, resourceGroup/gallery or subscriptionId/resourceGroup/gallery']],
  [
    'duplicates',
    { galleries: [{ gallery: 'g', definitions: [{ image: 'x', regions: ['eastus2', 'East US 2'] }, { image: 'X' }] }, { gallery: 'G' }] },
    ['galleries.0.definitions.0.regions.1: East US 2 is listed twice', 'galleries.0.definitions.1: definitions.0 already describes X', 'galleries.1: galleries.0 already describes G'],
  ],
])('refuses %s, saying where and why', (_name, raw, expected) => {
  expect(problemsOf(raw)).toEqual(expected);
});

describe('at start (config.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desired-state-'));

  test('the embedded demo uses the shipped file', () => {
    expect(loadConfig({}).desiredStateFile).toBe(projectPath('config', 'desired-state.demo.json'));
  });

  test('a broken file stops the start, naming the setting, the file and every problem', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(gallery([{ image: 'dispatch', regions: ['mars1'], replicas: 2 }])));
    let problems: string[] = [];
    try {
      loadConfig({ DESIRED_STATE_FILE: file });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([
      `DESIRED_STATE_FILE ${file}: galleries.0.definitions.0.regions.0.region: "mars1" is not an Azure region (write eastus2 or East US 2)`,
      `DESIRED_STATE_FILE ${file}: galleries.0.definitions.0: Unrecognized key: "replicas"`,
    ]);
  });

  test('a file that is not JSON, or missing', () => {
    const file = join(dir, 'not-json.json');
    writeFileSync(file, '{ "galleries": [');
    expect(() => loadConfig({ DESIRED_STATE_FILE: file })).toThrow(/DESIRED_STATE_FILE .*not-json\.json: cannot read .* as JSON/);
    expect(() => loadConfig({ DESIRED_STATE_FILE: join(dir, 'missing.json') })).toThrow(/DESIRED_STATE_FILE .*missing\.json: cannot read/);
  });

  test('Azure mode has none unless configured', () => {
    expect(loadConfig({ GALLERY_SCOPES: '/subscriptions/11111111-2222-3333-4444-555555555555' }).desiredStateFile).toBeUndefined();
  });
});
