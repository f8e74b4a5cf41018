/**
 * Text colours on every card, checked on every template and on every sample reply rendered with it.
 *
 * The rule (issue 10, point 8):
 * 1. Colours are Adaptive Cards' semantic names only: default, accent, good, warning, attention. Never `light` or
 *    `dark` (they vanish on one of Teams' themes) and never anything a host would not map to its palette.
 * 2. Colour never carries the meaning alone (colour-blind readers, high-contrast themes, a screenshot printed in
 *    grey): text coloured good, warning or attention starts with a status icon (✓ ✗ ⚠ ⏳ ★), or is itself a status
 *    word in capitals ("PENDING", "APPROVED · WAITING").
 * 3. good and warning render as light green and yellow, too faint to read as text on a light theme: they colour
 *    only short bold status marks (a badge, a state, a headline of at most 80 characters), never ordinary body
 *    text. Body text that needs attention says so with its icon and stays in the default colour, or uses
 *    attention (red, readable) with its icon.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCardsDir } from '../../src/cards/cards-dir';
import { createCardRenderer } from '../../src/cards/render-card';
import { cardSamples, type CardSample } from './samples/card-samples';

const SEMANTIC = new Set(['default', 'accent', 'good', 'warning', 'attention']);
/** Marks that say what a colour says. */
const STATUS_ICON = /^[✓✗⚠⏳★]/u;
/** A badge: a status word (or two) in capitals. */
const STATUS_WORD = /^[A-Z]{3,}(?: [·/] [A-Z]{3,}| [A-Z]{3,})*$/;
const MAX_MARK_CHARS = 80;

const dir = findCardsDir();
const TEMPLATES = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const render = createCardRenderer();

interface Coloured {
  type: string;
  color: string;
  text: string;
  weight?: string;
}

/** Every element that sets a colour, in card order. */
function coloured(node: unknown, out: Coloured[] = []): Coloured[] {
  if (Array.isArray(node)) node.forEach((n) => coloured(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.color === 'string') out.push({ type: String(o.type), color: o.color, text: typeof o.text === 'string' ? o.text : '', ...(typeof o.weight === 'string' ? { weight: o.weight } : {}) });
    Object.values(o).forEach((v) => coloured(v, out));
  }
  return out;
}

/** What is wrong with one coloured element, in words; empty when it follows the rule. */
export function colourProblems(c: Coloured): string[] {
  const problems: string[] = [];
  const shown = `${c.type} ${JSON.stringify(c.text.slice(0, 60))} in ${c.color}`;
  if (!SEMANTIC.has(c.color)) problems.push(`${shown}: not a semantic colour`);
  if (['good', 'warning', 'attention'].includes(c.color) && c.text !== '' && !STATUS_ICON.test(c.text) && !STATUS_WORD.test(c.text)) {
    problems.push(`${shown}: colour is its only status sign (start it with ✓ ✗ ⚠ ⏳ ★, or make it a status word)`);
  }
  if ((c.color === 'good' || c.color === 'warning') && (c.weight?.toLowerCase() !== 'bolder' || c.text.length > MAX_MARK_CHARS)) {
    problems.push(`${shown}: light green / yellow on ${c.weight?.toLowerCase() === 'bolder' ? 'a long line' : 'body text'} (keep it to short bold status marks)`);
  }
  return problems;
}

test.each(TEMPLATES)('%s: every colour written in the template is a semantic name or a data field', (name) => {
  const literal = coloured(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as unknown).map((c) => c.color);
  expect(literal.filter((c) => !SEMANTIC.has(c) && !/^\$\{[^}]+\}$/.test(c))).toEqual([]);
});

let samples: CardSample[];
beforeAll(async () => {
  samples = await cardSamples();
});

test.each(TEMPLATES)('%s: every sample rendered with it follows the colour rule', (name) => {
  const own = samples.filter((s) => s.reply.template === name);
  expect(own.length).toBeGreaterThan(0);
  const problems = new Set<string>();
  for (const s of own) for (const c of coloured(render(s.reply))) for (const p of colourProblems(c)) problems.add(p.replace(/\d+/g, '#'));
  expect([...problems]).toEqual([]);
});

describe('the rule itself', () => {
  test.each<[Coloured, boolean]>([
    [{ type: 'TextBlock', color: 'attention', text: '✗ Replication FAILED in 1 of 2 regions', weight: 'Bolder' }, true],
    [{ type: 'TextBlock', color: 'attention', text: '✗ Policy violation: ImageFlaggedUnsafe' }, true],
    [{ type: 'TextBlock', color: 'good', text: 'APPROVED', weight: 'Bolder' }, true],
    [{ type: 'TextBlock', color: 'warning', text: '⏳ Replicating', weight: 'Bolder' }, true],
    [{ type: 'TextBlock', color: 'default', text: '⚠ End of life 2026-12-24 (in 20 days), soon' }, true],
    [{ type: 'TextBlock', color: 'accent', text: 'Resolved to production (gal_golden)' }, true],
    [{ type: 'TextBlock', color: 'attention', text: 'Replication FAILED in Central US' }, false],
    [{ type: 'TextBlock', color: 'warning', text: '⚠ End of life 2026-12-24 (in 20 days), soon' }, false],
    [{ type: 'TextBlock', color: 'good', text: '✓ Deletion protection: blocked before end of life' }, false],
    [{ type: 'TextBlock', color: 'warning', text: `⚠ ${'x'.repeat(90)}`, weight: 'Bolder' }, false],
    [{ type: 'TextBlock', color: 'light', text: 'x' }, false],
  ])('%j follows it: %s', (c, ok) => {
    expect(colourProblems(c).length === 0).toBe(ok);
  });
});
