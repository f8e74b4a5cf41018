/** `repair` is its own policy action: granted where a rule lists it, never by a rule written without it. */
import { createChangeRequest } from '../../src/approvals/create-request';
import { planRepair } from '../../src/approvals/plan';
import { parsePolicy } from '../../src/approvals/policy';
import { demoVersion } from './plan/plan-fixtures';
import { adele, alex, demoPolicy, T0 } from './fixtures';

const planned = (() => {
  const result = planRepair(demoVersion('gal_golden/dispatch', '2026.5.1'), undefined);
  if (!result.ok) throw new Error(result.refused.reason);
  return result.plan;
})();
const ask = { ...planned, requester: { ...alex, teamsUserId: 'teams-alex' } };
const deps = { now: T0, newId: () => 'CR-REPAIR01' };

test('the demo policy lets Alex ask for a repair in gal_golden, under the repair action, with its usual approvers', () => {
  const created = createChangeRequest(demoPolicy, ask, deps);
  if (!created.ok) throw new Error(created.refused.reason);
  expect(created.request).toMatchObject({ kind: 'repair', state: 'pending', scope: { action: 'repair', gallery: 'gal_golden', image: 'dispatch' }, requiredApprovals: 1 });
  expect(created.rule.approvers.map((p) => p.name)).toContain(adele.name);
  expect(created.auditEvents.map((e) => [e.action, e.details['kind']])).toEqual([['request.created', 'repair']]);
});

test('a rule without `actions` (promote and retire by default) does not grant repair: refused, naming the action', () => {
  const rule = demoPolicy.rules.find((r) => r.gallery === 'gal_golden')!;
  const policy = parsePolicy({
    stages: demoPolicy.stages,
    rules: [{ gallery: 'gal_golden', requesters: rule.requesters.map((p) => p.id), approvers: rule.approvers.map((p) => p.id) }],
  });
  const refused = createChangeRequest(policy, ask, deps);
  expect(refused).toMatchObject({ ok: false, refused: { code: 'no-rule' } });
  expect(!refused.ok && refused.refused.reason).toMatch(/^No approval rule covers repair in gal_golden\/dispatch/);
});
