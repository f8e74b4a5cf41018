import { planRetire } from '../../../src/approvals/plan';
import type { ImageVersion } from '../../../src/gallery/model';
import type { VersionUsage } from '../../../src/gallery/usage-port';
import { DEMO_NOW, DEMO_USAGE, NO_USAGE, ref, versionId, versionsOf } from './plan-fixtures';

const TODAY = '2026-11-23T00:00:00.000Z';
const GATE = 'Another version stays eligible for latest';

/** Plans the retirement of a demo version against its definition's demo versions (optionally changed). */
function retire(path: string, version: string, options: { usage?: VersionUsage; on?: Date; change?: (v: ImageVersion) => ImageVersion } = {}) {
  const all = versionsOf(path).map(options.change ?? ((v) => v));
  const target = all.find((v) => v.version === version)!;
  return planRetire(target, all, options.usage ?? DEMO_USAGE, options.on, DEMO_NOW);
}

function plan(result: ReturnType<typeof planRetire>) {
  if (!result.ok) throw new Error(result.refused.reason);
  return result.plan;
}

test('dispatch 2026.5.0: excluded now, end of life today (UTC), the pinned scale set named', () => {
  expect(plan(retire('gal_golden/dispatch', '2026.5.0'))).toEqual({
    kind: 'retire',
    target: expect.objectContaining({ gallery: 'gal_golden', image: 'dispatch', version: '2026.5.0' }),
    changes: [
      {
        method: 'PATCH',
        resourceId: versionId('gal_golden', 'dispatch', '2026.5.0'),
        fields: [
          { field: 'publishingProfile.excludeFromLatest', before: false, after: true },
          { field: 'publishingProfile.endOfLifeDate', before: '2027-06-01T12:00:00.000Z', after: TODAY },
        ],
      },
    ],
    gates: [{ name: GATE, passed: true, detail: 'Latest stays 2026.5.1.' }],
    warnings: ['Scale set vmss-dispatch-prod (rg-dispatch-prod) still references 2026.5.0 explicitly.'],
    unsafeRetirement: false,
    latest: { before: '2026.5.1', after: '2026.5.1' },
  });
});

test('what latest is now and becomes, for the card: retiring the latest moves it; retiring the last eligible leaves none', () => {
  expect(plan(retire('gal_golden/callcenter-desktop', '2026.5.0')).latest).toEqual({ before: '2026.5.0', after: '2026.4.0' });
  const onlyOne = (v: ImageVersion): ImageVersion => (v.version === '2026.5.1' ? v : { ...v, excludeFromLatest: true });
  const unsafe = retire('gal_golden/dispatch', '2026.5.1', { change: onlyOne });
  expect(unsafe.ok && unsafe.plan.latest).toEqual({ before: '2026.5.1' });
});

test('the current latest: references to the definition are told which version they get next', () => {
  const p = plan(retire('gal_golden/callcenter-desktop', '2026.5.0'));
  expect(p.gates).toEqual([{ name: GATE, passed: true, detail: 'Latest moves from 2026.5.0 to 2026.4.0.' }]);
  expect(p.warnings).toEqual(['Scale set vmss-callcenter (rg-callcenter) references callcenter-desktop (latest), which is 2026.5.0 today; new instances will get 2026.4.0.']);
});

test('references to the definition are not mentioned when the version is not latest', () => {
  expect(plan(retire('gal_golden/callcenter-desktop', '2026.4.0')).warnings).toEqual([]);
});

test('a VM pinned to a version past end of life (gpu-analytics 1.0.0, whose end of life is kept)', () => {
  const p = plan(retire('gal_golden/gpu-analytics', '1.0.0'));
  expect(p.changes[0]!.fields).toEqual([{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }]);
  expect(p.warnings).toEqual(['Keeps its earlier end of life, 2026-10-24.', 'VM vm-analytics-01 (rg-analytics) still references 1.0.0 explicitly.']);
});

