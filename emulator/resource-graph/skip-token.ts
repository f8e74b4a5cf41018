/**
 * Resource Graph's `$skipToken`: opaque to clients, valid only with the query and scopes it came from (as in
 * Azure, where it captures the query's context). Here it carries the next row's offset and a fingerprint.
 */
import { createHash } from 'node:crypto';

/** Ties a token to one query over one set of subscriptions (any order, any letter case). */
export function queryFingerprint(query: string, subscriptions: readonly string[] | undefined): string {
  const scope = subscriptions === undefined ? '*' : [...subscriptions].map((s) => s.toLowerCase()).sort().join(',');
  return createHash('sha256').update(`${scope}\n${query}`).digest('base64url').slice(0, 16);
}

/** `snapshot` names the result set the first page was cut from, so later pages continue the same one. */
export function encodeSkipToken(offset: number, fingerprint: string, snapshot?: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint, ...(snapshot === undefined ? {} : { s: snapshot }) })).toString('base64url');
}

/** The offset a token points at (and its result set); undefined when it is not one of ours or belongs to another query. */
export function decodeSkipToken(token: string, fingerprint: string): { offset: number; snapshot?: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown; s?: unknown };
    if (parsed.f !== fingerprint || !Number.isInteger(parsed.o) || (parsed.o as number) < 0) return undefined;
    return { offset: parsed.o as number, ...(typeof parsed.s === 'string' ? { snapshot: parsed.s } : {}) };
  } catch {
    return undefined;
  }
}
