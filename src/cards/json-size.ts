/**
 * Whether a value's JSON fits a byte limit, without building the JSON when it plainly does. Every card the bot
 * sends is checked against Teams' message limit; JSON.stringify plus a UTF-8 count of a 6 KB card took ~30 µs,
 * the bound below a third of that, and a card would have to be several times its usual size before the bound
 * came near the limit and the exact measure was needed.
 */

/** Characters that JSON escapes (up to 6 bytes: `\u001f`) or that are surrogates (a lone one becomes `\udXXX`). */
const MAY_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * True when `JSON.stringify(value)` is at most `limit` bytes of UTF-8. `knownBound`: a bound already added up for
 * this value (a compiled template's, render-card.ts), which spares the walk.
 */
export function jsonBytesAtMost(value: unknown, limit: number, knownBound?: number): boolean {
  if ((knownBound ?? jsonBytesBound(value)) <= limit) return true;
  return Buffer.byteLength(JSON.stringify(value) ?? '') <= limit;
}

/**
 * An upper bound on the UTF-8 bytes of `JSON.stringify(value)`: 3 bytes per UTF-16 unit of text (6 where a
 * character may be escaped), 25 per number (the longest a double prints as:
 * `-0.0000010000000000000002`, a sign, six leading zeros and seventeen digits), and every quote, colon and comma.
 */
export function jsonBytesBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length * (MAY_ESCAPE.test(value) ? 6 : 3) + 2;
    case 'number':
    case 'bigint':
      return 25;
    case 'boolean':
      return 5;
    case 'object':
      return value === null ? 4 : objectBound(value);
    default:
      // undefined, functions, symbols: dropped from objects (a key never costs more than the bound of its text),
      // `null` in arrays.
      return 4;
  }
}

function objectBound(value: object): number {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return jsonBytesBound((toJSON as () => unknown).call(value));
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += jsonBytesBound(item) + 1;
    return bytes;
  }
  // Inherited enumerable keys (JSON.stringify skips them) only make the bound larger; keys are short, so each is
  // counted at the worst 6 bytes a unit rather than tested.
  for (const key in value) bytes += key.length * 6 + 3 + jsonBytesBound((value as Record<string, unknown>)[key]) + 1;
  return bytes;
}
