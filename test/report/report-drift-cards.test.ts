/** The `report` and `drift` cards over the fake port: valid, paged, fixes as buttons or as text to type. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/commands/command-context';
import { REPORT_PAGE_SIZE } from '../../src/cards/report-card';
import { projectPath } from '../../src/project-root';
import { ask, commandContext } from '../fixtures/command-harness';
import { demoGallery } from '../fixtures/demo-gallery';
import { MAX_CARD_BYTES, cardProblems, cardText, runButtons } from '../helpers/validate-card';
import { demoUsage, withSeedSizes } from './report-fixtures';

const DEMO_DESIRED = projectPath('config', 'desired-state.demo.json');

function context(overrides: Partial<CommandContext> = {}, b = withSeedSizes(demoGallery())): CommandContext {
  return { ...commandContext(b.port), usage: demoUsage(), report: { eolSoonDays: 30, staleLatestDays: 90 }, desiredStateFile: DEMO_DESIRED, ...overrides };
}

describe('report', () => {
  test('counts per kind, findings with their fixes, storage, paged as one list', async () => {
    const ctx = context();
    const { rendered, card } = await ask(ctx, 'report');
    expect(cardProblems(rendered)).toEqual([]);
    const lines = cardText(rendered);
    const text = lines.join('\n');
    expect(lines[0]).toBe('Compliance report: 11 findings');
    expect(card.summary).toBe('Compliance report: 11 findings');
    expect(text).toContain('All galleries in the configured scopes (subscription 11111111-2222-3333-4444-555555555555) · 2 galleries, 6 definitions, 13 versions');
    for (const fact of ['Past end of life: 2', 'End of life within 30 days: 1', 'Failed replication: 1', 'Missing from a required region: 3', 'Shared beyond Private: 1', 'Latest older than 90 days: 3']) expect(lines).toContain(fact);
    expect(lines).toContain('Past end of life (2)');
    expect(lines).toContain('✗ gal_golden/gpu-analytics 1.0.0 is past end of life (2026-10-24, 30 days ago) and still runs on VM vm-analytics-01.');
    expect(lines).toContain('Type: `retire gal_golden/gpu-analytics 1.0.0` (exclude it from latest; its end of life stays)');
    const buttons = runButtons(rendered).map((b) => b.command);
    expect(buttons).toEqual(expect.arrayContaining(['usage gal_golden/gpu-analytics 1.0.0', 'image status gal_golden/dispatch 2026.5.1', 'report page 2']));
    // Commands that change something are never buttons.
    expect(buttons.filter((c) => /^(promote|retire|az) /.test(c))).toEqual([]);
    expect(lines).toContain(`Showing 1–${REPORT_PAGE_SIZE} of 17: 11 findings, then the replica storage of 6 definitions`);
    // The storage section starts on page 1, largest first.
    expect(lines).toContain('Replica storage, largest first (6)');
    expect(lines).toContain('Replica storage: 4,820 GB in 6 definitions');
    expect(lines.filter((l) => / GB$/.test(l))).toEqual(['gal_golden/callcenter-desktop: 2,540 GB']);
  });

  test('page 2 continues the section it started in, then the storage, largest first', async () => {
    const { rendered } = await ask(context(), 'report page 2', 'card');
    const lines = cardText(rendered);
    expect(lines).toContain(`Showing ${REPORT_PAGE_SIZE + 1}–17 of 17: 11 findings, then the replica storage of 6 definitions`);
    expect(lines).toContain('Replica storage, largest first (6), continued');
    expect(lines.filter((l) => / GB$/.test(l))).toEqual([
      'gal_golden/gpu-analytics: 1,920 GB',
      'gal_golden/dispatch: 180 GB',
      'gal_golden/records: 60 GB',
      'gal_golden/reporting: 60 GB',
      'gal_staging/dispatch: 60 GB',
    ]);
    expect(runButtons(rendered).map((b) => b.command)).toContain('report page 1');
  });

  test('without a usage reader or a desired state: no "who runs it", no desired-state regions', async () => {
    const { rendered } = await ask(context({ usage: undefined, desiredStateFile: undefined }), 'report');
    const text = cardText(rendered).join('\n');
    expect(text).toContain('gal_golden/gpu-analytics 1.0.0 is past end of life (2026-10-24, 30 days ago).');
    expect(cardText(rendered)).toContain('Missing from a required region: 0');
    expect(text).not.toContain('Missing from a required region (');
  });

  test('a desired-state file broken since start is named, and the report still comes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'desired.json');
    writeFileSync(file, '{"galleries": []}');
    const { rendered } = await ask(context({ desiredStateFile: file }), 'report');
    expect(cardText(rendered).join('\n')).toMatch(/The desired-state file .*desired\.json is invalid \(galleries: list at least one gallery\); its required regions were not used\./);
  });

  test('200 definitions past end of life: every page stays under 80 KB', async () => {
    const b = demoGallery();
    for (let i = 0; i < 200; i++) b.image('gal_golden', `app-${i}`).version('gal_golden', `app-${i}`, '1.0.0', { publishedDays: -400, eolDays: -1 - i, osDiskSizeGB: 30 + i });
    const ctx = context({}, b);
    for (const text of ['report', 'report page 20', 'report page 40']) {
      const { rendered } = await ask(ctx, text);
      expect(cardProblems(rendered)).toEqual([]);
      expect(JSON.stringify(rendered).length).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  test('nothing to fix', async () => {
    const b = withSeedSizes(demoGallery());
    b.port.galleries.splice(1, 1);
    b.port.images.splice(0, b.port.images.length, ...b.port.images.filter((i) => i.image === 'gpu-analytics'));
    b.port.versions.splice(0, b.port.versions.length, ...b.port.versions.filter((v) => v.image === 'gpu-analytics' && v.version !== '1.0.0'));
    const { rendered } = await ask(context({ desiredStateFile: undefined }, b), 'report');
    expect(cardProblems(rendered)).toEqual([]);
    const lines = cardText(rendered);
    expect(lines[0]).toBe('Compliance report: nothing to fix');
    expect(lines).toContain('✓ Nothing past or near its end of life, every version replicated where it should be, nothing shared beyond Private, no stale latest.');
    expect(lines).toContain('gal_golden/gpu-analytics: 1,280 GB');
  });
});

describe('drift', () => {
  test('the shipped demo file against the demo data: differences with their fixes, paged', async () => {
    const { rendered } = await ask(context(), 'drift');
    expect(cardProblems(rendered)).toEqual([]);
    const lines = cardText(rendered);
    expect(lines[0]).toMatch(/^Drift: \d+ differences from desired-state\.demo\.json$/);
    expect(lines[1]).toBe('All galleries in the configured scopes (subscription 11111111-2222-3333-4444-555555555555)');
    expect(lines).toContain('Region missing (1)');
    expect(lines).toContain('✗ gal_golden/dispatch 2026.5.1 (latest) is not replicated to West US 2.');
    expect(lines).toContain('Type: `promote gal_golden/dispatch 2026.5.1 to westus2` (replicate it to West US 2)');
    expect(lines).toContain('Desired: replicated to West US 2 · Azure: not a target region');
    expect(runButtons(rendered).map((b) => b.command)).toEqual(expect.arrayContaining(['image status gal_golden/dispatch 2026.5.1', 'drift page 2']));
  });

  test('no file configured, or a broken one: said, with what to do', async () => {
    const none = await ask(context({ desiredStateFile: undefined }), 'drift');
    expect(cardText(none.rendered).join('\n')).toMatch(/No desired state configured[\s\S]*DESIRED\\_STATE\\_FILE|No desired state configured[\s\S]*DESIRED_STATE_FILE/);
    const file = join(mkdtempSync(join(tmpdir(), 'drift-')), 'desired.json');
    writeFileSync(file, JSON.stringify({ galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'dispatch', regions: ['mars1'] }] }] }));
    const broken = await ask(context({ desiredStateFile: file }), 'drift');
    expect(cardProblems(broken.rendered)).toEqual([]);
    expect(cardText(broken.rendered).join('\n')).toMatch(/The desired-state file has problems[\s\S]*"mars1" is not an Azure region/);
  });

  test('a file that matches: no drift, and what was compared', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'drift-')), 'desired.json');
    writeFileSync(file, JSON.stringify({ galleries: [{ gallery: 'gal_golden', sharing: 'Private', definitions: [{ image: 'dispatch', regions: ['eastus2', 'centralus'] }] }] }));
    const { rendered } = await ask(context({ desiredStateFile: file }), 'drift');
    const lines = cardText(rendered);
    expect(lines[0]).toBe('No drift from desired.json');
    expect(lines).toContain('Compared 1 gallery, 1 definition, 3 versions.');
    expect(lines).toContain('✓ The live galleries match the desired state.');
  });
});
