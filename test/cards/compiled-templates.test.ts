/**
 * The compiled templates (src/cards/compile-template.ts) must expand exactly as adaptivecards-templating does:
 * on every sample the card tests render, and on data generated at random for each template from the names it
 * uses (missing, null, empty, other types, names in other letter cases, nested lists), quirks included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import { findCardsDir } from '../../src/cards/cards-dir';
import { compileTemplate, UnsupportedTemplate } from '../../src/cards/compile-template';
import { createCardRenderer } from '../../src/cards/render-card';
import { cardSamples } from './samples/card-samples';

const dir = findCardsDir();
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }));

const library = (json: unknown, root: unknown): unknown => new ACData.Template(json).expand({ $root: root });

test('every template in cards/ compiles (none falls back to the library)', () => {
  const failing = templates.filter((t) => {
    try {
      compileTemplate(t.json);
      return false;
    } catch (err) {
      if (err instanceof UnsupportedTemplate) return true;
      throw err;
    }
  });
  expect(failing.map((t) => t.name)).toEqual([]);
});

test('every sample: the compiled renderer gives the library\'s card', async () => {
  const compiled = createCardRenderer();
  const libraryRenderer = createCardRenderer(undefined, { compile: false });
  for (const s of await cardSamples()) expect([s.label, compiled(s.reply)]).toStrictEqual([s.label, libraryRenderer(s.reply)]);
});

test('a key is only ever a key: one written to break out of the generated code is kept as text, and runs nothing', () => {
  const evil = 'a"] = 1; globalThis.pwnedByTemplate = true; o["b';
  const template = { [evil]: '${x}', "it's": 'q', 'back\\slash': 'r', 'line\u2028sep': 's' };
  const root = { x: 'v' };
  const card = compileTemplate(template)(root);
  expect(card).toStrictEqual(library(template, root));
  expect(Object.keys(card as object)).toEqual([evil, "it's", 'back\\slash', 'line\u2028sep']);
  expect((globalThis as { pwnedByTemplate?: unknown }).pwnedByTemplate).toBeUndefined();
});

test('forms the compiler does not know are refused, so the renderer keeps the library for that file', () => {
  for (const text of ['Hello ${name}', '${$root.name}', '${$index}', '${toUpper(name)}', '${a == b}', '${count(a) > 1}']) {
    expect(() => compileTemplate({ text })).toThrow(UnsupportedTemplate);
  }
  expect(() => compileTemplate({ $when: true, text: 'x' })).toThrow(UnsupportedTemplate);
  expect(() => compileTemplate({ $data: [1, 2], text: 'x' })).toThrow(UnsupportedTemplate);
});

/** Every name a template's expressions use, each part of a dotted path on its own. */
function namesIn(json: unknown): string[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(json).matchAll(/\$\{([^}]*)\}/g)) for (const n of m[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(n[0]);
  for (const word of ['count', 'if', 'null', 'undefined']) names.delete(word);
  return [...names];
}

/** Data for a template: its names (and the same names in other letter cases) bound to values of every shape. */
function dataFor(names: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.constantFrom(...names, ...names.map((n) => n.toUpperCase()), 'other');
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(undefined, null, '', 'text', '${x}', 0, 7, true, false),
      fc.string(),
      fc.array(tie('record'), { maxLength: 3 }),
      fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }),
      tie('record'),
    ),
    record: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  }));
  return fc.dictionary(key, value as fc.Arbitrary<unknown>, { maxKeys: names.length * 2 });
}

test.each(templates.map((t) => [t.name, t.json] as const))('%s: compiled and library expansions agree on generated data', (_name, json) => {
  const compiled = compileTemplate(json);
  fc.assert(
    fc.property(dataFor(namesIn(json)), (root) => {
      const tally = { bytes: 0 };
      const card = compiled(root, tally);
      expect(card).toStrictEqual(library(json, root));
      expect(tally.bytes).toBeGreaterThanOrEqual(utf8Bytes(card));
    }),
    { numRuns: 150 },
  );
});

/** What the size bound must never be below: the card's JSON in UTF-8, as the connector sends it. */
const utf8Bytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card) ?? '');

test('every sample: the size bound added up while rendering is never below the card\'s JSON, and not far above it', async () => {
  const render = createCardRenderer();
  for (const s of await cardSamples()) {
    const { card, jsonBytesBound } = render.sized(s.reply);
    expect([s.label, card]).toStrictEqual([s.label, render(s.reply)]);
    const exact = utf8Bytes(card);
    expect([s.label, jsonBytesBound >= exact]).toEqual([s.label, true]);
    // The bound spares an exact measure only while far below the limit: a bound ten times the card would send a
    // large card (still well under 80 KB) to the exact measure for nothing.
    expect([s.label, jsonBytesBound <= exact * 8 + 64]).toEqual([s.label, true]);
  }
});

const VALUES: Record<string, unknown> = {
  missing: undefined,
  null: null,
  empty: '',
  text: 'abc',
  zero: 0,
  number: 5,
  true: true,
  false: false,
  'empty list': [],
  'list of objects': [{ a: 1 }, { a: 2 }],
  'list of one': [{ a: 3 }],
  'list of text': ['x', 'y'],
  object: { a: 1 },
  'empty object': {},
  'object, name in capitals': { A: 4 },
};
const FORMS = ['${x}', "${x != ''}", '${count(x) > 0}', '${x.a}', '${if(x == null, undefined, x)}'];

test.each(FORMS.flatMap((form) => Object.keys(VALUES).map((value) => [form, value] as const)))('%s with x = %s: as the library, as a value, a $when and a $data', (form, value) => {
  const template = {
    k: form,
    kept: { $when: form, y: 1 },
    list: [{ $when: form, y: 1 }, 'after'],
    ...(form === '${x}' || form === '${x.a}' ? { bound: [{ $data: form, t: '${a}' }, 'end'], one: { $data: form, t: '${a}' } } : {}),
  };
  const root = { x: VALUES[value] };
  const tally = { bytes: 0 };
  const card = compileTemplate(template)(root, tally);
  expect(card).toStrictEqual(library(template, root));
  expect(tally.bytes).toBeGreaterThanOrEqual(utf8Bytes(card));
});

test('the size bound holds for text that costs most bytes per character, taken from the data', () => {
  const template = { body: [{ $data: '${rows}', type: 'TextBlock', text: '${text}', n: '${n}' }], title: '${title}', flag: "${title != ''}" };
  const nasty = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u0000', '█', '😀', '\ud800'));
  fc.assert(
    fc.property(fc.array(fc.record({ text: nasty, n: fc.oneof(fc.double(), fc.constant(undefined)) }), { maxLength: 5 }), nasty, (rows, title) => {
      const tally = { bytes: 0 };
      const card = compileTemplate(template)({ rows, title }, tally);
      expect(tally.bytes).toBeGreaterThanOrEqual(utf8Bytes(card));
    }),
    { numRuns: 500 },
  );
});
