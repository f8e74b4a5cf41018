/**
 * Issue 11, points 2 and 3: a failed validation is a safety finding everywhere a policy violation is (status
 * headline, versions list, report, promotion gate), and a version that is not provisioned is never called
 * Completed or latest. Each case is a version as ARM could return it; each assertion is what a user reads.
 */
import { ask, commandContext } from '../fixtures/command-harness';
import { demoGallery } from '../fixtures/demo-gallery';
import type { GalleryBuilder } from '../fixtures/gallery-builder';
import { cardText } from '../helpers/validate-card';
import { demoUsage } from '../report/report-fixtures';
import type { ImageVersion, VersionValidation } from '../../src/gallery/model';
import { policyGate } from '../../src/approvals/plan/common-gates';

const FAILED_BASELINE: VersionValidation = {
  executed: [
    { type: 'LinuxSecurityBaseline', status: 'Failed', version: 'beta', executedAt: new Date('2026-11-20T00:00:00Z') },
    { type: 'AzCertify', status: 'Succeeded', version: '10.0.4' },
  ],
  platformAttributes: [{ name: 'source_image_publisher', value: 'publishValue' }],
};

function edit(b: GalleryBuilder, image: string, version: string, change: Partial<ImageVersion>): GalleryBuilder {
  const v = b.port.versions.find((x) => x.gallery === 'gal_golden' && x.image === image && x.version === version)!;
  Object.assign(v, change);
  return b;
}

/** dispatch 2026.5.1 is the demo's latest (Central US Failed, East US 2 Completed); 2026.5.0 is all Completed. */
const headlineOf = async (b: GalleryBuilder, which: string): Promise<string> => {
  const { card } = await ask(commandContext(b.port), `image status ${which}`);
  return (card.data as { summary: string }).summary;
};

describe('failed validations are a safety finding', () => {
  const withFailed = (): GalleryBuilder => edit(demoGallery(), 'dispatch', '2026.5.0', { validation: FAILED_BASELINE });

  test('image status leads with the failed validation in red and lists each validation', async () => {
    const { card, rendered } = await ask(commandContext(withFailed().port), 'image status dispatch 2026.5.0');
    const data = card.data as { summary: string; summaryColor: string };
    expect(data.summary).toMatch(/^✗ Failed validation \(LinuxSecurityBaseline \(beta\)\)/);
    expect(data.summaryColor).toBe('attention');
    const lines = cardText(rendered);
    expect(lines).toContain('✗ Validation LinuxSecurityBaseline (beta): Failed, 2026-11-20');
    expect(lines).toContain('✓ Validation AzCertify (10.0.4): Succeeded');
  });

  test('the versions list flags it (the validation comes from the version GET beside the list)', async () => {
    const lines = cardText((await ask(commandContext(withFailed().port), 'versions dispatch')).rendered);
    expect(lines).toContain('✗ Failed validation (LinuxSecurityBaseline (beta))');
  });

  test('report has a failed-validation finding', async () => {
    // Validation results come with the replication GET, which report makes for versions that matter:
    // dispatch 2026.5.0 is one because vmss-dispatch-prod pins it.
    const lines = cardText((await ask({ ...commandContext(withFailed().port), usage: demoUsage() }, 'report')).rendered);
    expect(lines.some((l) => l.includes("dispatch 2026.5.0 failed Azure's validation LinuxSecurityBaseline (beta)"))).toBe(true);
  });

  test('the promotion gate that stops policy violations stops it too', () => {
    const v = withFailed().port.versions.find((x) => x.gallery === 'gal_golden' && x.image === 'dispatch' && x.version === '2026.5.0')!;
    expect(policyGate(v)).toMatchObject({ passed: false, detail: "Azure's validation failed: LinuxSecurityBaseline (beta)." });
    expect(policyGate({ ...v, validation: { executed: [{ type: 'AzCertify', status: 'Succeeded' }], platformAttributes: [] } })).toMatchObject({ passed: true });
  });
});

