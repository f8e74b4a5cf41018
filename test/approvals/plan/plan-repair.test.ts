import { executionPlanOf, isApplied, planRepair, stillReplicating, type PlanResult } from '../../../src/approvals/plan';
import type { ImageVersion, RegionReplication } from '../../../src/gallery/model';
import { demoVersion, gateSummary, SUB, versionId } from './plan-fixtures';

/** gal_golden/dispatch 2026.5.1 (home East US 2): East US 2 Completed, Central US Failed 35 % (disk copy timed out). */
const dispatch = (change: (v: ImageVersion) => ImageVersion = (v) => v) => demoVersion('gal_golden/dispatch', '2026.5.1', change);
const withStates = (states: Record<string, Partial<RegionReplication>>) => (v: ImageVersion): ImageVersion => ({
  ...v,
  replication: { aggregatedState: 'Failed', regions: (v.replication?.regions ?? []).map((r) => ({ ...r, ...states[r.region] })) },
});
const plan = (result: PlanResult) => {
  if (!result.ok) throw new Error(result.refused.reason);
  return result.plan;
};
const refusal = (result: PlanResult) => (result.ok ? 'planned' : `${result.refused.code}: ${result.refused.reason}`);

test('every Failed region by default: Central US Failed → Completed, gates shown, the card told what the fallback means', () => {
  const p = plan(planRepair(dispatch(), undefined));
  expect(p).toMatchObject({ kind: 'repair', target: { gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1' } });
  expect(p.changes).toEqual([
    { method: 'PATCH', resourceId: versionId('gal_golden', 'dispatch', '2026.5.1'), fields: [{ field: 'replicationStatus.summary[Central US].state', before: 'Failed', after: 'Completed' }] },
  ]);
  expect(gateSummary(p.gates)).toEqual({ 'Version exists, no operation running': true, 'Regions to repair are Failed': true, 'No other region replicating now': true });
  expect(p.gates[1]!.detail).toBe('Central US Failed 35 % (Replication to Central US failed: disk copy timed out).');
  expect(p.warnings).toEqual([
    "If Azure's retry leaves Central US Failed, GalleryOps removes Central US from the target regions and adds it back (two more updates): Central US has no replica of 2026.5.1 in between.",
  ]);
});

test('`in` narrows it and takes display or programmatic names; a Failed home region is only ever retried', () => {
  const bothFailed = dispatch(withStates({ 'East US 2': { state: 'Failed', progress: 80, details: 'Quota exceeded.' } }));
  expect(plan(planRepair(bothFailed, ['centralus'])).changes[0]!.fields.map((f) => f.field)).toEqual(['replicationStatus.summary[Central US].state']);
  const home = plan(planRepair(bothFailed, ['East US 2', 'eastus2']));
  expect(home.changes[0]!.fields.map((f) => f.field)).toEqual(['replicationStatus.summary[East US 2].state']);
  expect(home.warnings).toEqual(["East US 2 is the gallery's home region (where 2026.5.1 lives): GalleryOps only asks Azure to retry it, and never removes it."]);
  expect(plan(planRepair(bothFailed, undefined)).changes[0]!.fields).toHaveLength(2);
});

test('refused in words: a region that is not Failed, one that is not a target region, a version with nothing Failed', () => {
  expect(refusal(planRepair(dispatch(), ['eastus2']))).toBe(
    'region-not-failed: East US 2 is Completed, not Failed: there is nothing to repair there. `image status gal_golden/dispatch 2026.5.1` shows every region.',
  );
  expect(refusal(planRepair(dispatch(withStates({ 'Central US': { state: 'Replicating', progress: 20 } })), ['Central US']))).toMatch(/^region-not-failed: Central US is Replicating 20 %, not Failed/);
  expect(refusal(planRepair(dispatch(), ['westus2']))).toBe('region-not-failed: `westus2` is not a target region of gal_golden/dispatch 2026.5.1; it replicates to East US 2, Central US.');
  expect(refusal(planRepair(demoVersion('gal_golden/dispatch', '2026.5.0'), undefined))).toBe(
    'nothing-to-change: gal_golden/dispatch 2026.5.0 has no Failed region (East US 2 Completed, Central US Completed); there is nothing to repair.',
  );
});

test('another region still replicating: the repair waits for it (approve ahead), it is not refused', () => {
  const busy = dispatch((v) => ({
    ...v,
    targetRegions: [...v.targetRegions, { name: 'West US 2', excludeFromLatest: false }],
    replication: { aggregatedState: 'Failed', regions: [...(v.replication?.regions ?? []), { region: 'West US 2', state: 'Replicating', progress: 40 }] },
  }));
  const gate = plan(planRepair(busy, undefined)).gates.find((g) => g.name === 'No other region replicating now');
  expect(gate).toEqual({ name: 'No other region replicating now', passed: false, detail: 'Replicating: West US 2 (40 % now).', waitsFor: 'West US 2 (40 % now) finishes replicating' });
});

test('back from storage: executed as a repair of its regions; applied once each is Completed, in progress while Replicating', () => {
  const stored = { id: 'CR-TEST0001', changes: plan(planRepair(dispatch(), undefined)).changes };
  expect(executionPlanOf(stored)).toEqual({ op: 'repair', image: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' }, version: '2026.5.1', regions: ['Central US'] });
  expect(isApplied(stored, dispatch())).toBe(false);
  const replicating = dispatch(withStates({ 'Central US': { state: 'Replicating', progress: 35 } }));
  expect([isApplied(stored, replicating), stillReplicating(stored, replicating)]).toEqual([false, ['Central US']]);
  const completed = dispatch(withStates({ 'Central US': { state: 'Completed', progress: 100 } }));
  expect([isApplied(stored, completed), stillReplicating(stored, completed)]).toEqual([true, []]);
  // Removed (an attempt stopped between removing and adding back): not applied, so a re-send adds it back.
  expect(isApplied(stored, { ...completed, replication: { aggregatedState: 'Completed', regions: [completed.replication!.regions[0]!] } })).toBe(false);
});

test('a stored repair that was edited to change anything else is not executed', () => {
  const tampered = { id: 'CR-TEST0002', changes: [{ method: 'PATCH' as const, resourceId: versionId('gal_golden', 'dispatch', '2026.5.1'), fields: [{ field: 'replicationStatus.summary[Central US].state', before: 'Completed', after: 'Failed' }] }] };
  expect(() => executionPlanOf(tampered)).toThrow(/must go from Failed to Completed/);
  const mixed = { id: 'CR-TEST0003', changes: [{ ...tampered.changes[0]!, fields: [{ field: 'replicationStatus.summary[Central US].state', before: 'Failed', after: 'Completed' }, { field: 'publishingProfile.excludeFromLatest', before: false, after: true }] }] };
  expect(() => executionPlanOf(mixed)).toThrow(/a repair changes nothing but replication/);
});