describe('unsafe retirement: no other version would stay eligible for latest (not excluded, not past end of life)', () => {
  test.each<[string, string, string, ((v: ImageVersion) => ImageVersion) | undefined, boolean, string]>([
    ['the only version (records 2026.5.0)', 'gal_golden/records', '2026.5.0', undefined, true,
      'No other version of records is eligible for latest (every other one is excluded or past end of life).'],
    ['the others are excluded', 'gal_golden/dispatch', '2026.5.1', (v) => (v.version === '2026.5.1' ? v : { ...v, excludeFromLatest: true }), true,
      'No other version of dispatch is eligible for latest (every other one is excluded or past end of life).'],
    ['the others are excluded or past end of life', 'gal_golden/gpu-analytics', '1.2.0', (v) => (v.version === '1.1.0' ? { ...v, excludeFromLatest: true } : v), true,
      'No other version of gpu-analytics is eligible for latest (every other one is excluded or past end of life).'],
    ['one other stays eligible', 'gal_golden/gpu-analytics', '1.2.0', undefined, false, 'Latest moves from 1.2.0 to 1.1.0.'],
    ['a version already excluded changes nothing about latest', 'gal_golden/callcenter-desktop', '2026.6.0', (v) => (v.version === '2026.6.0' ? v : { ...v, excludeFromLatest: true }), false,
      '2026.6.0 is already excluded from latest.'],
    ['already excluded, latest named', 'gal_golden/callcenter-desktop', '2026.6.0', undefined, false, '2026.6.0 is already excluded from latest; latest stays 2026.5.0.'],
  ])('%s', (_name, path, version, change, unsafe, detail) => {
    const p = plan(retire(path, version, { change }));
    expect(p.unsafeRetirement).toBe(unsafe);
    expect(p.gates).toEqual([{ name: GATE, passed: !unsafe, detail }]);
  });

  test('latest falling to a version past end of life is called out', () => {
    const p = plan(retire('gal_golden/gpu-analytics', '1.2.0', { change: (v) => (v.version === '1.1.0' ? { ...v, excludeFromLatest: true } : v), usage: NO_USAGE }));
    expect(p.warnings).toEqual(['After retirement, latest is 1.0.0, which is past its end of life (2026-10-24).']);
  });

  test('references to the definition are told when nothing would be left for them', () => {
    const usage = { scaleSets: [ref('vmss', 'vmss-records', 'rg-records', versionId('gal_golden', 'records'))], vms: [] };
    expect(plan(retire('gal_golden/records', '2026.5.0', { usage })).warnings).toEqual([
      'Scale set vmss-records (rg-records) references records (latest), which is 2026.5.0 today; no version would be left for them to get.',
    ]);
  });
});

