import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { sign } from 'jsonwebtoken';

/**
 * The token endpoint Azure Container Apps (and App Service) give a container: `IDENTITY_ENDPOINT` +
 * `IDENTITY_HEADER`, which DefaultAzureCredential's managed identity uses there. Tokens are unsigned-in-effect
 * JWTs with Entra's issuer and the asked resource as audience: enough for Azurite's `--oauth basic` and the
 * emulator, which check claims, not signatures.
 */
export interface FakeManagedIdentity {
  /** The variables a container gets; pass them to the bot's process. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** Every token handed out: which resource, for which user-assigned identity (client_id). */
  issued: Array<{ resource: string; clientId: string | null }>;
  stop(): Promise<void>;
}

export const FAKE_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A JWT Azurite's basic OAuth check accepts for `audience` (e.g. https://storage.azure.com). */
export function fakeEntraToken(audience: string, lifetimeSeconds = 3600): { token: string; expiresOn: number } {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + lifetimeSeconds;
  const token = sign({ aud: audience, iss: `https://sts.windows.net/${FAKE_TENANT}/`, iat: now - 60, nbf: now - 60, exp, oid: randomBytes(4).toString('hex') }, 'not-checked');
  return { token, expiresOn: exp };
}

/** A TokenCredential handing out fake Entra tokens for the scope asked (in-process tests). */
export function fakeEntraCredential(): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      const { token, expiresOn } = fakeEntraToken(scope.replace(/\/\.default$/, ''));
      return { token, expiresOnTimestamp: expiresOn * 1000 };
    },
  };
}

/**
 * Not `res.writeHead(...).end(...)`: restify replaces ServerResponse.prototype.writeHead with one returning
 * nothing, and a jest worker that ran an in-process bot before keeps that patch.
 */
function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeManagedIdentity(): Promise<FakeManagedIdentity> {
  const secret = randomBytes(16).toString('hex');
  const issued: FakeManagedIdentity['issued'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource');
    // The header proves the caller is the container the platform gave it to; without it, no token.
    if (req.headers['x-identity-header'] !== secret || !resource) {
      answer(res, 400, { error: 'invalid_request' });
      return;
    }
    const clientId = url.searchParams.get('client_id');
    issued.push({ resource, clientId });
    const { token, expiresOn } = fakeEntraToken(resource.replace(/\/$/, ''));
    answer(res, 200, { access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: clientId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: secret },
    issued,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
