import { diffDigest } from '../../src/subscriptions/digest-diff';
import type { DigestFinding } from '../../src/subscriptions/digest-findings';
import { digestFindings } from '../../src/subscriptions/digest-findings';
import type { Report, ReportFinding } from '../../src/report/report-types';

const finding = (key: string): DigestFinding => ({ key, label: `label ${key}`, source: 'report', severity: 'high' });

describe('diffDigest', () => {
  test('the first digest takes everything open as its baseline', () => {
    expect(diffDigest(undefined, [finding('a'), finding('b')])).toEqual({ first: true, added: [], resolved: [], stillOpen: [finding('a'), finding('b')] });
  });

  test('new, resolved and still open by key since the previous day', () => {
    const previous = { day: '2026-12-04', sentAt: '2026-12-04T08:00:00Z', findings: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] };
    expect(diffDigest(previous, [finding('b'), finding('c')])).toEqual({ first: false, since: '2026-12-04', added: [finding('c')], resolved: [{ key: 'a', label: 'A' }], stillOpen: [finding('b')] });
    expect(diffDigest(previous, [finding('a'), finding('b')])).toMatchObject({ added: [], resolved: [] });
  });
});

describe('digestFindings', () => {
  const base: Omit<ReportFinding, 'kind' | 'text'> = { severity: 'medium', subscriptionId: 'SUB', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '1.0.0', fixes: [] };
  const report = (findings: ReportFinding[]): Report => ({ readAt: '', settings: { eolSoonDays: 30, staleLatestDays: 90 }, scanned: { subscriptions: [], galleries: 0, definitions: 0, versions: 0 }, desiredState: false, findings, storage: [], problems: [] });
  const scope = { kind: 'gallery' as const, subscriptionId: 'sub', resourceGroup: 'RG-IMAGES', gallery: 'gal_golden' };

  test('a finding keeps its key while its words change (days to end of life), and a new failed region is a new key', () => {
    const today = digestFindings(scope, report([{ ...base, kind: 'end-of-life-soon', text: 'in 20 days' }, { ...base, kind: 'replication-failed', text: 'failed', regions: ['Central US'] }]), undefined);
    const tomorrow = digestFindings(scope, report([{ ...base, kind: 'end-of-life-soon', text: 'in 19 days' }, { ...base, kind: 'replication-failed', text: 'failed', regions: ['Central US', 'West Europe'] }]), undefined);
    const changes = diffDigest({ day: 'd', sentAt: '', findings: today }, tomorrow);
    expect(changes.stillOpen.map((f) => f.label)).toEqual(['in 19 days']);
    expect(changes.added.map((f) => f.key)).toEqual(['report|replication-failed|sub/rg-images/gal_golden/dispatch/1.0.0|centralus,westeurope']);
  });

  test('only what is in the subscription’s scope (report by ARM path, drift by the desired state’s gallery name)', () => {
    const other = { ...base, gallery: 'gal_staging' };
    const drift = { differences: [{ kind: 'region-missing' as const, gallery: 'gal_golden', image: 'dispatch', region: 'westus2', expected: '', actual: '', text: 'drift golden', fixes: [] }, { kind: 'sharing' as const, gallery: 'gal_staging', expected: '', actual: '', text: 'drift staging', fixes: [] }], checked: { galleries: 0, definitions: 0, versions: 0 }, problems: [], subscriptions: [], readAt: new Date() };
    const found = digestFindings(scope, report([{ ...base, kind: 'stale-latest', text: 'golden' }, { ...other, kind: 'stale-latest', text: 'staging' }]), drift);
    expect(found.map((f) => f.label).sort()).toEqual(['drift golden', 'golden']);
    expect(digestFindings({ kind: 'all' }, report([{ ...other, kind: 'stale-latest', text: 'staging' }]), drift)).toHaveLength(3);
  });
});
