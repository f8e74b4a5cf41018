import fc from 'fast-check';
import { escapeChatText, escapeEveryMark, escapeMarkdown, quoteInput } from '../../src/cards/escape-text';
import { describeEol, formatRelativeDay, formatTimestamp } from '../../src/cards/format-date';
import { progressBar } from '../../src/cards/replication-rows';
import { shortenResourceId } from '../../src/cards/shorten-resource-id';

const NOW = new Date('2026-11-23T12:00:00Z');
const day = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);

test.each([
  ['gal_golden', 'gal_golden'],
  ['_x_', '\\_x\\_'],
  ['**bold**', '\\*\\*bold\\*\\*'],
  ['[x](http://evil)', '\\[x\\](http://evil)'],
  ['images [<gallery>]', 'images [‹gallery›]'],
  ['<b>bold</b>', '‹b›bold‹/b›'],
  ['- item', '\\- item'],
  ['1. item', '1\\. item'],
  ['a\\b', 'a\\\\b'],
  ['rg_images_prod in gal_golden', 'rg_images_prod in gal_golden'],
  ['a__b', 'a\\__b'],
  ['gal_ golden', 'gal\\_ golden'],
  ['_gal_golden', '\\_gal_golden'],
  ['é_𝐀', 'é_𝐀'],
])('escapeMarkdown(%j) → %j', (text, expected) => {
  expect(escapeMarkdown(text)).toBe(expected);
});

test('the fast path (nothing to escape) answers as the full rules would, for any text', () => {
  // Markdown's marks and line starts, mixed with plain text, so both paths are taken often.
  const piece = fc.oneof(fc.string(), fc.constantFrom('-', '+', '1.', '12.', ' ', '\t', '\n', '\r', '\u2028', '_', '*', '[', ']', '(', '<', '>', '\\', 'gal_golden', 'East US 2', 'a', '7', 'é', '𝐀', '__', '_1'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (text) => {
      expect(escapeMarkdown(text)).toBe(escapeEveryMark(text));
    }),
    { numRuns: 5000 },
  );
});

test('chat text also escapes HTML', () => {
  expect(escapeChatText('<script>&')).toBe('‹script›&amp;');
});

test('quoted input is bounded and cannot break out of its quote', () => {
  expect(quoteInput('a`b')).toBe('`ab`');
  expect(quoteInput('x'.repeat(100))).toBe(`\`${'x'.repeat(80)}…\``);
});

test.each([
  [day(190), '2026-06-01', '2027-06-01 (in 190 days)'],
  [day(1), '', '2026-11-24 (in 1 day)'],
  [day(0), '', '2026-11-23 (today)'],
  [day(-10), '', '2026-11-13 (10 days ago)'],
])('relative day %#', (d, _unused, expected) => {
  expect(formatRelativeDay(d, NOW)).toBe(expected);
});

test.each([
  [undefined, 'not set', 'default'],
  [day(-1), '2026-11-22 (1 day ago), past end of life', 'attention'],
  [day(0), '2026-11-23 (today), past end of life', 'attention'],
  [day(30), '2026-12-23 (in 30 days), soon', 'warning'],
  [day(31), '2026-12-24 (in 31 days)', 'default'],
])('end of life %#', (d, text, tone) => {
  expect(describeEol(d, NOW)).toMatchObject({ text, tone });
});

test('timestamps are UTC', () => {
  expect(formatTimestamp(NOW)).toBe('2026-11-23 12:00 UTC');
});

test('the read-at text follows the minute: the last one is remembered, never another', () => {
  expect(formatTimestamp(new Date('2026-11-23T12:00:59.999Z'))).toBe('2026-11-23 12:00 UTC');
  expect(formatTimestamp(new Date('2026-11-23T12:01:00.000Z'))).toBe('2026-11-23 12:01 UTC');
  expect(formatTimestamp(new Date('1969-12-31T23:59:30.000Z'))).toBe('1969-12-31 23:59 UTC');
  fc.assert(
    fc.property(fc.array(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), { minLength: 1, maxLength: 5 }), (dates) => {
      // Several in a row, some within a minute of each other, as cards ask.
      for (const d of [...dates, ...dates.map((x) => new Date(x.getTime() + 1000))]) expect(formatTimestamp(d)).toBe(`${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    }),
    { numRuns: 2000 },
  );
  expect(() => formatTimestamp(new Date(Number.NaN))).toThrow(RangeError);
});

test.each([
  [0, '░░░░░░░░░░ 0 %'],
  [40, '████░░░░░░ 40 %'],
  [100, '██████████ 100 %'],
])('progress bar %d', (p, bar) => {
  expect(progressBar(p)).toBe(bar);
});

test.each([
  ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal_staging/images/dispatch/versions/2026.6.0', 'gallery image version gal_staging/dispatch/2026.6.0'],
  ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/img1', 'managed image img1'],
  ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1', 'virtual machine vm1'],
  ['https://acct.blob.core.windows.net/vhds/os.vhd', '…/os.vhd'],
])('shortenResourceId %#', (id, short) => {
  expect(shortenResourceId(id)).toBe(short);
});
