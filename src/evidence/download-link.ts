import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring download links: `<base>/evidence/<payload>.<signature>`, where payload is base64url of
 * `{"h":<bundle sha256>,"exp":<epoch seconds>}` and signature is base64url of HMAC-SHA256(key, payload as
 * sent). Signing the encoded text (as JWS does) leaves exactly one valid spelling of each link: a decoder's
 * leniency (padding, stray bits) cannot turn a changed token into an accepted one.
 */

/** Far above a real token (~150 characters); anything longer is refused before any work is done. */
export const MAX_TOKEN_LENGTH = 256;

// 32 bytes of HMAC are 43 base64url characters without padding.
const TOKEN = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;
const HASH = /^[0-9a-f]{64}$/;

/** What a token says, once its signature checked out. */
export interface LinkClaims {
  /** SHA-256 of the bundle. */
  hash: string;
  /** Epoch seconds after which the link is refused. */
  exp: number;
}

/** Why a token was refused; `expired` is only said of a genuine link (its signature is valid). */
export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'forged' } | { ok: false; reason: 'expired'; claims: LinkClaims };

export function signEvidenceToken(claims: LinkClaims, key: string): string {
  const payload = Buffer.from(JSON.stringify({ h: claims.hash, exp: claims.exp }), 'utf8').toString('base64url');
  return `${payload}.${signature(payload, key)}`;
}

/**
 * Checks a token against the key, or the keys of a rotation: shape, then signature (constant time), then content, then expiry. Nothing in the token is
 * trusted before its signature is: a refusal says only "malformed" or "forged", which tells a prober nothing.
 */
export function checkEvidenceToken(token: string, keys: string | readonly string[], now: Date): LinkCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, given] = match as unknown as [string, string, string];
  // During a key rotation links signed with any configured key verify; every key is tried, so the time taken
  // does not tell which one matched.
  const signedBy = (typeof keys === 'string' ? [keys] : keys).map((key) => timingSafeEqual(Buffer.from(signature(payload, key), 'ascii'), Buffer.from(given, 'ascii')));
  if (!signedBy.includes(true)) return { ok: false, reason: 'forged' };
  const claims = readClaims(payload);
  // A correctly signed payload this code would never have written means the key is shared with something else.
  if (!claims) return { ok: false, reason: 'forged' };
  if (Math.floor(now.getTime() / 1000) >= claims.exp) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/** The link for a bundle and when it stops working. */
export function evidenceLink(settings: { publicBaseUrl: string; signingKey: string; linkTtlMinutes: number }, hash: string, now: Date): { url: string; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + settings.linkTtlMinutes * 60;
  const token = signEvidenceToken({ hash, exp }, settings.signingKey);
  return { url: `${settings.publicBaseUrl.replace(/\/+$/, '')}/evidence/${token}`, expiresAt: new Date(exp * 1000) };
}

function signature(payload: string, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(payload, 'ascii').digest('base64url');
}

function readClaims(payload: string): LinkClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { h, exp, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof h !== 'string' || !HASH.test(h)) return undefined;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return undefined;
  return { hash: h, exp };
}
