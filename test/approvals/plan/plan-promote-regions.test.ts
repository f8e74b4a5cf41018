import { planPromoteRegions } from '../../../src/approvals/plan';
import type { ImageVersion } from '../../../src/gallery/model';
import { DEMO_NOW, demoVersion, gateSummary, versionId } from './plan-fixtures';

const EXISTING = 'Existing regions Completed (none Failed)';
const EOL = 'Not past end of life';
const POLICY = 'No policy violations';

/** gal_golden/dispatch 2026.5.0: East US 2 and Central US, both Completed; defaults 2 replicas, ZRS. */
const dispatch = (change: (v: ImageVersion) => ImageVersion = (v) => v) =>
  demoVersion('gal_golden/dispatch', '2026.5.0', (v) => change({ ...v, replicaCount: 2, storageAccountType: 'Standard_ZRS' }));

const names = (value: unknown) => (value as { name: string }[]).map((r) => r.name);

test('adds the region with the version’s default replica count and storage type, deployable as latest', () => {
  const result = planPromoteRegions(dispatch(), ['westus2'], DEMO_NOW);
  if (!result.ok) throw new Error(result.refused.reason);
  expect(result.plan).toMatchObject({ kind: 'promote-regions', target: { gallery: 'gal_golden', image: 'dispatch', version: '2026.5.0' }, warnings: [] });
  expect(result.plan.changes).toEqual([
    {
      method: 'PATCH',
      resourceId: versionId('gal_golden', 'dispatch', '2026.5.0'),
      fields: [
        {
          field: 'publishingProfile.targetRegions',
          before: [
            { name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
            { name: 'Central US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
          ],
          after: [
            { name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
            { name: 'Central US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
            { name: 'West US 2', regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS', excludeFromLatest: false },
          ],
        },
      ],
    },
  ]);
  expect(gateSummary(result.plan.gates)).toEqual({ [EXISTING]: true, [EOL]: true, [POLICY]: true });
});

test('a version without defaults leaves them to ARM (no nulls in the plan)', () => {
  const result = planPromoteRegions(dispatch((v) => ({ ...v, replicaCount: undefined, storageAccountType: undefined })), ['westus2'], DEMO_NOW);
  expect(result.ok && (result.plan.changes[0]!.fields[0]!.after as unknown[])[2]).toEqual({ name: 'West US 2', excludeFromLatest: false });
});

describe('regions are compared normalised and shown as Azure shows them', () => {
  test.each([
    [['westus2'], ['West US 2']],
    [['West US 2'], ['West US 2']],
    [['WESTUS2'], ['West US 2']],
    [['  west us 2 '], ['West US 2']],
    [['westus 2'], ['West US 2']],
    [['westus2', 'West US 2', 'WestUS2'], ['West US 2']],
    [['North Europe', 'southeastasia'], ['North Europe', 'Southeast Asia']],
    [['usgovvirginia'], ['US Gov Virginia']],
  ])('%j → adds %j', (typed, added) => {
    const result = planPromoteRegions(dispatch(), typed, DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(names(result.plan.changes[0]!.fields[0]!.after).slice(2)).toEqual(added);
  });

  test('ARM’s location list, when given, decides the names', () => {
    const known = [
      { name: 'eastus2', displayName: 'East US 2' },
      { name: 'newregion1', displayName: 'New Region One' },
    ];
    const result = planPromoteRegions(dispatch(), ['New Region One'], DEMO_NOW, known);
    expect(result.ok && names(result.plan.changes[0]!.fields[0]!.after)).toEqual(['East US 2', 'Central US', 'New Region One']);
    expect(planPromoteRegions(dispatch(), ['westus2'], DEMO_NOW, known)).toMatchObject({ ok: false, refused: { code: 'unknown-region' } });
  });
});

describe('regions already targeted', () => {
  test('noted on the card when other regions are new', () => {
    const result = planPromoteRegions(dispatch(), ['eastus2', 'West US 2', 'central us'], DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(names(result.plan.changes[0]!.fields[0]!.after)).toEqual(['East US 2', 'Central US', 'West US 2']);
    expect(result.plan.warnings).toEqual(['Already a target region, left as it is: East US 2, Central US.']);
  });

  test('refused when nothing is new', () => {
    expect(planPromoteRegions(dispatch(), ['EastUS2'], DEMO_NOW)).toEqual({
      ok: false,
      refused: { code: 'nothing-to-change', reason: 'gal_golden/dispatch 2026.5.0 already replicates to East US 2; there is no region to add.' },
    });
  });
});

describe('names that are not regions are refused before anything is planned', () => {
  test.each([
    [['estus2'], 'unknown-region', '`estus2` is not an Azure region I know. Did you mean westus2, eastus2, eastus?'],
    [['westus2', 'Atlantis'], 'unknown-region', '`Atlantis` is not an Azure region I know.'],
    [['eastus2 westus2'], 'unknown-region', '`eastus2 westus2` is not one region. Separate regions with commas: `eastus2, westus2`.'],
    [[], 'no-regions', 'Name at least one region to add, e.g. `westus2` or `East US 2`.'],
    [[' ', ''], 'no-regions', 'Name at least one region to add, e.g. `westus2` or `East US 2`.'],
  ])('%j', (typed, code, reason) => {
    expect(planPromoteRegions(dispatch(), typed, DEMO_NOW)).toEqual({ ok: false, refused: { code, reason } });
  });
});

describe('gates', () => {
  test.each<[string, ImageVersion, Record<string, boolean>, string | undefined]>([
    ['existing regions all Completed', dispatch(), { [EXISTING]: true, [EOL]: true, [POLICY]: true }, 'Completed in all 2 regions: East US 2, Central US.'],
    ['a Failed existing region (dispatch 2026.5.1)', demoVersion('gal_golden/dispatch', '2026.5.1'), { [EXISTING]: false, [EOL]: true, [POLICY]: true },
      'Not Completed: Central US Failed 35 % (Replication to Central US failed: disk copy timed out).'],
    ['an existing region still Replicating', demoVersion('gal_golden/callcenter-desktop', '2026.6.0'), { [EXISTING]: false }, 'Not Completed: Southeast Asia Replicating 40 %.'],
    ['past end of life (gpu-analytics 1.0.0)', demoVersion('gal_golden/gpu-analytics', '1.0.0'), { [EXISTING]: true, [EOL]: false, [POLICY]: true }, undefined],
    ['policy violation', dispatch((v) => ({ ...v, safety: { ...v.safety, policyViolations: [{ category: 'CopyrightValidation' }] } })), { [EOL]: true, [POLICY]: false }, undefined],
  ])('%s', (_name, version, passed, existingDetail) => {
    const result = planPromoteRegions(version, ['Japan East'], DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(result.plan.gates.map((g) => g.name)).toEqual([EXISTING, EOL, POLICY]);
    expect(gateSummary(result.plan.gates)).toMatchObject(passed);
    if (existingDetail !== undefined) expect(result.plan.gates[0]!.detail).toBe(existingDetail);
  });
});
