/** Small, typed accessors for untrusted JSON (request bodies, seed files). */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object at `value[key]`, or `undefined` when absent or not an object. */
export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return isObject(child) ? child : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === 'string' ? child : undefined;
}

/** A deep copy; documents are copied on the way in and out so callers never share the store's objects. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Drops keys whose value is `undefined`, so built documents serialise like ARM's (absent, not null). */
export function compact(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
