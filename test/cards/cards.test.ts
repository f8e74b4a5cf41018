import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findCardsDir } from '../../src/cards/cards-dir';
import { choicesCard } from '../../src/cards/choices-card';
import { errorCard } from '../../src/cards/error-card';
import { createCardRenderer, renderCard } from '../../src/cards/render-card';
import { RUN_VERB } from '../../src/cards/run-button';
import { ConflictError, ForbiddenError, UpstreamError } from '../../src/errors';
import { RUN_VERB as TEAMS_RUN_VERB } from '../../src/teams/command-input';
import { errorReply } from '../../src/commands/error-reply';
import { ask, commandContext } from '../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import type { RegionSpec } from '../fixtures/gallery-builder';
import { allActions, cardProblems, cardText, expectValidCard, MAX_CARD_BYTES, runButtons } from '../helpers/validate-card';

/** Demo data plus the extremes: 500 versions, 60 regions, hostile names. */
function bigGallery() {
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

const EVERY_COMMAND = [
  'help', 'help versions', 'help image status', 'galleries', 'images', 'images gal_golden', 'images gal_golden page 2',
  'versions callcenter-desktop', 'versions big', 'versions big page 25', 'versions big page 999', 'versions odd_name_',
  'image status dispatch 2026.05', 'status callcenter-desktop 2026.6.0', 'status wide', 'status odd_name_',
  'versions nothing', 'nonsense', 'versions', 'image status dispatch 9.9.9', 'versions x page 0', '',
];

describe('every card the bot can send is valid Adaptive Card 1.5 under 80 KB', () => {
  const ctx = commandContext(bigGallery().port);
  test.each(EVERY_COMMAND)('%j', async (text) => {
    const { rendered } = await ask(ctx, text);
    expect(cardProblems(rendered)).toEqual([]);
  });

  test('ambiguity choices, and every error kind', () => {
    const cards = [
      choicesCard('`x` matches 30 image definitions. Which one?', Array.from({ length: 30 }, (_, i) => ({ title: `g${i}/x`, command: `versions g${i}/x`, detail: 'Linux' }))),
      errorReply(new ForbiddenError('The bot may not read gal_golden.')),
      errorReply(new ConflictError('The version changed.')),
      errorReply(new UpstreamError('Azure answered 503.')),
      errorCard({ title: 'x', message: 'y' }),
    ];
    for (const c of cards) expectValidCard(renderCard(c));
    expect(cardText(renderCard(cards[0]!)).join(' ')).toContain('Showing 20 of 30');
  });

  test('every template in cards/ is covered', async () => {
    const used = new Set<string>();
    for (const text of EVERY_COMMAND) used.add((await ask(ctx, text)).card.template);
    used.add('choices');
    // Request cards come from approvals, not from a command yet; change-request-card.test.ts and
    // pending-card.test.ts validate every variant of them.
    used.add('change-request');
    used.add('pending');
    used.add('evidence'); // needs the store and link settings; test/evidence/evidence-command.test.ts validates its variants
    used.add('usage'); // needs a UsageReader; usage-command.test.ts and integration/usage.test.ts validate it
    used.add('findings'); // report and drift: test/report/report-drift-cards.test.ts validates every page
    used.add('history'); // needs the audit store: test/history/history.test.ts validates it
    const files = readdirSync(findCardsDir()).map((f) => f.replace(/\.json$/, ''));
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });
});

describe('paging', () => {
  const ctx = commandContext(bigGallery().port);

  test('500 versions show 20, say so, and offer More with an Action.Execute and a Submit fallback', async () => {
    const { rendered } = await ask(ctx, 'versions big');
    const lines = cardText(rendered);
    expect(lines).toContain('Showing 1–20 of 500');
    expect(lines).toContain('1.49.9');
    expect(lines).not.toContain('1.47.9');
    const more = allActions(rendered).find((a) => a.title === 'More (page 2 of 25)')!;
    expect(more).toMatchObject({ type: 'Action.Execute', verb: RUN_VERB, data: { verb: RUN_VERB, command: 'versions gal_golden/big page 2' } });
    expect(more.fallback).toEqual({ type: 'Action.Submit', title: 'More (page 2 of 25)', data: { verb: RUN_VERB, command: 'versions gal_golden/big page 2' } });
    expect(JSON.stringify(rendered).length).toBeLessThan(MAX_CARD_BYTES);
  });

  test('the last page has Previous and no More; a page past the end shows the last page', async () => {
    for (const text of ['versions big page 25', 'versions big page 999']) {
      const { rendered } = await ask(ctx, text);
      expect(cardText(rendered)).toContain('Showing 481–500 of 500');
      expect(runButtons(rendered).filter((b) => b.title.startsWith('More'))).toEqual([]);
      expect(runButtons(rendered).map((b) => b.command)).toContain('versions gal_golden/big page 24');
    }
  });

  test('a More button runs from a card (read-only) and lands on the next page', async () => {
    const { rendered } = await ask(ctx, 'versions gal_golden/big page 2', 'card');
    expect(cardText(rendered)).toContain('Showing 21–40 of 500');
  });

  test('a status card with 60 regions stays under 80 KB, failed regions first', async () => {
    const { rendered } = await ask(ctx, 'status wide');
    expect(JSON.stringify(rendered).length).toBeLessThan(MAX_CARD_BYTES);
    const lines = cardText(rendered);
    const states = lines.filter((l) => ['Failed', 'Replicating', 'Completed'].includes(l));
    expect(states.lastIndexOf('Failed')).toBeLessThan(states.indexOf('Replicating'));
    expect(lines).toContain('Policy violation: ImageFlaggedUnsafe (flagged \\*bold\\* \\[x\\]\\(http://evil))'.replace('\\(', '('));
  });
});

describe('rendering', () => {
  test('data is never evaluated as a template expression', async () => {
    const b = demoGallery().image('gal_golden', 'tricky', { publisher: '${title}', offer: "${'x'}", sku: '${1+1}' });
    const { rendered } = await ask(commandContext(b.port), 'images gal_golden');
    expect(cardText(rendered)).toContain("${title} / ${'x'} / ${1+1}");
    // Only the literal data contains `${`; everything else is valid.
    expect(cardProblems(rendered)).toEqual(['unexpanded template expression ${…} left in the card']);
  });

  test('every Action.Execute has the run verb and a command', async () => {
    const ctx = commandContext(bigGallery().port);
    for (const text of EVERY_COMMAND) {
      for (const b of runButtons((await ask(ctx, text)).rendered)) {
        expect(b.verb).toBe(RUN_VERB);
        expect(b.command.length).toBeGreaterThan(0);
      }
    }
  });

  test('the verb is the one the Teams layer routes', () => {
    expect(RUN_VERB).toBe(TEAMS_RUN_VERB);
  });

  test('templates are found from compiled output too, and template names cannot leave the folder', () => {
    expect(findCardsDir(join(__dirname, '..', '..', 'dist', 'src', 'cards'))).toBe(findCardsDir());
    expect(() => createCardRenderer()({ kind: 'card', template: '../package', data: {}, summary: '' })).toThrow(/invalid card template name/);
  });

  test('the validator catches what Teams would reject', () => {
    const bad = { type: 'AdaptiveCard', version: '1.6', body: [{ type: 'TextBlock', text: '${x}' }], actions: [{ type: 'Action.Execute', title: 'x' }] };
    expect(cardProblems(bad)).toEqual(expect.arrayContaining([
      'version is 1.6, not 1.5',
      'unexpanded template expression ${…} left in the card',
      'Action.Execute "x" has no verb',
    ]));
  });
});

test('dates on cards are UTC and relative to the read time', async () => {
  const { rendered } = await ask(commandContext(demoGallery(DEMO_NOW).port), 'versions gpu-analytics');
  expect(cardText(rendered)).toContain('End of life 2026-10-24 (30 days ago), past end of life');
});
