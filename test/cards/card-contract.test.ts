/**
 * Each template and its data builder agree on the fields between them. A template that names a field no
 * builder output has renders `${field}` literally (or silently drops a `$when` block); a field the builder
 * fills that no template shows is dead work, or a view someone forgot. Builder outputs are every sample reply
 * the card tests render; a field counts as produced when at least one of them has it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCardsDir } from '../../src/cards/cards-dir';
import { dataFields, templateFields, type TemplateFields } from '../helpers/card-fields';
import { cardSamples, type CardSample } from './samples/card-samples';

const dir = findCardsDir();
const TEMPLATES = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const templateJson = (name: string): unknown => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));

/** What does not match between a template's fields and the fields its builder produced over `samples`. */
function mismatches(fields: TemplateFields, samples: readonly CardSample[]) {
  const produced = new Set<string>();
  for (const s of samples) dataFields(s.reply.data, produced);
  const named = [...fields.uses.keys()];
  const ancestors = (path: string): string[] => path.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'));
  // A field is used when the template names it, names something inside it, or puts an enclosing value in the card whole.
  const used = (path: string): boolean =>
    fields.uses.has(path) || named.some((n) => n.startsWith(`${path}.`)) || ancestors(path).some((a) => fields.uses.get(a)?.has('value'));
  return {
    problems: fields.problems,
    neverProduced: named.filter((n) => !produced.has(n)).sort(),
    neverUsed: [...produced].filter((p) => !used(p)).sort(),
  };
}

let samples: CardSample[];
beforeAll(async () => {
  samples = await cardSamples();
});

test.each(TEMPLATES)('%s: names only fields its builder produces, and shows every field the builder produces', (name) => {
  const own = samples.filter((s) => s.reply.template === name);
  expect(own.length).toBeGreaterThan(0);
  expect(mismatches(templateFields(templateJson(name)), own)).toEqual({ problems: [], neverProduced: [], neverUsed: [] });
});

describe('the check itself', () => {
  const versions = (): CardSample[] => samples.filter((s) => s.reply.template === 'versions');

  test('a template field renamed away from the builder is caught, at the top level and inside a $data scope', () => {
    const renamed = JSON.stringify(templateJson('versions')).replace('${footnote}', '${footnotes}').replace('${eolColor}', '${eolColour}');
    expect(mismatches(templateFields(JSON.parse(renamed)), versions())).toEqual({
      problems: [],
      neverProduced: ['footnotes', 'versions.eolColour'],
      neverUsed: ['footnote', 'versions.eolColor'],
    });
  });

  test('a field the builder adds that no template shows is caught', () => {
    const extra = versions().map((s) => ({ ...s, reply: { ...s.reply, data: { ...s.reply.data, debug: { raw: 1 } } } }));
    expect(mismatches(templateFields(templateJson('versions')), extra).neverUsed).toEqual(['debug', 'debug.raw']);
  });

  test('scopes: $root, $data, $index, nested $data, $when in the scope its $data opens, and values put in whole', () => {
    const fields = templateFields({
      refresh: '${if(refresh == null, undefined, refresh)}',
      body: [
        { $data: '${rows}', $when: "${label != ''}", text: '${label} of ${$root.title} (${$index})', items: [{ $data: '${cells}', text: '${$data.value}' }] },
        { $when: '${count(open) > 0}', text: '${open.title}' },
      ],
    });
    expect(fields.problems).toEqual([]);
    expect(Object.fromEntries([...fields.uses].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      refresh: ['value'],
      rows: ['data'],
      'rows.label': ['value', 'when'],
      title: ['value'],
      'rows.cells': ['data'],
      'rows.cells.value': ['value'],
      open: ['when'],
      'open.title': ['value'],
    });
  });

  test('a $data that is not one field is reported, not guessed', () => {
    expect(templateFields({ $data: '${concat(a, b)}', text: '${x}' }).problems).toEqual([
      '$.$data: "${concat(a, b)}" is not one field, so its items\' fields cannot be checked',
    ]);
  });
});
