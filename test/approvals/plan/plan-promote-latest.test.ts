import { planPromoteLatest } from '../../../src/approvals/plan';
import type { ImageVersion } from '../../../src/gallery/model';
import { DEMO_NOW, demoVersion, gateSummary, versionId, versionsOf } from './plan-fixtures';

const DAY = 86_400_000;
const at = (days: number) => new Date(DEMO_NOW.getTime() + days * DAY);
const REPLICATION = 'Completed in every target region';
const EOL = 'Not past end of life';
const POLICY = 'No policy violations';

/** callcenter-desktop 2026.6.0: excluded from latest, Southeast Asia still Replicating at 40 %. */
const candidate = (change: (v: ImageVersion) => ImageVersion = (v) => v) => demoVersion('gal_golden/callcenter-desktop', '2026.6.0', change);
/** The same version once replication has finished everywhere. */
const replicated = (v: ImageVersion): ImageVersion => ({
  ...v,
  replication: { aggregatedState: 'Completed', regions: v.targetRegions.map((r) => ({ region: r.name, state: 'Completed', progress: 100 })) },
});

test('plans exactly one PATCH clearing excludeFromLatest on the version', () => {
  const result = planPromoteLatest(candidate(), DEMO_NOW);
  expect(result).toMatchObject({ ok: true });
  if (!result.ok) return;
  expect(result.plan).toMatchObject({
    kind: 'promote-latest',
    target: { subscriptionId: expect.any(String), resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' },
    changes: [{ method: 'PATCH', resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.6.0'), fields: [{ field: 'publishingProfile.excludeFromLatest', before: true, after: false }] }],
    warnings: [],
  });
  expect(result.plan.unsafeRetirement).toBeUndefined();
});

describe('gates (each shown passing or failing, with what the approver needs to know)', () => {
  test.each<[string, (v: ImageVersion) => ImageVersion, Record<string, boolean>, Record<string, string | undefined>]>([
    ['all pass', replicated, { [REPLICATION]: true, [EOL]: true, [POLICY]: true }, {
      [REPLICATION]: 'Completed in all 5 regions: East US 2, West US 2, North Europe, West Europe, Southeast Asia.',
      [EOL]: 'End of life 2027-11-23 (in 365 days).',
      [POLICY]: undefined,
    }],
    ['one region still replicating', (v) => v, { [REPLICATION]: false, [EOL]: true, [POLICY]: true }, {
      [REPLICATION]: 'Not Completed: Southeast Asia Replicating 40 %.',
    }],
    ['a failed region, with its reason', (v) => ({
      ...replicated(v),
      replication: { aggregatedState: 'Failed', regions: [...replicated(v).replication!.regions.slice(0, 4), { region: 'Southeast Asia', state: 'Failed', progress: 12, details: 'Quota exceeded.' }] },
    }), { [REPLICATION]: false }, { [REPLICATION]: 'Not Completed: Southeast Asia Failed 12 % (Quota exceeded).' }],
    ['a target region without status', (v) => ({ ...replicated(v), replication: { aggregatedState: 'Completed', regions: replicated(v).replication!.regions.slice(1) } }), { [REPLICATION]: false }, {
      [REPLICATION]: 'Not Completed: East US 2 (no status reported).',
    }],
    ['status compared by normalised region name', (v) => ({ ...replicated(v), replication: { aggregatedState: 'Completed', regions: v.targetRegions.map((r) => ({ region: r.name.replace(/ /g, '').toLowerCase(), state: 'Completed' as const })) } }), { [REPLICATION]: true }, {}],
    ['replication not read', (v) => ({ ...v, replication: undefined }), { [REPLICATION]: false }, { [REPLICATION]: 'The replication status was not read, so completion cannot be shown.' }],
    ['end of life passed', (v) => ({ ...replicated(v), endOfLifeDate: at(-10) }), { [REPLICATION]: true, [EOL]: false }, { [EOL]: 'End of life 2026-11-13 (10 days ago).' }],
    ['end of life today counts as passed', (v) => ({ ...replicated(v), endOfLifeDate: new Date('2026-11-23T23:00:00Z') }), { [EOL]: false }, { [EOL]: 'End of life 2026-11-23 (today).' }],
    ['end of life tomorrow', (v) => ({ ...replicated(v), endOfLifeDate: at(1) }), { [EOL]: true }, { [EOL]: 'End of life 2026-11-24 (in 1 day).' }],
    ['no end of life', (v) => ({ ...replicated(v), endOfLifeDate: undefined }), { [EOL]: true }, { [EOL]: 'No end-of-life date is set.' }],
    ['policy violations listed', (v) => ({ ...replicated(v), safety: { ...v.safety, policyViolations: [{ category: 'ImageFlaggedUnsafe', details: 'Malware found' }, { category: 'Other' }] } }), { [POLICY]: false }, {
      [POLICY]: 'Azure reports ImageFlaggedUnsafe: Malware found; Other.',
    }],
    ['reported for a policy violation without details', (v) => ({ ...replicated(v), safety: { ...v.safety, reportedForPolicyViolation: true } }), { [POLICY]: false }, {
      [POLICY]: 'Azure reports the version for a policy violation.',
    }],
  ])('%s', (_name, change, passed, details) => {
    const result = planPromoteLatest(candidate(change), DEMO_NOW);
    if (!result.ok) throw new Error(result.refused.reason);
    expect(result.plan.gates.map((g) => g.name)).toEqual([REPLICATION, EOL, POLICY]);
    expect(gateSummary(result.plan.gates)).toMatchObject(passed);
    for (const [name, detail] of Object.entries(details)) expect(result.plan.gates.find((g) => g.name === name)?.detail).toBe(detail);
  });
});

test('a version already eligible for latest is refused: there is nothing to approve', () => {
  expect(planPromoteLatest(demoVersion('gal_golden/callcenter-desktop', '2026.4.0'), DEMO_NOW)).toEqual({
    ok: false,
    refused: {
      code: 'nothing-to-change',
      reason: 'gal_golden/callcenter-desktop 2026.4.0 is already eligible for latest (it is not excluded), so there is nothing to promote. "latest" is the highest eligible version: if this one is not latest, a higher version is eligible too.',
    },
  });
});

test('per-region exclusions stay and the card says so', () => {
  const v = candidate((x) => ({ ...x, targetRegions: x.targetRegions.map((r) => (r.name === 'West Europe' ? { ...r, excludeFromLatest: true } : r)) }));
  const result = planPromoteLatest(v, DEMO_NOW);
  expect(result.ok && result.plan.warnings).toEqual(['Stays excluded from latest in West Europe (a per-region setting this request does not change).']);
});

describe('what latest is now and becomes (the card leads with it)', () => {
  const all = (change: (v: ImageVersion) => ImageVersion = (v) => v) => versionsOf('gal_golden/callcenter-desktop').map(change);
  const planWith = (versions: ImageVersion[], version = '2026.6.0') => {
    const result = planPromoteLatest(versions.find((v) => v.version === version)!, DEMO_NOW, versions);
    if (!result.ok) throw new Error(result.refused.reason);
    return result.plan;
  };

  test('callcenter-desktop 2026.6.0: latest moves from 2026.5.0 to 2026.6.0', () => {
    expect(planWith(all()).latest).toEqual({ before: '2026.5.0', after: '2026.6.0' });
  });

  test('nothing is latest now (every version excluded): 2026.6.0 becomes latest', () => {
    expect(planWith(all((v) => ({ ...v, excludeFromLatest: true }))).latest).toEqual({ after: '2026.6.0' });
  });

  test('a higher version is eligible: latest stays where it is', () => {
    const versions = all((v) => (v.version === '2026.4.0' ? v : v.version === '2026.5.0' ? v : { ...v }));
    const older = versions.map((v) => (v.version === '2026.4.0' ? { ...v, excludeFromLatest: true } : v));
    expect(planWith(older, '2026.4.0').latest).toEqual({ before: '2026.5.0', after: '2026.5.0' });
  });

  test('without the sibling versions (an old caller) nothing is claimed about latest', () => {
    const result = planPromoteLatest(candidate(), DEMO_NOW);
    expect(result.ok && result.plan.latest).toBeUndefined();
  });
});