describe('provisioning state is first-class', () => {
  test.each([
    ['Creating', '⏳ Provisioning: Creating · No target regions yet'],
    ['Failed', '✗ Provisioning FAILED · No target regions yet'],
  ])('a version still %s with no regions is never "Completed in 0 regions" nor LATEST', async (state, headline) => {
    const b = demoGallery().version('gal_golden', 'dispatch', '2026.6.0', { provisioningState: state, regions: [] });
    edit(b, 'dispatch', '2026.6.0', { replication: { aggregatedState: 'Unknown', regions: [] } });
    expect(await headlineOf(b, 'dispatch 2026.6.0')).toBe(headline);
    const status = cardText((await ask(commandContext(b.port), 'image status dispatch 2026.6.0')).rendered);
    expect(status).toContain('Latest: no');
    const list = cardText((await ask(commandContext(b.port), 'versions dispatch')).rendered);
    expect(list).toContain('Latest: 2026.5.1');
    const row = list.slice(list.indexOf('2026.6.0'), list.indexOf('2026.5.1'));
    expect(row).not.toContain('★ LATEST');
    expect(row.join(' ')).not.toMatch(/completed/i);
  });

  test('a version Updating with every region Completed is not headlined Completed', async () => {
    const b = edit(demoGallery(), 'dispatch', '2026.5.0', { provisioningState: 'Updating' });
    expect(await headlineOf(b, 'dispatch 2026.5.0')).toMatch(/^⏳ Provisioning: Updating · \d of \d regions? Completed so far$/);
  });

  test('ARM aggregating Unknown above a Completed region is not headlined "Unknown in 2 regions"', async () => {
    const b = demoGallery().version('gal_golden', 'dispatch', '2026.6.0', { regions: [['eastus2', 'Completed'], ['westus2', 'Completed']] });
    const v = b.port.versions.find((x) => x.gallery === 'gal_golden' && x.image === 'dispatch' && x.version === '2026.6.0')!;
    v.replication = { aggregatedState: 'Unknown', regions: [v.replication!.regions[0]!] };
    expect(await headlineOf(b, 'dispatch 2026.6.0')).toBe('⚠ Replication: 1 of 2 regions Completed, 1 not reported');
  });

  test('report has a provisioning-failed finding and reports versions Azure flags (ImageFlaggedUnsafe, CVE)', async () => {
    const b = demoGallery().version('gal_golden', 'dispatch', '2026.6.0', { provisioningState: 'Failed', regions: [] });
    edit(b, 'dispatch', '2026.5.0', { safety: { policyViolations: [{ category: 'ImageFlaggedUnsafe', details: 'CVE-2026-1234' }], reportedForPolicyViolation: true } });
    const lines = cardText((await ask(commandContext(b.port), 'report')).rendered);
    expect(lines.some((l) => l.includes('dispatch 2026.6.0: provisioning failed; it cannot be deployed.'))).toBe(true);
    expect(lines.some((l) => l.includes('dispatch 2026.5.0 is flagged by Azure for ImageFlaggedUnsafe (CVE-2026-1234).'))).toBe(true);
  });
});

test('latest is per region: the Latest line names the regions where this version is excluded', async () => {
  const b = demoGallery();
  const latest = b.port.versions.find((x) => x.gallery === 'gal_golden' && x.image === 'dispatch' && x.version === '2026.5.1')!;
  latest.targetRegions = latest.targetRegions.map((r) => (r.name === 'East US 2' ? { ...r, excludeFromLatest: true } : r));
  const lines = cardText((await ask(commandContext(b.port), 'image status dispatch 2026.5.1')).rendered);
  expect(lines).toContain('Latest: yes (what latest deploys), except in East US 2 (excluded there: latest deploys an older version)');
  expect(lines).toContain('Per-region latest: excluded in East US 2; eligible elsewhere');
  expect(lines).toContain('Excluded from latest in this region');
});

test('report: a version still Creating is not reported missing from required regions (they are not final yet)', async () => {
  const b = demoGallery().version('gal_golden', 'dispatch', '2026.6.0', { provisioningState: 'Creating', regions: [] });
  const lines = cardText((await ask(commandContext(b.port), 'report')).rendered);
  expect(lines.filter((l) => l.includes('dispatch 2026.6.0'))).toEqual([]);
});
