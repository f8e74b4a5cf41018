import { canonicalJson } from '../../src/audit/canonical-json';
import type { JsonValue } from '../../src/json-value';

describe('canonicalJson (RFC 8785 for JSON values)', () => {
  it.each<[string, JsonValue, string]>([
    ['sorts keys, drops whitespace', { b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } }, '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}'],
    // RFC 8785 §3.2.3: keys sort by UTF-16 code units, so "\u20ac" (€) sorts before "\ud83d\ude00" (😀) and
    // "\r" before "1".
    ['sorts keys by UTF-16 code units', { '😀': 1, '€': 2, '1': 3, '\r': 4, ö: 5 }, '{"\\r":4,"1":3,"ö":5,"€":2,"😀":1}'],
    ['writes numbers as ECMAScript does', [1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 4.5e-324], '[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,5e-324]'],
    ['escapes strings minimally', ['\u0000\b\t\n\f\r"\\/', 'é', '\u2028'], '["\\u0000\\b\\t\\n\\f\\r\\"\\\\/","é","\u2028"]'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('leaves out undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: 1, b: undefined } as unknown as JsonValue)).toBe('{"a":1}');
  });

  it.each([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['a Date', { at: new Date(0) }],
    ['a function', { f: () => 1 }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value as unknown as JsonValue)).toThrow(/canonicalJson: \$/);
  });

  it('is independent of key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }));
  });
});
