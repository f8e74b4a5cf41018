/**
 * The renderer prepares each template once and reuses it. Its cards must be exactly those of a Template parsed
 * fresh for every render, for every reply the card tests render, in any order: no state may pass from one
 * expand() to the next, and no card may share objects with the prepared template.
 */
import { readdirSync } from 'node:fs';
import { findCardsDir } from '../../src/cards/cards-dir';
import { createCardRenderer } from '../../src/cards/render-card';
import { cardSamples, type CardSample } from './samples/card-samples';
import { renderFresh } from './samples/fresh-render';

let samples: CardSample[];
beforeAll(async () => {
  samples = await cardSamples();
});

test('the samples cover every template in cards/', () => {
  const templates = readdirSync(findCardsDir()).map((f) => f.replace(/\.json$/, ''));
  expect(templates.filter((t) => !samples.some((s) => s.reply.template === t))).toEqual([]);
});

test('every sample renders the same prepared once as parsed fresh, with one renderer for all', () => {
  const render = createCardRenderer();
  const differing = samples.filter((s) => JSON.stringify(render(s.reply)) !== JSON.stringify(renderFresh(s.reply)));
  expect(differing.map((s) => s.label)).toEqual([]);
  // Deep equality too: JSON.stringify would not see an undefined-valued key that the other side lacks.
  for (const s of samples) expect(render(s.reply)).toStrictEqual(renderFresh(s.reply));
});

test('order does not matter: rendering the samples backwards, and each twice in a row, gives the same cards', () => {
  const render = createCardRenderer();
  const forwards = samples.map((s) => JSON.stringify(render(s.reply)));
  const backwards = [...samples].reverse().map((s) => JSON.stringify(render(s.reply))).reverse();
  const again = samples.map((s) => (render(s.reply), JSON.stringify(render(s.reply))));
  const differing = samples.filter((_, i) => backwards[i] !== forwards[i] || again[i] !== forwards[i]);
  expect(differing.map((s) => s.label)).toEqual([]);
});

test('a card shares nothing with the prepared template: changing one leaves the next render as it was', () => {
  const render = createCardRenderer();
  for (const s of samples.filter((x, i, all) => all.findIndex((y) => y.reply.template === x.reply.template) === i)) {
    const expected = JSON.stringify(renderFresh(s.reply));
    // A copy of the data: a value the card inserts whole (a request card's refresh) is the data's own object.
    scribble(render(structuredClone(s.reply)));
    expect(JSON.stringify(render(s.reply))).toBe(expected);
  }
});

/** Overwrites every string and empties every array in a card, in place. */
function scribble(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    scribble(value);
    if (typeof value === 'string') (node as Record<string, unknown>)[key] = 'scribbled';
    if (Array.isArray(value)) value.splice(0, value.length);
  }
}
