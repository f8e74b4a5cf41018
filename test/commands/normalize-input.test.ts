import fc from 'fast-check';
import { normalizeFully, normalizeInput } from '../../src/commands/normalize-input';

test.each([
  ['  versions   dispatch  ', 'versions dispatch'],
  ['versions&nbsp;x', 'versions x'],
  ['ｖｅｒｓｉｏｎｓ ２０２６．０５', 'versions 2026.05'],
  ['versions\u200Bx', 'versionsx'],
  ['a\tb\nc', 'a b c'],
])('normalizeInput(%j) → %j', (text, expected) => {
  expect(normalizeInput(text)).toBe(expected);
});

test('control characters and bidirectional overrides are refused', () => {
  expect(() => normalizeInput('versions \u0007')).toThrow(/control characters/);
  expect(() => normalizeInput('versions \u202Ex')).toThrow(/control characters/);
});

test('the fast path for printable ASCII answers as the full rules would, for any text', () => {
  const piece = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(' ', '\t', '\n', '&nbsp;', '&#160;', '&NBSP;', 'versions', '２', '\u00A0', '\u200B', '\u0007', 'ﬁ'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), (text) => {
      const outcome = (f: (t: string) => string) => {
        try {
          return { text: f(text) };
        } catch (err) {
          return { error: (err as Error).message };
        }
      };
      expect(outcome(normalizeInput)).toEqual(outcome(normalizeFully));
    }),
    { numRuns: 5000 },
  );
});
