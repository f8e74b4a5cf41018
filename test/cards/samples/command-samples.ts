/**
 * Card replies that commands produce over the fakes the card tests use (cards.test.ts, usage-command.test.ts,
 * report-drift-cards.test.ts): the demo gallery plus its extremes, the demo usage, the shipped desired state.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GALLERIES_PAGE_SIZE } from '../../../src/cards/galleries-card';
import { IMAGES_PAGE_SIZE } from '../../../src/cards/images-card';
import type { CommandContext } from '../../../src/commands/command-context';
import type { CardReply } from '../../../src/cards/reply';
import { runCommand } from '../../../src/commands/run-command';
import type { UsageReader, UsageRef, VersionUsage } from '../../../src/gallery/usage-port';
import { projectPath } from '../../../src/project-root';
import { DEMO_USAGE, ref, versionId } from '../../approvals/plan/plan-fixtures';
import { commandContext } from '../../fixtures/command-harness';
import { demoGallery } from '../../fixtures/demo-gallery';
import type { RegionSpec } from '../../fixtures/gallery-builder';
import { demoUsage, FakeUsage, withSeedSizes } from '../../report/report-fixtures';

/** One reply and where it came from, so a failing check names the input. */
export interface CardSample {
  label: string;
  reply: CardReply;
}

/** Demo data plus the extremes: 500 versions, 60 regions, hostile names. */
export function bigGallery() {
  const b = demoGallery().image('gal_golden', 'big');
  for (let i = 0; i < 500; i++) b.version('gal_golden', 'big', `1.${Math.floor(i / 10)}.${i % 10}`, { publishedDays: -i, eolDays: 400 - i });
  const regions: RegionSpec[] = Array.from({ length: 60 }, (_, i) => [`region${i}`, i % 7 === 0 ? 'Failed' : i % 3 === 0 ? 'Replicating' : 'Completed', i]);
  b.image('gal_golden', 'wide').version('gal_golden', 'wide', '1.0.0', {
    publishedDays: -1,
    eolDays: 10,
    regions,
    safety: { policyViolations: [{ category: 'ImageFlaggedUnsafe', details: 'flagged *bold* [x](http://evil)' }], reportedForPolicyViolation: true },
  });
  b.image('gal_golden', 'odd_name_', { publisher: 'Pub_', offer: '<b>html</b>', sku: '**sku**' }).version('gal_golden', 'odd_name_', '0.0.1', {});
  return b;
}

/** More galleries and images than one page holds: the lists' More and Previous buttons. */
export function crowdedGallery() {
  const b = demoGallery();
  for (let i = 0; i < GALLERIES_PAGE_SIZE + 5; i++) b.gallery(`gal_team${String(i).padStart(2, '0')}`);
  for (let i = 0; i < IMAGES_PAGE_SIZE + 5; i++) b.image('gal_team00', `app-${String(i).padStart(2, '0')}`);
  return b;
}

/** The list commands that page over the crowded gallery. */
export const PAGED_LISTS = ['galleries', 'galleries page 2', 'images gal_team00', 'images gal_team00 page 2'];

/** Every command cards.test.ts sends over the big gallery, valid or not. */
export const EVERY_COMMAND = [
  'help', 'help versions', 'help image status', 'help promote', 'galleries', 'images', 'images gal_golden', 'images gal_golden page 2',
  'versions callcenter-desktop', 'versions big', 'versions big page 25', 'versions big page 999', 'versions odd_name_',
  'image status dispatch 2026.05', 'status callcenter-desktop 2026.6.0', 'status wide', 'status odd_name_',
  'versions nothing', 'nonsense', 'versions', 'image status dispatch 9.9.9', 'versions x page 0', '',
];

/** Runs `text` as a message and keeps the card (a text answer is not a card sample). */
export async function cardOfCommand(ctx: CommandContext, text: string, label = text): Promise<CardSample[]> {
  const reply = await runCommand(text, ctx, { source: 'message' });
  return reply.kind === 'card' ? [{ label: `${label} → ${reply.template}`, reply }] : [];
}

async function run(ctx: CommandContext, commands: readonly string[], prefix: string): Promise<CardSample[]> {
  const out: CardSample[] = [];
  for (const text of commands) out.push(...(await cardOfCommand(ctx, text, `${prefix}: ${JSON.stringify(text)}`)));
  return out;
}

/** Answers like the Resource Graph adapter (usage-command.test.ts). */
function usageOf(all: VersionUsage): UsageReader {
  const refs = (r: UsageRef[]): UsageRef[] => r.map((x) => ({ ...x, location: 'eastus2' }));
  return new FakeUsage({ scaleSets: refs(all.scaleSets), vms: refs(all.vms) });
}

