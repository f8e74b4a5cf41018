import { UsageError } from '../../src/errors';
import { normalizeInput } from '../../src/commands/normalize-input';
import { parseCommand } from '../../src/commands/parse-command';
import { commandRegistry } from '../../src/commands/registry';
import { stripMentions } from '../../src/commands/strip-mentions';
import { tokenize } from '../../src/commands/tokenize';

/** What the parser makes of a line: `command | args | page`, or `unknown word` / `empty`. */
function parse(text: string): string {
  const p = parseCommand(tokenize(normalizeInput(stripMentions(text, ['GalleryOps']))), commandRegistry);
  if (p.kind === 'empty') return 'empty';
  if (p.kind === 'unknown') return `unknown ${p.word}`;
  return `${p.command.name} | ${p.input.args.join(' ')} | ${p.input.page}`;
}

describe('parsing a command line', () => {
  test.each([
    ['versions callcenter-desktop', 'versions | callcenter-desktop | 1'],
    ['VERSIONS CallCenter-Desktop', 'versions | CallCenter-Desktop | 1'],
    ['  versions \t\n callcenter-desktop   ', 'versions | callcenter-desktop | 1'],
    ['<at>GalleryOps</at> versions x', 'versions | x | 1'],
    ['<at>galleryops</at>   image status dispatch 2026.05', 'image status | dispatch 2026.05 | 1'],
    ['@GalleryOps status dispatch', 'image status | dispatch | 1'],
    ['Image Status gal_golden/dispatch latest', 'image status | gal_golden/dispatch latest | 1'],
    ['status dispatch', 'image status | dispatch | 1'],
    ['images', 'images |  | 1'],
    ['images gal_golden page 2', 'images | gal_golden | 2'],
    ['versions gal_golden/callcenter-desktop PAGE 3', 'versions | gal_golden/callcenter-desktop | 3'],
    ['help image status', 'help | image status | 1'],
    ['versions `callcenter-desktop`', 'versions | callcenter-desktop | 1'],
    ['versions “callcenter-desktop”', 'versions | callcenter-desktop | 1'],
    ['versions\u00a0callcenter-desktop', 'versions | callcenter-desktop | 1'],
    ['versions&nbsp;x', 'versions | x | 1'],
    ['ver\u200Bsions x', 'versions | x | 1'],
    ['', 'empty'],
    ['<at>GalleryOps</at>', 'empty'],
    ['   ', 'empty'],
    ['verions x', 'unknown verions'],
    ['image', 'unknown image'],
  ])('%j → %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });

  test.each([
    ['x'.repeat(100 * 1024), /102,400 characters long; commands are at most 2000/],
    ['versions x\u0000', /control characters/],
    ['versions \u202Eevil', /control characters/],
    ['versions "unterminated', /quote is not closed/],
    ['versions x page 0', /page must be a whole number/],
    ['versions x page -1', /page must be a whole number/],
    ['versions x page 99999999', /page must be a whole number/],
    ['image status dispatch page 2', /single page/],
  ])('refuses %#', (text, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).userMessage).toMatch(message);
  });
});

describe('stripMentions', () => {
  test.each([
    ['<at>GalleryOps</at> help', 'help'],
    ['<at id="0">GalleryOps</at> help', 'help'],
    ['help <at>Megan Bowen</at>', 'help Megan Bowen'],
    ['@galleryops help', 'help'],
    ['@GalleryOpsX help', '@GalleryOpsX help'],
    ['help', 'help'],
  ])('%j → %j', (text, expected) => {
    expect(stripMentions(text, ['GalleryOps']).replace(/\s+/g, ' ').trim()).toBe(expected);
  });
});

describe('the registry', () => {
  test('every command has usage, a summary and examples that parse to itself', () => {
    for (const c of commandRegistry) {
      expect(c.usage.length).toBeGreaterThan(0);
      expect(c.summary.length).toBeGreaterThan(0);
      for (const e of c.examples) expect(parse(e).split(' | ')[0]).toBe(c.name);
    }
  });

  test('names and aliases are unique', () => {
    const names = commandRegistry.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });
});
