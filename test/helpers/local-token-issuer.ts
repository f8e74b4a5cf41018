import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** An RSA signing key as the Bot Framework publishes it: a `kid` and the channels it is endorsed for. */
export interface SigningKey {
  kid: string;
  endorsements: string[];
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function makeSigningKey(kid: string, endorsements: string[]): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, endorsements, privateKey, publicKey };
}

/**
 * A stand-in for the Bot Framework's token service: an OpenID metadata document and its JWKS over plain http.
 * botbuilder caches keys process-wide for 24 h per metadata URL, so every issuer gets URLs of its own
 * (random path), and a second, empty key set for the emulator's metadata.
 */
export class LocalTokenIssuer {
  private server?: Server;
  private base = '';
  private readonly prefix = `/${randomUUID()}`;

  constructor(
    readonly issuer: string,
    private readonly published: SigningKey[],
  ) {}

  get baseUrl(): string {
    return this.base;
  }
  /** The channel's OpenID metadata (ToBotFromChannelOpenIdMetadataUrl). */
  get metadataUrl(): string {
    return `${this.base}${this.prefix}/channel/.well-known/openid-configuration`;
  }
  /** Metadata whose key set is empty (ToBotFromEmulatorOpenIdMetadataUrl): no emulator token can validate. */
  get emptyMetadataUrl(): string {
    return `${this.base}${this.prefix}/emulator/.well-known/openid-configuration`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const send = (body: unknown) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      switch (req.url) {
        case `${this.prefix}/channel/.well-known/openid-configuration`:
          return send({ issuer: this.issuer, jwks_uri: `${this.base}${this.prefix}/channel/keys`, id_token_signing_alg_values_supported: ['RS256'] });
        case `${this.prefix}/emulator/.well-known/openid-configuration`:
          return send({ issuer: 'https://sts.windows.net/emulator/', jwks_uri: `${this.base}${this.prefix}/emulator/keys` });
        case `${this.prefix}/channel/keys`:
          return send({ keys: this.published.map(toJwk) });
        case `${this.prefix}/emulator/keys`:
          return send({ keys: [] });
        default:
          res.writeHead(404);
          res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** An RS256 token signed with `key`, announcing `kid` (default: the key's own). */
  sign(claims: Record<string, unknown>, key: SigningKey, kid = key.kid): string {
    return jwt.sign(claims, key.privateKey, { algorithm: 'RS256', keyid: kid, noTimestamp: true });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(claims: Record<string, unknown>, kid: string): string {
  return `${b64(JSON.stringify({ alg: 'none', typ: 'JWT', kid }))}.${b64(JSON.stringify(claims))}.`;
}

/** HS256 "signed" with the public key as the HMAC secret: the classic algorithm-confusion forgery. */
export function hmacWithPublicKey(claims: Record<string, unknown>, key: SigningKey): string {
  const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid }))}.${b64(JSON.stringify(claims))}`;
  const secret = key.publicKey.export({ type: 'spki', format: 'pem' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A genuine token whose payload was replaced afterwards (the signature no longer matches). */
export function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64(JSON.stringify(claims))}.${signature}`;
}

function toJwk(key: SigningKey): Record<string, unknown> {
  const { n, e, kty } = key.publicKey.export({ format: 'jwk' });
  return { kty, use: 'sig', alg: 'RS256', kid: key.kid, n, e, endorsements: key.endorsements };
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}