function usageSamples(): Promise<CardSample[]>[] {
  const many: VersionUsage = {
    scaleSets: Array.from({ length: 30 }, (_, i) => ref('vmss', `vmss-${String(i).padStart(2, '0')}`, 'rg-fleet', versionId('gal_golden', 'dispatch', '2026.5.0'))),
    vms: [],
  };
  const mixed: VersionUsage = {
    scaleSets: [
      ref('vmss', 'vmss-old', 'rg-a', versionId('gal_golden', 'dispatch', '2026.4.0')),
      ref('vmss', '*[x](http://evil)', 'rg-a', versionId('gal_golden', 'dispatch', '2026.5.0')),
      ref('vmss', 'vmss-legacy', 'rg-old', versionId('gal_golden', 'dispatch', '2025.1.0')),
      ...DEMO_USAGE.scaleSets,
    ],
    vms: [ref('vm', 'vm-new', 'rg-c', versionId('gal_golden', 'dispatch', '2026.05.1')), ...DEMO_USAGE.vms],
  };
  const ctx = (usage: VersionUsage): CommandContext => ({ ...commandContext(), usage: usageOf(usage) });
  return [
    run(ctx(DEMO_USAGE), ['usage dispatch 2026.5.0', 'usage callcenter-desktop', 'usage callcenter-desktop 2026.5.0', 'usage gpu-analytics 1.0.0', 'usage dispatch 2026.05', 'usage callcenter-desktop latest', 'usage dispatch 2026.5.7'], 'usage'),
    run(ctx(mixed), ['usage dispatch', 'usage dispatch 2025.1.0'], 'usage, mixed'),
    run(ctx(many), ['usage dispatch 2026.5.0', 'usage gal_golden/dispatch 2026.5.0 page 2'], 'usage, 30 scale sets'),
  ];
}

function reportSamples(): Promise<CardSample[]>[] {
  const desired = projectPath('config', 'desired-state.demo.json');
  const context = (overrides: Partial<CommandContext> = {}, b = withSeedSizes(demoGallery())): CommandContext =>
    ({ ...commandContext(b.port), usage: demoUsage(), report: { eolSoonDays: 30, staleLatestDays: 90 }, desiredStateFile: desired, ...overrides });
  const dir = mkdtempSync(join(tmpdir(), 'card-samples-'));
  const file = (name: string, json: unknown): string => {
    writeFileSync(join(dir, name), JSON.stringify(json));
    return join(dir, name);
  };
  const broken = file('broken.json', { galleries: [] });
  const mars = file('mars.json', { galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'dispatch', regions: ['mars1'] }] }] });
  const matches = file('matches.json', { galleries: [{ gallery: 'gal_golden', sharing: 'Private', definitions: [{ image: 'dispatch', regions: ['eastus2', 'centralus'] }] }] });
  const clean = withSeedSizes(demoGallery());
  clean.port.galleries.splice(1, 1);
  clean.port.images.splice(0, clean.port.images.length, ...clean.port.images.filter((i) => i.image === 'gpu-analytics'));
  clean.port.versions.splice(0, clean.port.versions.length, ...clean.port.versions.filter((v) => v.image === 'gpu-analytics' && v.version !== '1.0.0'));
  const wide = demoGallery();
  for (let i = 0; i < 200; i++) wide.image('gal_golden', `app-${i}`).version('gal_golden', `app-${i}`, '1.0.0', { publishedDays: -400, eolDays: -1 - i, osDiskSizeGB: 30 + i });
  return [
    run(context(), ['report', 'report page 2', 'drift', 'drift page 2'], 'report'),
    run(context({}, wide), ['report', 'report page 20', 'report page 40'], 'report, 200 past end of life'),
    run(context({ usage: undefined, desiredStateFile: undefined }), ['report', 'drift'], 'report, no usage or desired state'),
    run(context({ desiredStateFile: broken }), ['report', 'drift'], 'report, broken desired state'),
    run(context({ desiredStateFile: mars }), ['drift'], 'drift, unknown region'),
    run(context({ desiredStateFile: matches }), ['drift'], 'drift, matching file'),
    run(context({ desiredStateFile: undefined }, clean), ['report'], 'report, nothing to fix'),
  ];
}

/** Every command-made card sample; `big` is shared so the 500-version gallery is built once. */
export async function commandSamples(): Promise<CardSample[]> {
  const lists = await Promise.all([
    run(commandContext(bigGallery().port), EVERY_COMMAND, 'big gallery'),
    run(commandContext(crowdedGallery().port), PAGED_LISTS, 'crowded gallery'),
    ...usageSamples(),
    ...reportSamples(),
  ]);
  return lists.flat();
}
