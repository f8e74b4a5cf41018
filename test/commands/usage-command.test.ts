/** `usage` with a fake UsageReader over the demo references: what the card says, and what it flags. */
import { UpstreamError } from '../../src/errors';
import { parseImageReference, sameImage, sameVersion } from '../../src/gallery/image-reference';
import type { UsageReader, UsageRef, VersionUsage } from '../../src/gallery/usage-port';
import { ask, commandContext } from '../fixtures/command-harness';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';
import { DEMO_USAGE, ref, SUB, versionId } from '../approvals/plan/plan-fixtures';

/** Answers like the Resource Graph adapter: references to the definition, narrowed to `version` when given. */
function fakeUsage(all: VersionUsage, calls: string[] = []): UsageReader {
  return {
    async findUsage(image, version) {
      calls.push(`${image.gallery}/${image.image}${version ? ` ${version}` : ''}`);
      const keep = (r: UsageRef): boolean => {
        const parsed = parseImageReference(r.imageReferenceId);
        if (parsed === undefined || !sameImage(parsed, image)) return false;
        return version === undefined || parsed.version === undefined || sameVersion(parsed.version, version);
      };
      return { scaleSets: all.scaleSets.filter(keep), vms: all.vms.filter(keep) };
    },
  };
}

const located = (refs: UsageRef[]): UsageRef[] => refs.map((r) => ({ ...r, location: 'eastus2' }));
const DEMO: VersionUsage = { scaleSets: located(DEMO_USAGE.scaleSets), vms: located(DEMO_USAGE.vms) };

async function see(text: string, usage: VersionUsage = DEMO, reader?: UsageReader) {
  const calls: string[] = [];
  const ctx = { ...commandContext(), usage: reader ?? fakeUsage(usage, calls) };
  const { card, rendered } = await ask(ctx, text);
  expectValidCard(rendered);
  return { template: card.template, summary: card.summary, lines: cardText(rendered), buttons: runButtons(rendered), calls };
}

test('`usage dispatch 2026.5.0` lists vmss-dispatch-prod, pinned, with its group, subscription and region', async () => {
  const { template, lines, summary, calls } = await see('usage dispatch 2026.5.0');
  expect(template).toBe('usage');
  expect(lines[0]).toBe('dispatch 2026.5.0: 1 scale set, no VMs');
  expect(lines).toContain(`Gallery gal_golden · subscription ${SUB} · resource group rg-images`);
  expect(lines).toContain('Read 2026-11-23 12:00 UTC');
  expect(lines.join('\n')).toContain('Resolved to production (gal_golden)');
  const rows = lines.slice(lines.indexOf('Version 2026.5.0'));
  expect(rows.slice(0, 5)).toEqual(['Version 2026.5.0', 'vmss-dispatch-prod', 'Scale set', `Resource group rg-dispatch-prod · subscription ${SUB} · East US 2`, 'Pinned to version 2026.5.0']);
  expect(lines.join('\n')).not.toMatch(/latest:/i);
  expect(summary).toBe('dispatch 2026.5.0: 1 scale set, no VMs');
  expect(calls).toEqual(['gal_golden/dispatch 2026.5.0']);
});

test('`usage callcenter-desktop` flags vmss-callcenter as depending on latest, with the advice to pin', async () => {
  const { lines, summary } = await see('usage callcenter-desktop');
  expect(lines[0]).toBe('callcenter-desktop: 1 scale set, no VMs');
  expect(lines).toContain('⚠ 1 deployment depends on latest: it gets a different version whenever latest moves. Recovery templates should pin a version (…/versions/‹version›), never latest.');
  const group = lines.slice(lines.indexOf('⚠ The definition (latest)'));
  expect(group.slice(0, 6)).toEqual([
    '⚠ The definition (latest)',
    'Gets whatever version is latest when an instance is created or reimaged (today 2026.5.0).',
    'vmss-callcenter',
    'Scale set',
    `Resource group rg-callcenter · subscription ${SUB} · East US 2`,
    '⚠ Depends on latest: references the definition, not a version',
  ]);
  expect(summary).toBe('callcenter-desktop: 1 scale set, no VMs, 1 on latest');
});

/** The colour of the first TextBlock whose text starts with `prefix`. */
function colourOf(card: unknown, prefix: string): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk).find((c) => c !== undefined);
    if (!node || typeof node !== 'object') return undefined;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.startsWith(prefix)) return o.color ?? 'default';
    return Object.values(o).map(walk).find((c) => c !== undefined);
  };
  return walk(card);
}

test('the latest flag is drawn in the attention colour; a pinned reference is not', async () => {
  const ctx = { ...commandContext(), usage: fakeUsage(DEMO) };
  const latest = (await ask(ctx, 'usage callcenter-desktop 2026.5.0')).rendered;
  expect(colourOf(latest, '⚠ 1 deployment depends on latest')).toBe('attention');
  expect(colourOf(latest, '⚠ The definition (latest)')).toBe('attention');
  expect(colourOf(latest, '⚠ Depends on latest')).toBe('attention');
  const pinned = (await ask(ctx, 'usage dispatch 2026.5.0')).rendered;
  expect(colourOf(pinned, 'Pinned to version 2026.5.0')).toBe('default');
  expect(colourOf(pinned, '⚠ 1 deployment depends')).toBeUndefined();
});

test('`usage gpu-analytics 1.0.0` lists vm-analytics-01 and says the version is past end of life', async () => {
  const { lines } = await see('usage gpu-analytics 1.0.0');
  expect(lines[0]).toBe('gpu-analytics 1.0.0: no scale sets, 1 VM');
  const group = lines.slice(lines.indexOf('Version 1.0.0'));
  expect(group.slice(0, 4)).toEqual(['Version 1.0.0', '✗ End of life 2026-10-24 (30 days ago), past end of life', 'vm-analytics-01', 'VM']);
});

