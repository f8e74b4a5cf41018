import { executionPlanOf, planPromoteStage } from '../../../src/approvals/plan';
import type { ImageVersion } from '../../../src/gallery/model';
import { DEMO_NOW, DEMO_STAGES, demoVersion, gateSummary, SUB, versionId } from './plan-fixtures';

const COMPLETED = 'Completed in every region of staging';
const NEXT = 'production is the next stage';
const DEFINITION = 'Image definition dispatch exists in gal_golden';
const NOT_YET = '2026.6.0 not yet in gal_golden';
const EOL = 'Not past end of life';
const POLICY = 'No policy violations';

/** gal_staging/dispatch 2026.6.0: Completed in both regions, ready for production. */
const staged = (change: (v: ImageVersion) => ImageVersion = (v) => v) => demoVersion('gal_staging/dispatch', '2026.6.0', change);

test('a PUT of the same version into the next stage’s gallery, sourced from this one, excluded from latest', () => {
  const result = planPromoteStage(staged(), DEMO_STAGES, 'Production', true, false, DEMO_NOW);
  if (!result.ok) throw new Error(result.refused.reason);
  expect(result.plan).toEqual({
    kind: 'promote-stage',
    target: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_staging', image: 'dispatch', version: '2026.6.0' },
    toStage: 'production',
    changes: [
      {
        method: 'PUT',
        resourceId: versionId('gal_golden', 'dispatch', '2026.6.0'),
        fields: [
          { field: 'storageProfile.source.id', before: null, after: versionId('gal_staging', 'dispatch', '2026.6.0') },
          {
            field: 'publishingProfile.targetRegions',
            before: null,
            after: [
              { name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
              { name: 'Central US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
            ],
          },
          { field: 'publishingProfile.replicaCount', before: null, after: 1 },
          { field: 'publishingProfile.storageAccountType', before: null, after: 'Standard_LRS' },
          { field: 'publishingProfile.excludeFromLatest', before: null, after: true },
        ],
      },
    ],
    gates: [
      { name: COMPLETED, passed: true, detail: 'Completed in all 2 regions: East US 2, Central US.' },
      { name: NEXT, passed: true, detail: 'gal_staging (staging) → gal_golden (production).' },
      { name: DEFINITION, passed: true },
      { name: NOT_YET, passed: true },
      { name: EOL, passed: true, detail: 'End of life 2027-11-21 (in 363 days).' },
      { name: POLICY, passed: true },
    ],
    warnings: [],
  });
});

test.each([
  ['a stage that copies end of life: the source’s date', true, new Date('2027-11-21T12:00:00.000Z'), '2027-11-21T12:00:00.000Z'],
  ['a stage that copies end of life, a source without one: none (left out, not null → null)', true, undefined, undefined],
  ['a stage that does not say: none (a staging date must not retire the copy)', undefined, new Date('2027-11-21T12:00:00.000Z'), undefined],
])('end of life, %s', (_name, copyEndOfLife, sourceEol, planned) => {
  const stages = DEMO_STAGES.map((s) => (s.name === 'production' && copyEndOfLife !== undefined ? { ...s, copyEndOfLife } : s));
  const result = planPromoteStage(staged((v) => ({ ...v, endOfLifeDate: sourceEol })), stages, 'production', true, false, DEMO_NOW);
  if (!result.ok) throw new Error(result.refused.reason);
  expect(result.plan.changes[0]!.fields.find((f) => f.field === 'publishingProfile.endOfLifeDate')?.after).toBe(planned);
  if (planned !== undefined) expect(executionPlanOf({ id: 'CR-TEST0003', changes: result.plan.changes })).toMatchObject({ op: 'create', spec: { endOfLifeDate: new Date(planned) } });
});

test('the copy keeps its source’s edge zones, storage defaults and strategy, and none of its exclusions; executed as planned', () => {
  const keys = { osDiskEncryptionSetId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/des-la', dataDisks: [{ lun: 0, diskEncryptionSetId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/des-la' }] };
  const zone = { region: 'West US', edgeZone: 'microsoftlosangeles1', type: 'EdgeZone', replicaCount: 2, storageAccountType: 'StandardSSD_LRS', encryption: keys };
  const source = staged((v) => ({
    ...v,
    extendedLocations: [zone],
    replicaCount: 3,
    storageAccountType: 'Standard_ZRS',
    storageAccountStrategy: 'PreferStandard_ZRS',
    replicationMode: 'Shallow',
    targetRegions: v.targetRegions.map((r, i) => ({ ...r, excludeFromLatest: i === 1 })),
  }));
  const result = planPromoteStage(source, DEMO_STAGES, 'production', true, false, DEMO_NOW);
  if (!result.ok) throw new Error(result.refused.reason);
  const fields = Object.fromEntries(result.plan.changes[0]!.fields.map((f) => [f.field, f.after]));
  expect(fields['publishingProfile.targetExtendedLocations']).toEqual([
    {
      name: 'West US',
      extendedLocation: { name: 'microsoftlosangeles1', type: 'EdgeZone' },
      extendedLocationReplicaCount: 2,
      storageAccountType: 'StandardSSD_LRS',
      encryption: { osDiskImage: { diskEncryptionSetId: keys.osDiskEncryptionSetId }, dataDiskImages: [{ lun: 0, diskEncryptionSetId: keys.dataDisks[0]!.diskEncryptionSetId }] },
    },
  ]);
  expect(fields).toMatchObject({ 'publishingProfile.replicaCount': 3, 'publishingProfile.storageAccountType': 'Standard_ZRS', 'publishingProfile.storageAccountStrategy': 'PreferStandard_ZRS' });
  expect((fields['publishingProfile.targetRegions'] as { excludeFromLatest: boolean }[]).map((r) => r.excludeFromLatest)).toEqual([false, false]);
  expect(Object.keys(fields)).not.toContain('publishingProfile.replicationMode');

  const plan = executionPlanOf({ id: 'CR-TEST0002', changes: result.plan.changes });
  expect(plan.op === 'create' && plan.spec).toMatchObject({ targetExtendedLocations: [zone], replicaCount: 3, storageAccountType: 'Standard_ZRS', storageAccountStrategy: 'PreferStandard_ZRS' });
});

