import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Where the keys come from and how often they may be fetched. */
export interface OpenIdSigningKeysOptions {
  /** The OpenID metadata document (`{ jwks_uri }`), e.g. https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration. */
  metadataUrl: string;
  now: () => number;
  fetch?: typeof fetch;
  /** An unknown `kid` fetches the keys again at most this often (ms): forged kids cannot make the bot hammer Entra. Default 60 s. */
  minRefreshMs?: number;
  /** Keys older than this are fetched again before use (Entra rolls keys; the old one stays published for weeks). Default 24 h. */
  maxAgeMs?: number;
  /** Each fetch gives up after this long (ms). Default 5 s. */
  timeoutMs?: number;
}

/** The answer to "which key signed this": the key, none with that kid, or none known at all (metadata unreachable). */
export type KeyLookup = { kind: 'key'; key: KeyObject } | { kind: 'unknown' } | { kind: 'unavailable' };

/** A JWKS is small; anything bigger is not Entra's. */
const MAX_DOCUMENT_BYTES = 256 * 1024;

/**
 * The RSA signing keys an OpenID provider publishes, by `kid`, cached: fetched on first use, again when older
 * than `maxAgeMs`, and again for an unknown `kid` (a rolled key) at most once per `minRefreshMs`. Concurrent
 * lookups share one fetch. A failed fetch keeps the keys already known.
 */
export class OpenIdSigningKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private lastAttempt: number | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: OpenIdSigningKeysOptions) {}

  async find(kid: string): Promise<KeyLookup> {
    const now = this.options.now();
    const stale = this.fetchedAt === undefined || now - this.fetchedAt > (this.options.maxAgeMs ?? 86_400_000);
    if ((stale || !this.keys.has(kid)) && this.mayFetch(now)) await this.refresh();
    const key = this.keys.get(kid);
    if (key) return { kind: 'key', key };
    return this.fetchedAt === undefined ? { kind: 'unavailable' } : { kind: 'unknown' };
  }

  private mayFetch(now: number): boolean {
    return this.inFlight !== undefined || this.lastAttempt === undefined || now - this.lastAttempt >= (this.options.minRefreshMs ?? 60_000);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.lastAttempt = this.options.now();
    try {
      const metadata = await this.json(this.options.metadataUrl);
      const jwksUri = isObject(metadata) ? metadata['jwks_uri'] : undefined;
      if (typeof jwksUri !== 'string') return;
      const set = await this.json(jwksUri);
      const listed = isObject(set) && Array.isArray(set['keys']) ? (set['keys'] as unknown[]) : undefined;
      if (!listed) return;
      const keys = new Map<string, KeyObject>();
      for (const jwk of listed) {
        const key = rsaSigningKey(jwk);
        if (key) keys.set(key.kid, key.key);
      }
      this.keys = keys;
      this.fetchedAt = this.options.now();
    } catch {
      // Unreachable or not JSON: the keys known so far stay in use, and the caller answers for the missing one.
    }
  }

  private async json(url: string): Promise<unknown> {
    const res = await (this.options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000), redirect: 'error' });
    const text = await res.text();
    if (!res.ok || text.length > MAX_DOCUMENT_BYTES) throw new Error(`${res.status}`);
    return JSON.parse(text) as unknown;
  }
}

/** An RSA key meant for signatures (`use` absent or `sig`), with its kid; anything else is skipped. */
function rsaSigningKey(jwk: unknown): { kid: string; key: KeyObject } | undefined {
  if (!isObject(jwk) || jwk['kty'] !== 'RSA' || typeof jwk['kid'] !== 'string' || (jwk['use'] !== undefined && jwk['use'] !== 'sig')) return undefined;
  try {
    return { kid: jwk['kid'], key: createPublicKey({ key: { kty: 'RSA', n: jwk['n'], e: jwk['e'] } as JsonWebKey, format: 'jwk' }) };
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