test('without a version: grouped by version, newest first, then the definition (latest)', async () => {
  const usage: VersionUsage = {
    scaleSets: [
      ref('vmss', 'vmss-old', 'rg-a', versionId('gal_golden', 'dispatch', '2026.4.0')),
      ref('vmss', 'vmss-latest', 'rg-b', `${versionId('gal_golden', 'dispatch')}/versions/latest`),
      ...DEMO.scaleSets,
    ],
    vms: [ref('vm', 'vm-new', 'rg-c', versionId('gal_golden', 'dispatch', '2026.05.1'))],
  };
  const { lines } = await see('usage dispatch', usage);
  expect(lines[0]).toBe('dispatch: 3 scale sets, 1 VM');
  const headings = lines.filter((l) => /^(Version |⚠ The definition)/.test(l));
  expect(headings).toEqual(['Version 2026.5.1 (latest today)', 'Version 2026.5.0', 'Version 2026.4.0', '⚠ The definition (latest)']);
  expect(lines.indexOf('vm-new')).toBeGreaterThan(lines.indexOf('Version 2026.5.1 (latest today)'));
  expect(lines.indexOf('vmss-latest')).toBeGreaterThan(lines.indexOf('⚠ The definition (latest)'));
});

test('a prefix resolves like `image status`, and an unused version says so', async () => {
  const { lines, calls } = await see('usage dispatch 2026.05');
  expect(lines[0]).toBe('dispatch 2026.5.1: no scale sets, no VMs');
  expect(lines).toContain('2026.05 → 2026.5.1 (the highest 2026.5.x)');
  expect(lines).toContain('No scale set or VM references dispatch 2026.5.1 or the definition.');
  expect(calls).toEqual(['gal_golden/dispatch 2026.5.1']);
});

test('`latest` reads as the version latest is today', async () => {
  const { lines } = await see('usage callcenter-desktop latest');
  expect(lines[0]).toBe('callcenter-desktop 2026.5.0: 1 scale set, no VMs');
  expect(lines).toContain('latest → 2026.5.0 (the latest version today)');
});

test('a version the gallery no longer has is still looked up: what pins it is what a responder must find', async () => {
  const usage: VersionUsage = { scaleSets: [ref('vmss', 'vmss-legacy', 'rg-old', versionId('gal_golden', 'dispatch', '2025.1.0'))], vms: [] };
  const { lines } = await see('usage dispatch 2025.1.0', usage);
  expect(lines[0]).toBe('dispatch 2025.1.0: 1 scale set, no VMs');
  expect(lines).toContain('✗ No longer in the gallery: scaling out or reimaging these will fail.');
});

test('a version that neither exists nor is pinned anywhere is a typo: the nearest versions are offered', async () => {
  const { template, lines, buttons } = await see('usage dispatch 2026.5.7');
  expect(template).toBe('error');
  expect(lines.join(' ')).toContain('`gal_golden/dispatch` has no version 2026.5.7, and no scale set or VM is pinned to it. Closest: 2026.5.1, 2026.5.0, 2026.4.0.');
  expect(buttons.map((b) => b.command)).toContain('usage dispatch 2026.5.1');
});

test('many references are paged with a More button that re-runs the same query', async () => {
  const many: VersionUsage = {
    scaleSets: Array.from({ length: 30 }, (_, i) => ref('vmss', `vmss-${String(i).padStart(2, '0')}`, 'rg-fleet', versionId('gal_golden', 'dispatch', '2026.5.0'))),
    vms: [],
  };
  const first = await see('usage dispatch 2026.5.0', many);
  expect(first.lines).toContain('Showing 1–25 of 30');
  expect(first.lines.filter((l) => /^vmss-\d\d$/.test(l))).toHaveLength(25);
  const more = first.buttons.find((b) => b.title.startsWith('More'));
  expect(more?.command).toBe('usage gal_golden/dispatch 2026.5.0 page 2');
  const second = await see(more!.command, many);
  expect(second.lines).toContain('Showing 26–30 of 30');
  expect(second.lines.filter((l) => /^vmss-\d\d$/.test(l))).toEqual(['vmss-25', 'vmss-26', 'vmss-27', 'vmss-28', 'vmss-29']);
  expect(second.lines).toContain('Version 2026.5.0');
});

test('names from ARM are escaped', async () => {
  const usage: VersionUsage = { scaleSets: [ref('vmss', '*[x](http://evil)', 'rg-a', versionId('gal_golden', 'dispatch', '2026.5.0'))], vms: [] };
  const { lines } = await see('usage dispatch 2026.5.0', usage);
  expect(lines).toContain('\\*\\[x\\](http://evil)');
});

test('a Resource Graph failure is a clear error card, not a crash', async () => {
  const failing: UsageReader = {
    findUsage: () => Promise.reject(new UpstreamError('Azure could not answer the request for the scale sets and VMs using gal_golden/dispatch (Azure Resource Graph) (HTTP 503); try again shortly.')),
  };
  const { template, lines } = await see('usage dispatch 2026.5.0', DEMO, failing);
  expect(template).toBe('error');
  expect(lines[0]).toBe('✗ Azure did not answer');
  expect(lines.join(' ')).toContain('Azure Resource Graph');
});

test.each([
  ['usage', /Missing an argument/],
  ['usage dispatch 2026.5.0 extra', /did not expect/],
  ['usage dispatch v2', /is not a version/],
])('`%s` is a usage error', async (text, message) => {
  const { template, lines } = await see(text);
  expect(template).toBe('error');
  expect(lines.join(' ')).toMatch(message);
});
