import { readFileSync } from 'node:fs';
import { authorize } from '../../src/approvals/authorize';
import { findRule } from '../../src/approvals/find-rule';
import { parsePolicy, PolicyError, readPolicyFile } from '../../src/approvals/policy';
import { projectPath } from '../../src/project-root';
import { adele, alex, demoPolicy, isaiah, lynne, megan, patti } from './fixtures';

const GUID = (n: number) => `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
const stages = [
  { name: 'staging', gallery: 'gal_staging' },
  { name: 'production', gallery: 'gal_golden' },
];

function problemsOf(raw: unknown): string[] {
  try {
    parsePolicy(raw);
  } catch (err) {
    if (err instanceof PolicyError) return err.problems;
    throw err;
  }
  return [];
}

describe('policy file', () => {
  it('the demo policy: gal_golden needs one approval from someone else', () => {
    const rule = findRule(demoPolicy, { action: 'promote', gallery: 'gal_golden', image: 'dispatch' });
    expect(rule).toMatchObject({ minApprovals: 1, allowSelfApproval: false, expiresAfterMs: 24 * 3_600_000, reasonRequired: false });
    expect(rule?.approvers.map((p) => p.name)).toEqual(expect.arrayContaining(['Alex Wilber', 'Adele Vance']));
    expect(rule?.requesters.map((p) => p.name)).toEqual(expect.arrayContaining(['Alex Wilber', 'Megan Bowen']));
    expect(demoPolicy.stages).toEqual(stages);
    expect(Object.isFrozen(demoPolicy.rules[0])).toBe(true);
  });

  it('the example policy for a real tenant is valid, with a definition rule over its gallery rule', () => {
    const policy = readPolicyFile(projectPath('config', 'policy.example.json'));
    expect(findRule(policy, { action: 'retire', gallery: 'gal_prod', image: 'records' })?.image).toBe('records');
    expect(findRule(policy, { action: 'retire', gallery: 'GAL_PROD', image: 'dispatch' })?.minApprovals).toBe(2);
    expect(findRule(policy, { action: 'promote', gallery: 'gal_staging', image: 'x' })?.reasonRequired).toBe(false);
  });

  it('applies defaults: file defaults first, then the product defaults', () => {
    const policy = parsePolicy({
      stages,
      defaults: { expiresAfterHours: 2 },
      rules: [{ gallery: 'g', requesters: [GUID(1)], approvers: [GUID(2)] }],
    });
    expect(policy.rules[0]).toEqual({
      gallery: 'g',
      actions: ['promote', 'retire'],
      requesters: [{ id: GUID(1) }],
      approvers: [{ id: GUID(2) }],
      minApprovals: 1,
      allowSelfApproval: false,
      expiresAfterMs: 2 * 3_600_000,
      reasonRequired: false,
      allowUnsafeRetirement: false,
    });
  });

  it('lists every problem in one error', () => {
    const problems = problemsOf({
      stages: [{ name: 'a', gallery: 'g1' }, { name: 'A', gallery: 'g2' }],
      rules: [
        { gallery: 'g', requesters: ['alex@example.com'], approvers: [GUID(2)], minApprovals: 0, actions: ['deploy'] },
        { gallery: 'g', requesters: [GUID(1)], approvers: [], colour: 'red' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stages: stage names must be unique/),
        expect.stringMatching(/^rules\.0\.requesters\.0\.id: .*Entra object id/),
        expect.stringMatching(/^rules\.0\.minApprovals: /),
        expect.stringMatching(/^rules\.0\.actions\.0: /),
        expect.stringMatching(/^rules\.1\.approvers: /),
        expect.stringMatching(/^rules\.1: .*colour/),
      ]),
    );
    expect(new PolicyError(problems).message).toContain('\n  - stages: stage names must be unique');
  });

  it.each([
    [
      'more approvals than approvers',
      { gallery: 'g', requesters: [GUID(1)], approvers: [GUID(2)], minApprovals: 2 },
      /minApprovals is 2 but only 1 approver/,
    ],
    [
      'an approver listed twice',
      { gallery: 'g', requesters: [GUID(1)], approvers: [GUID(2), GUID(2).toUpperCase()], minApprovals: 1 },
      /approver is listed twice/,
    ],
    [
      'a requester whose requests could never be approved',
      { gallery: 'g', requesters: [{ id: GUID(1), name: 'Pat' }], approvers: [GUID(1), GUID(2)], minApprovals: 2 },
      /requester Pat is an approver and self-approval is forbidden/,
    ],
  ])('refuses %s', (_name, rule, message) => {
    expect(problemsOf({ stages, rules: [rule] })).toEqual([expect.stringMatching(message)]);
  });

  it('allows a requester among exactly N approvers when self-approval is allowed', () => {
    const rule = { gallery: 'g', requesters: [GUID(1)], approvers: [GUID(1)], allowSelfApproval: true };
    expect(problemsOf({ stages, rules: [rule] })).toEqual([]);
  });

  it('refuses two rules for the same gallery, image and action (case-insensitively)', () => {
    const a = { gallery: 'gal_golden', requesters: [GUID(1)], approvers: [GUID(2)] };
    expect(problemsOf({ stages, rules: [a, { ...a, gallery: 'GAL_GOLDEN', actions: ['retire'] }] })).toEqual([
      'rules.1: rules.0 already covers retire in GAL_GOLDEN',
    ]);
    expect(problemsOf({ stages, rules: [a, { ...a, image: 'dispatch' }] })).toEqual([]);
  });

  it('reports a file that is not JSON', () => {
    expect(() => readPolicyFile(projectPath('README.md'))).toThrow(/cannot read .*README.md as JSON/);
  });
});

describe('findRule: most specific wins, per action', () => {
  const policy = parsePolicy({
    stages,
    rules: [
      { gallery: 'gal_golden', actions: ['promote'], requesters: [GUID(1)], approvers: [GUID(2)] },
      { gallery: 'gal_golden', image: 'records', requesters: [GUID(1)], approvers: [GUID(3)] },
    ],
  });
  it.each([
    ['promote', 'gal_golden', 'dispatch', GUID(2)],
    ['promote', 'gal_golden', 'Records', GUID(3)],
    ['retire', 'gal_golden', 'records', GUID(3)],
    ['retire', 'gal_golden', 'dispatch', undefined],
    ['promote', 'gal_other', 'dispatch', undefined],
  ] as const)('%s in %s/%s → approver %s', (action, gallery, image, approver) => {
    expect(findRule(policy, { action, gallery, image })?.approvers[0]?.id).toBe(approver);
  });
});

describe('authorize (demo policy)', () => {
  it.each([
    ['request', 'megan', 'promote', 'gal_golden', true],
    ['request', 'alex', 'retire', 'gal_golden', true],
    ['request', 'lynne', 'promote', 'gal_golden', false],
    ['request', 'adele', 'promote', 'gal_golden', false],
    ['approve', 'adele', 'promote', 'gal_golden', true],
    ['approve', 'patti', 'retire', 'gal_golden', true],
    ['approve', 'alex', 'promote', 'gal_golden', true],
    ['approve', 'megan', 'promote', 'gal_golden', false],
    ['approve', 'megan', 'promote', 'gal_staging', true],
    ['approve', 'isaiah', 'retire', 'gal_staging', true],
    ['approve', 'adele', 'retire', 'gal_staging', false],
  ] as const)('%s: %s, %s in %s → %s', (role, name, action, gallery, allowed) => {
    const who = { alex, megan, lynne, adele, patti, isaiah }[name];
    const verdict = authorize(demoPolicy, { action, gallery, image: 'dispatch', actor: who.aadObjectId.toUpperCase(), role });
    expect(verdict.allowed).toBe(allowed);
  });

  it('explains a refusal with the people who may act', () => {
    const verdict = authorize(demoPolicy, { action: 'promote', gallery: 'gal_golden', image: 'dispatch', actor: lynne.aadObjectId, role: 'approve' });
    expect(verdict).toMatchObject({ allowed: false, code: 'not-approver' });
    if (!verdict.allowed) expect(verdict.reason).toBe('You are not allowed to approve promote in gal_golden/dispatch. People who may: Alex Wilber, Adele Vance, Patti Fernandez.');
  });

  it('refuses where no rule matches, saying how to fix it', () => {
    const verdict = authorize(demoPolicy, { action: 'promote', gallery: 'gal_other', image: 'x', actor: alex.aadObjectId, role: 'request' });
    expect(verdict).toMatchObject({ allowed: false, code: 'no-rule' });
    if (!verdict.allowed) expect(verdict.reason).toMatch(/No approval rule covers promote in gal_other\/x.*add a rule for gal_other/);
  });
});
