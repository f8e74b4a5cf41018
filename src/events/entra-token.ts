import jwt from 'jsonwebtoken';
import type { OpenIdSigningKeys } from './openid-signing-keys';

/** Azure Event Grid's first-party application (public cloud): the `appid` of the tokens it gets for webhooks. */
export const EVENT_GRID_APP_ID = '4962773b-9cdb-44cf-a8bf-237846a00ab7';

/** What a token must say to be accepted on `POST /api/events`. */
export interface EntraTokenRules {
  /** The webhook app's id and/or app id URI (`aud`: v1 tokens carry the URI or the id, v2 tokens the id). */
  audiences: readonly string[];
  /** `https://sts.windows.net/<tenant>/` (v1) and `https://login.microsoftonline.com/<tenant>/v2.0` (v2). */
  issuers: readonly string[];
  /** The calling app (`appid` in v1 tokens, `azp` in v2); empty: any app the tenant issued a token to. */
  callerAppIds: readonly string[];
}

/** Why a token was refused (logged; the caller only ever sees 401), or that no signing key could be read (503). */
export type TokenCheck = { ok: true } | { ok: false; reason: string; keysUnavailable?: boolean };

/** Entra ID tolerates clocks this far apart (seconds), as botbuilder does. */
const CLOCK_TOLERANCE_SECONDS = 300;
/** Longer than any Entra access token; more is not one. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Checks an `Authorization: Bearer <JWT>` header the way Event Grid's Entra-protected webhook delivery needs:
 * RS256 only (no `none`, no HMAC with the public key), signed by a key the tenant's OpenID metadata publishes,
 * the configured issuer and audience, not expired (5 minutes of clock tolerance), and the calling app when
 * configured. Never throws.
 */
export async function checkEntraToken(header: string | string[] | undefined, rules: EntraTokenRules, keys: OpenIdSigningKeys, nowSeconds: number): Promise<TokenCheck> {
  if (typeof header !== 'string') return { ok: false, reason: 'no single Authorization header' };
  const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header.trim());
  if (!match || match[1]!.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'the Authorization header is not a bearer token' };
  const token = match[1]!;
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return { ok: false, reason: 'the token is not a JWT' };
  if (decoded.header.alg !== 'RS256') return { ok: false, reason: `the token's algorithm is ${String(decoded.header.alg)}, not RS256` };
  const kid = decoded.header.kid;
  if (typeof kid !== 'string') return { ok: false, reason: 'the token names no signing key' };
  const found = await keys.find(kid);
  if (found.kind === 'unavailable') return { ok: false, reason: 'the OpenID metadata or its key set could not be read', keysUnavailable: true };
  if (found.kind === 'unknown') return { ok: false, reason: 'the token names a key the OpenID metadata does not publish' };
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, found.key, {
      algorithms: ['RS256'],
      audience: rules.audiences as [string, ...string[]],
      issuer: rules.issuers as [string, ...string[]],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      clockTimestamp: nowSeconds,
    });
    if (typeof verified === 'string') return { ok: false, reason: 'the token has no claims' };
    claims = verified;
  } catch (err) {
    return { ok: false, reason: `the token does not verify: ${(err as Error).message}` };
  }
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'the token has no expiry' };
  const caller = claims['appid'] ?? claims['azp'];
  if (rules.callerAppIds.length > 0 && !(typeof caller === 'string' && rules.callerAppIds.some((id) => id.toLowerCase() === caller.toLowerCase()))) {
    return { ok: false, reason: 'the token was issued to another application' };
  }
  return { ok: true };
}
