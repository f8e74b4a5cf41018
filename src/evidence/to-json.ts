import type { JsonValue } from '../json-value';

/**
 * A plain JSON copy of a model object for a bundle: Dates become ISO 8601 strings, `undefined` properties
 * are left out (as canonical JSON would), anything else that is not JSON is refused rather than guessed at,
 * so a snapshot never depends on how a value happened to be held in memory.
 */
export function toJson(value: unknown, path = '$'): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`toJson: ${path} is ${value}, which JSON cannot represent`);
    return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`toJson: ${path} is an invalid date`);
    return value.toISOString();
  }
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toJson(v, `${path}[${i}]`)));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`toJson: ${path} is not a plain object`);
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, `${path}.${k}`);
    return out;
  }
  throw new TypeError(`toJson: ${path} is not a JSON value (${typeof value})`);
}