describe('the end-of-life date', () => {
  test.each<[string, string, string, Date | undefined, ((v: ImageVersion) => ImageVersion) | undefined, unknown[], string[]]>([
    ['a later date, at midnight UTC', 'gal_golden/dispatch', '2026.4.0', new Date('2026-12-31T00:00:00Z'), undefined,
      [{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }, { field: 'publishingProfile.endOfLifeDate', before: '2027-05-02T12:00:00.000Z', after: '2026-12-31T00:00:00.000Z' }], []],
    ['a date typed with a time is its UTC day', 'gal_golden/dispatch', '2026.4.0', new Date('2026-12-31T18:30:00Z'), undefined,
      [{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }, { field: 'publishingProfile.endOfLifeDate', before: '2027-05-02T12:00:00.000Z', after: '2026-12-31T00:00:00.000Z' }], []],
    ['today, explicitly', 'gal_golden/dispatch', '2026.4.0', new Date('2026-11-23T00:00:00Z'), undefined,
      [{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }, { field: 'publishingProfile.endOfLifeDate', before: '2027-05-02T12:00:00.000Z', after: TODAY }], []],
    ['none set before', 'gal_golden/dispatch', '2026.4.0', undefined, (v) => ({ ...v, endOfLifeDate: undefined }),
      [{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }, { field: 'publishingProfile.endOfLifeDate', before: null, after: TODAY }], []],
    ['already excluded: only the date changes', 'gal_golden/callcenter-desktop', '2026.6.0', undefined, undefined,
      [{ field: 'publishingProfile.endOfLifeDate', before: '2027-11-23T12:00:00.000Z', after: TODAY }], []],
    ['an explicit later date extends a passed end of life, with a warning', 'gal_golden/callcenter-desktop', '2026.3.0', new Date('2026-12-01T00:00:00Z'), undefined,
      [{ field: 'publishingProfile.endOfLifeDate', before: '2026-11-13T12:00:00.000Z', after: '2026-12-01T00:00:00.000Z' }], ['This moves the end of life later, from 2026-11-13 to 2026-12-01.']],
  ])('%s', (_name, path, version, on, change, fields, warnings) => {
    const p = plan(retire(path, version, { on, change, usage: NO_USAGE }));
    expect(p.changes[0]!.fields).toEqual(fields);
    expect(p.warnings).toEqual(warnings);
  });

  test.each<[string, string, string, Date | undefined, string, string]>([
    ['yesterday', 'gal_golden/dispatch', '2026.4.0', new Date('2026-11-22T00:00:00Z'), 'date-in-past', '2026-11-22 is in the past; retire on today (2026-11-23) or a later date.'],
    ['already retired (excluded, end of life passed)', 'gal_golden/callcenter-desktop', '2026.3.0', undefined, 'nothing-to-change',
      'gal_golden/callcenter-desktop 2026.3.0 is already retired: excluded from latest, end of life 2026-11-13.'],
    ['already excluded and ending on that day', 'gal_golden/callcenter-desktop', '2026.6.0', new Date('2027-11-23T00:00:00Z'), 'nothing-to-change',
      'gal_golden/callcenter-desktop 2026.6.0 is already retired: excluded from latest, end of life 2027-11-23.'],
  ])('refused: %s', (_name, path, version, on, code, reason) => {
    expect(retire(path, version, { on })).toEqual({ ok: false, refused: { code, reason } });
  });
});

test('scale sets and VMs are named together', () => {
  const usage: VersionUsage = { scaleSets: DEMO_USAGE.scaleSets, vms: [ref('vm', 'vm-dispatch-debug', 'rg-x', versionId('gal_golden', 'dispatch', '2026.5.0'))] };
  expect(plan(retire('gal_golden/dispatch', '2026.5.0', { usage })).warnings).toEqual([
    'Scale set vmss-dispatch-prod (rg-dispatch-prod) and VM vm-dispatch-debug (rg-x) still reference 2026.5.0 explicitly.',
  ]);
});

test('long lists of references are shortened, and references to other versions are ignored', () => {
  const id = versionId('gal_golden', 'dispatch', '2026.5.0');
  const usage: VersionUsage = {
    scaleSets: Array.from({ length: 12 }, (_, i) => ref('vmss', `vmss-${String(i).padStart(2, '0')}`, 'rg-fleet', i % 2 ? id.toUpperCase() : id)),
    vms: [ref('vm', 'vm-other', 'rg-x', versionId('gal_golden', 'dispatch', '2026.4.0')), ref('vm', 'vm-zero', 'rg-x', versionId('gal_golden', 'dispatch', '2026.05.0'))],
  };
  expect(plan(retire('gal_golden/dispatch', '2026.5.0', { usage })).warnings).toEqual([
    'Scale sets vmss-00 (rg-fleet), vmss-01 (rg-fleet), vmss-02 (rg-fleet), vmss-03 (rg-fleet), vmss-04 (rg-fleet), vmss-05 (rg-fleet), vmss-06 (rg-fleet), vmss-07 (rg-fleet), vmss-08 (rg-fleet), vmss-09 (rg-fleet) and 2 more, and VM vm-zero (rg-x) still reference 2026.5.0 explicitly.',
  ]);
});