test('the stage’s gallery may live elsewhere when the caller says so', () => {
  const elsewhere = { subscriptionId: '99999999-0000-0000-0000-000000000000', resourceGroup: 'rg-prod-images', gallery: 'ignored' };
  const result = planPromoteStage(staged(), DEMO_STAGES, 'production', true, false, DEMO_NOW, elsewhere);
  expect(result.ok && result.plan.changes[0]!.resourceId).toBe(
    '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-prod-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/2026.6.0',
  );
});

test('a stage that is not configured is refused: there is no gallery to plan for', () => {
  expect(planPromoteStage(staged(), DEMO_STAGES, 'qa', true, false, DEMO_NOW)).toEqual({
    ok: false,
    refused: { code: 'unknown-stage', reason: 'There is no stage called qa. The stages are staging → production.' },
  });
});

describe('gates', () => {
  test.each<[string, ImageVersion, string, boolean, boolean, Record<string, boolean>, Record<string, string>]>([
    ['a region still replicating in staging', staged((v) => ({ ...v, replication: { aggregatedState: 'InProgress', regions: [{ region: 'East US 2', state: 'Completed' }, { region: 'Central US', state: 'Replicating', progress: 70 }] } })), 'production', true, false,
      { [COMPLETED]: false, [NEXT]: true }, { [COMPLETED]: 'Not Completed: Central US Replicating 70 %.' }],
    ['the definition is missing in production', staged(), 'production', false, false, { [DEFINITION]: false, [NOT_YET]: true },
      { [DEFINITION]: 'Create the definition dispatch in gal_golden first, with the same OS, generation and publisher/offer/SKU.' }],
    ['the version already exists in production', staged(), 'production', true, true, { [DEFINITION]: true, [NOT_YET]: false },
      { [NOT_YET]: 'gal_golden/dispatch already has version 2026.6.0; a stage promotion never overwrites a version.' }],
    ['past end of life', staged((v) => ({ ...v, endOfLifeDate: new Date('2026-11-01T00:00:00Z') })), 'production', true, false, { [EOL]: false }, { [EOL]: 'End of life 2026-11-01 (22 days ago).' }],
    ['policy violation', staged((v) => ({ ...v, safety: { ...v.safety, policyViolations: [{ category: 'ImageFlaggedUnsafe' }] } })), 'production', true, false, { [POLICY]: false }, {}],
  ])('%s', (_name, version, toStage, definitionExists, versionExists, passed, details) => {
    const result = planPromoteStage(version, DEMO_STAGES, toStage, definitionExists, versionExists, DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(gateSummary(result.plan.gates)).toMatchObject(passed);
    for (const [name, detail] of Object.entries(details)) expect(result.plan.gates.find((g) => g.name === name)?.detail).toBe(detail);
  });

  test.each([
    ['from the last stage', demoVersion('gal_golden/dispatch', '2026.5.0'), 'production', 'gal_golden is the last stage (production); there is no stage to promote it to.', 'Completed in every region of production'],
    ['backwards', demoVersion('gal_golden/dispatch', '2026.5.0'), 'staging', 'gal_golden is the last stage (production); there is no stage to promote it to.', 'Completed in every region of production'],
    ['to its own stage', staged(), 'staging', 'gal_staging is stage staging; it can only be promoted to the next stage, production.', COMPLETED],
    ['from a gallery outside the path', demoVersion('gal_golden/dispatch', '2026.5.0', (v) => ({ ...v, gallery: 'gal_sandbox' })), 'production', expect.stringMatching(/^gal_sandbox is not part of the promotion path/), 'Completed in every region of gal_sandbox'],
  ])('not the next stage: %s', (_name, version, toStage, detail, completedGate) => {
    const result = planPromoteStage(version, DEMO_STAGES, toStage, true, false, DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(result.plan.gates[0]!.name).toBe(completedGate);
    expect(result.plan.gates[1]).toEqual({ name: `${toStage} is the next stage`, passed: false, detail, fix: 'help promote' });
  });
});
