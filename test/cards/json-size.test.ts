import fc from 'fast-check';
import { jsonBytesAtMost, jsonBytesBound } from '../../src/cards/json-size';

const exact = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '');

// JSON-ish values with the texts that cost most bytes per character: quotes, backslashes, control characters,
// two- and three-byte characters, surrogate pairs and lone surrogates; plus what JSON.stringify drops or rewrites.
const nastyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u0000', '\u001f', '·', '█', '😀', '\ud800', '\udfff'));
const leaf = fc.oneof(nastyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(nastyText, tie('node'))),
})).node;

test('the bound is never below the exact size of JSON.stringify in UTF-8, for any JSON-like value', () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(jsonBytesBound(v)).toBeGreaterThanOrEqual(exact(v));
    }),
    { numRuns: 3000 },
  );
});

test('the longest numbers JSON prints (negative, six leading zeros, seventeen digits: 25 characters) are bounded', () => {
  for (const n of [-0.0000010020483371090862, -0.0000012345678901234567, -1.2345678901234567e-308, -Number.MAX_VALUE, -Number.MIN_VALUE]) {
    expect(jsonBytesBound(n)).toBeGreaterThanOrEqual(exact(n));
    expect(jsonBytesBound([n, n])).toBeGreaterThanOrEqual(exact([n, n]));
  }
});

test('jsonBytesAtMost answers exactly as measuring the stringified value would, whatever the limit', () => {
  fc.assert(
    fc.property(value, fc.nat(4000), (v, limit) => {
      expect(jsonBytesAtMost(v, limit)).toBe(exact(v) <= limit);
    }),
    { numRuns: 3000 },
  );
});

test('a card at the limit passes and one byte over does not (the exact check near the limit)', () => {
  const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'é'.repeat(1000) }] };
  const size = exact(card);
  expect(jsonBytesAtMost(card, size)).toBe(true);
  expect(jsonBytesAtMost(card, size - 1)).toBe(false);
});

test('a typical card is judged by the bound alone: far below the limit, no exact measure needed', () => {
  const card = { type: 'AdaptiveCard', body: Array.from({ length: 50 }, (_, i) => ({ type: 'TextBlock', text: `Region ${i} · ✓ Completed` })) };
  const stringify = jest.spyOn(JSON, 'stringify');
  try {
    expect(jsonBytesAtMost(card, 80 * 1024)).toBe(true);
    expect(stringify).not.toHaveBeenCalled();
  } finally {
    stringify.mockRestore();
  }
});
