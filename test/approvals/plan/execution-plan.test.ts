import { executionPlanOf, isApplied, planPromoteLatest, planPromoteRegions, planPromoteStage, planRetire, type PlanResult } from '../../../src/approvals/plan';
import type { ChangeRequest } from '../../../src/approvals/change-request';
import type { ImageVersion } from '../../../src/gallery/model';
import { DEMO_NOW, DEMO_STAGES, demoVersion, NO_USAGE, SUB, versionId, versionsOf } from './plan-fixtures';

const GOLDEN = { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden' };

/** What a stored request holds of a plan: its id and its changes. */
function request(result: PlanResult): Pick<ChangeRequest, 'id' | 'changes'> {
  if (!result.ok) throw new Error(result.refused.reason);
  return { id: 'CR-TEST0001', changes: result.plan.changes };
}

const callcenter = (version: string, change: (v: ImageVersion) => ImageVersion = (v) => v) => demoVersion('gal_golden/callcenter-desktop', version, change);
const dispatch = (change: (v: ImageVersion) => ImageVersion = (v) => v) => demoVersion('gal_golden/dispatch', '2026.5.0', change);
const staged = demoVersion('gal_staging/dispatch', '2026.6.0');

const latest = request(planPromoteLatest(callcenter('2026.6.0'), DEMO_NOW));
const regions = request(planPromoteRegions(dispatch(), ['westus2'], DEMO_NOW));
const stage = request(planPromoteStage(staged, DEMO_STAGES, 'production', true, false, DEMO_NOW));
const retire = request(planRetire(dispatch(), versionsOf('gal_golden/dispatch'), NO_USAGE, new Date('2026-12-31T00:00:00Z'), DEMO_NOW));

describe('executionPlanOf: the stored change back into the adapter call', () => {
  test('promote to latest → updateVersion clearing excludeFromLatest', () => {
    expect(executionPlanOf(latest)).toEqual({ op: 'update', image: { ...GOLDEN, image: 'callcenter-desktop' }, version: '2026.6.0', patch: { excludeFromLatest: false } });
  });

  test('promote to regions → updateVersion with the whole new region list', () => {
    expect(executionPlanOf(regions)).toEqual({
      op: 'update',
      image: { ...GOLDEN, image: 'dispatch' },
      version: '2026.5.0',
      patch: {
        targetRegions: [
          { name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
          { name: 'Central US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
          { name: 'West US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
        ],
      },
    });
  });

  test('retire → updateVersion excluding and setting the end of life as a Date', () => {
    expect(executionPlanOf(retire)).toEqual({
      op: 'update',
      image: { ...GOLDEN, image: 'dispatch' },
      version: '2026.5.0',
      patch: { excludeFromLatest: true, endOfLifeDate: new Date('2026-12-31T00:00:00Z') },
    });
  });

  test('promote to a stage → createVersion in the stage’s gallery, sourced from the staged version', () => {
    expect(executionPlanOf(stage)).toEqual({
      op: 'create',
      image: { ...GOLDEN, image: 'dispatch' },
      version: '2026.6.0',
      spec: {
        sourceVersionId: versionId('gal_staging', 'dispatch', '2026.6.0'),
        targetRegions: staged.targetRegions,
        excludeFromLatest: true,
        replicaCount: staged.replicaCount,
        storageAccountType: staged.storageAccountType,
      },
    });
  });

  const field = (f: string, after: unknown) => ({ field: f, before: null, after }) as ChangeRequest['changes'][0]['fields'][0];
  test.each<[string, ChangeRequest['changes']]>([
    ['no change', []],
    ['two changes', [...latest.changes, ...regions.changes]],
    ['not a version id', [{ method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch'), fields: [field('publishingProfile.excludeFromLatest', true)] }]],
    ['a field GalleryOps does not write', [{ method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch', '1.0.0'), fields: [field('safetyProfile.allowDeletionOfReplicatedLocations', true)] }]],
    ['a flag that is not a boolean', [{ method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch', '1.0.0'), fields: [field('publishingProfile.excludeFromLatest', 'yes')] }]],
    ['a date that is not a date', [{ method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch', '1.0.0'), fields: [field('publishingProfile.endOfLifeDate', 'soon')] }]],
    ['regions that are not regions', [{ method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch', '1.0.0'), fields: [field('publishingProfile.targetRegions', [{ region: 'x' }])] }]],
    ['a PUT without a source', [{ method: 'PUT', resourceId: versionId('gal_golden', 'dispatch', '1.0.0'), fields: [field('publishingProfile.targetRegions', [])] }]],
  ])('refuses a request it cannot read: %s', (_name, changes) => {
    expect(() => executionPlanOf({ id: 'CR-BAD00001', changes })).toThrow(/^Change request CR-BAD00001 cannot be executed: /);
    expect(() => isApplied({ id: 'CR-BAD00001', changes }, dispatch())).toThrow(/cannot be executed/);
  });
});

describe('isApplied: does ARM already show the target state (after a crash)?', () => {
  const upper = (id: string) => id.toUpperCase();
  const created = (change: (v: ImageVersion) => ImageVersion = (v) => v): ImageVersion =>
    change({
      ...staged,
      gallery: 'gal_golden',
      id: versionId('gal_golden', 'dispatch', '2026.6.0'),
      excludeFromLatest: true,
      sourceId: staged.id,
      replication: undefined,
    });
  const withRegion = (v: ImageVersion, name = 'West US 2', extra: Partial<ImageVersion['targetRegions'][0]> = {}): ImageVersion => ({
    ...v,
    targetRegions: [...v.targetRegions, { name, regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false, ...extra }],
  });

  test.each<[string, Pick<ChangeRequest, 'id' | 'changes'>, ImageVersion | undefined, boolean]>([
    ['latest: cleared', latest, callcenter('2026.6.0', (v) => ({ ...v, excludeFromLatest: false })), true],
    ['latest: still excluded', latest, callcenter('2026.6.0'), false],
    ['latest: the version is gone', latest, undefined, false],
    ['latest: still Updating', latest, callcenter('2026.6.0', (v) => ({ ...v, excludeFromLatest: false, provisioningState: 'Updating' })), false],
    ['latest: provisioning Failed', latest, callcenter('2026.6.0', (v) => ({ ...v, excludeFromLatest: false, provisioningState: 'Failed' })), false],
    ['latest: another version was passed in', latest, callcenter('2026.5.0'), false],
    ['latest: id in other letter case', latest, callcenter('2026.6.0', (v) => ({ ...v, id: upper(v.id), excludeFromLatest: false })), true],
    ['regions: added, shown as Azure shows it', regions, withRegion(dispatch()), true],
    ['regions: added, spelled as a programmatic name', regions, withRegion(dispatch(), 'westus2'), true],
    ['regions: not added yet', regions, dispatch(), false],
    ['regions: added with another replica count', regions, withRegion(dispatch(), 'West US 2', { regionalReplicaCount: 3 }), false],
    ['regions: added with another storage type', regions, withRegion(dispatch(), 'West US 2', { storageAccountType: 'Premium_LRS' }), false],
    ['regions: storage type in other letter case', regions, withRegion(dispatch(), 'West US 2', { storageAccountType: 'standard_lrs' }), true],
    ['regions: added but excluded from latest there', regions, withRegion(dispatch(), 'West US 2', { excludeFromLatest: true }), false],
    ['regions: someone else added another region meanwhile', regions, withRegion(withRegion(dispatch()), 'Japan East'), true],
    ['retire: excluded and ending that day', retire, dispatch((v) => ({ ...v, excludeFromLatest: true, endOfLifeDate: new Date('2026-12-31T00:00:00Z') })), true],
    ['retire: date echoed at another time of that UTC day', retire, dispatch((v) => ({ ...v, excludeFromLatest: true, endOfLifeDate: new Date('2026-12-31T23:59:59Z') })), true],
    ['retire: date on another day', retire, dispatch((v) => ({ ...v, excludeFromLatest: true, endOfLifeDate: new Date('2027-01-01T00:00:00Z') })), false],
    ['retire: end of life cleared', retire, dispatch((v) => ({ ...v, excludeFromLatest: true, endOfLifeDate: undefined })), false],
    ['retire: date set but not excluded', retire, dispatch((v) => ({ ...v, endOfLifeDate: new Date('2026-12-31T00:00:00Z') })), false],
    ['stage: created as planned', stage, created(), true],
    ['stage: not created yet', stage, undefined, false],
    ['stage: source id in other letter case', stage, created((v) => ({ ...v, sourceId: upper(v.sourceId!) })), true],
    ['stage: created from another source', stage, created((v) => ({ ...v, sourceId: versionId('gal_staging', 'dispatch', '2026.5.0') })), false],
    ['stage: created but latest', stage, created((v) => ({ ...v, excludeFromLatest: false })), false],
    ['stage: created with a region missing', stage, created((v) => ({ ...v, targetRegions: v.targetRegions.slice(0, 1) })), false],
    ['stage: still Creating', stage, created((v) => ({ ...v, provisioningState: 'Creating' })), false],
  ])('%s → %s', (_name, req, actual, expected) => {
    expect(isApplied(req, actual)).toBe(expected);
  });

  test('a region the plan dropped must be gone', () => {
    const dropping = {
      id: 'CR-TEST0002',
      changes: [
        {
          method: 'PATCH' as const,
          resourceId: versionId('gal_golden', 'dispatch', '2026.5.0'),
          fields: [{ field: 'publishingProfile.targetRegions', before: [{ name: 'East US 2', excludeFromLatest: false }, { name: 'Central US', excludeFromLatest: false }], after: [{ name: 'East US 2', excludeFromLatest: false }] }],
        },
      ],
    };
    expect(isApplied(dropping, dispatch())).toBe(false);
    expect(isApplied(dropping, dispatch((v) => ({ ...v, targetRegions: v.targetRegions.slice(0, 1) })))).toBe(true);
  });
});

describe('a version whose body carries a non-canonical id (as Azure’s REST examples do)', () => {
  // GalleryImageVersion_Get.json answers with `…/locations/westus/Galleries/…/Versions/1.0.0`: plans address the
  // version where it was read, or they could not be executed at all.
  const odd = (v: ImageVersion): ImageVersion => ({
    ...v,
    id: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/locations/westus/Galleries/${v.gallery}/Images/${v.image}/Versions/${v.version}`,
  });
  const cases: Array<[string, PlanResult, string]> = [
    ['promote to latest', planPromoteLatest(callcenter('2026.6.0', odd), DEMO_NOW), versionId('gal_golden', 'callcenter-desktop', '2026.6.0')],
    ['promote to regions', planPromoteRegions(dispatch(odd), ['westus2'], DEMO_NOW), versionId('gal_golden', 'dispatch', '2026.5.0')],
    ['retire', planRetire(dispatch(odd), versionsOf('gal_golden/dispatch').map(odd), NO_USAGE, undefined, DEMO_NOW), versionId('gal_golden', 'dispatch', '2026.5.0')],
  ];

  test.each(cases)('%s writes to the version’s ARM id, and executes', (_name, result, id) => {
    const req = request(result);
    expect(req.changes[0]!.resourceId).toBe(id);
    expect(() => executionPlanOf(req)).not.toThrow();
  });

  test('promote to a stage is sourced from the staged version’s ARM id', () => {
    const plan = executionPlanOf(request(planPromoteStage(odd(staged), DEMO_STAGES, 'production', true, false, DEMO_NOW)));
    expect(plan).toMatchObject({ op: 'create', spec: { sourceVersionId: versionId('gal_staging', 'dispatch', '2026.6.0') } });
  });

  test('isApplied reads the version back from the same address', () => {
    const req = request(planPromoteLatest(callcenter('2026.6.0', odd), DEMO_NOW));
    expect(isApplied(req, callcenter('2026.6.0', (v) => odd({ ...v, excludeFromLatest: false })))).toBe(true);
  });
});
