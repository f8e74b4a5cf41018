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
import { allActions, cardProblems, cardText, expectValidCard, MAX_CARD_BYTES, runButtons } from '../helpers/validate-card';
import { bigGallery, crowdedGallery, EVERY_COMMAND, PAGED_LISTS } from './samples/command-samples';

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
    used.add('progress'); // sent by the Teams layer while a slow command runs: test/integration/long-commands.test.ts
    used.add('watch-event'); // sent by the subscriptions watcher: card-samples.ts renders each kind, test/integration/subscriptions.test.ts
    used.add('digest'); // sent by the digest runner: card-samples.ts renders its variants, test/integration/subscription-digest.test.ts
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

  test('galleries and images past one page: valid, and More and Previous run the neighbouring page', async () => {
    const crowded = commandContext(crowdedGallery().port);
    const pages = await Promise.all(PAGED_LISTS.map(async (text) => (await ask(crowded, text)).rendered));
    for (const card of pages) expect(cardProblems(card)).toEqual([]);
    const paging = (card: object) => runButtons(card).filter((b) => /^(More|Previous)/.test(b.title)).map((b) => `${b.title} → ${b.command}`);
    expect(pages.map(paging)).toEqual([
      ['More (page 2 of 2) → galleries page 2'],
      ['Previous → galleries page 1'],
      ['More (page 2 of 2) → images gal_team00 page 2'],
      ['Previous → images gal_team00 page 1'],
    ]);
  });

  test('a More button runs from a card (read-only) and lands on the next page', async () => {
    const { rendered } = await ask(ctx, 'versions gal_golden/big page 2', 'card');
    expect(cardText(rendered)).toContain('Showing 21–40 of 500');
  });

  test('a status card with 60 regions stays under 80 KB, failed regions first', async () => {
    const { rendered } = await ask(ctx, 'status wide');
    expect(JSON.stringify(rendered).length).toBeLessThan(MAX_CARD_BYTES);
    const lines = cardText(rendered);
    const states = lines.filter((l) => ['✗ Failed', '⏳ Replicating', '✓ Completed'].includes(l));
    expect(states.lastIndexOf('✗ Failed')).toBeLessThan(states.indexOf('⏳ Replicating'));
    expect(lines).toContain('✗ Policy violation: ImageFlaggedUnsafe (flagged \\*bold\\* \\[x\\]\\(http://evil))'.replace('\\(', '('));
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
  expect(cardText(rendered)).toContain('✗ End of life 2026-10-24 (30 days ago), past end of life');
});
