/**
 * Seed documents carry dates relative to the emulator's start ("@now-170d"), so the demo never ages. A token
 * is a whole JSON string: `@now`, optionally followed by a signed offset with a unit — `d` days, `h` hours,
 * `m` minutes — e.g. `@now+365d`, `@now-3d`, `@now-90m`. It resolves to an ISO-8601 UTC timestamp.
 */
const TOKEN = /^@now(?:([+-])(\d+)([dhm]))?$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** The timestamp a token stands for, or `undefined` when the string is not a token. */
export function resolveDateToken(text: string, now: Date): string | undefined {
  const match = TOKEN.exec(text);
  if (match === null) return undefined;
  const [, sign, amount, unit] = match;
  if (sign === undefined || amount === undefined || unit === undefined) return now.toISOString();
  const offset = Number(amount) * (UNIT_MS[unit] ?? 0) * (sign === '-' ? -1 : 1);
  return new Date(now.getTime() + offset).toISOString();
}

/** Deep copy of a JSON value with every date token resolved; strings starting with "@now" that are not tokens are an error. */
export function resolveDateTokens(value: unknown, now: Date): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('@now')) return value;
    const resolved = resolveDateToken(value, now);
    if (resolved === undefined) throw new Error(`Malformed date token '${value}' (expected e.g. @now, @now-170d, @now+2h).`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item) => resolveDateTokens(item, now));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDateTokens(item, now)]));
  }
  return value;
}
