/**
 * One connector client per serviceUrl, and authentication as before: every outbound request is signed by the
 * credentials, which still fetch a token from Entra ID (MSAL, stubbed here) when the cached one is about to
 * expire. Turns run through the adapter the app uses, against a local connector that records what it got.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { createLogger } from '../../src/logging/logger';
import { createAdapter } from '../../src/teams/create-adapter';
import type { ReusingConnectorAuthentication } from '../../src/teams/reusing-connector-authentication';

const APP_ID = '5b1b1a7e-0000-4000-8000-000000000001';
const TENANT = '5b1b1a7e-0000-4000-8000-0000000000aa';
const logger = createLogger('silent');

/** Records the Authorization header of every send; answers like the connector. */
async function startConnector(): Promise<{ url: string; tokens: string[]; server: Server }> {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    tokens.push(req.headers.authorization ?? '(none)');
    req.resume().on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `a${tokens.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, tokens, server };
}

/** Outbound credentials that count how often they are built and sign with whatever token is current. */
class CountingCredentials extends ConfigurationServiceClientCredentialFactory {
  created = 0;
  token = 'token-1';
  failNext = false;
  override async createCredentials(): ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credential store unavailable');
    }
    this.created += 1;
    return { signRequest: async (r) => (r.headers.set('Authorization', `Bearer ${this.token}`), r) };
  }
}

const say = (text: string) => async (context: TurnContext) => void (await context.sendActivity(text));
const message = (serviceUrl: string, n: number) => ({
  type: 'message', id: `m${n}`, text: 'hi', channelId: 'msteams', serviceUrl,
  from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: `c${n}` },
});

let connectors: Server[] = [];
afterEach(() => {
  connectors.forEach((s) => s.close());
  connectors = [];
  jest.restoreAllMocks();
});
async function connector() {
  const c = await startConnector();
  connectors.push(c.server);
  return c;
}

test('turns to the same serviceUrl share one client; another serviceUrl gets its own; each request is signed anew', async () => {
  const credentials = new CountingCredentials({});
  const adapter = createAdapter({ appId: '', appType: 'MultiTenant' }, logger, {}, credentials);
  const [a, b] = [await connector(), await connector()];
  for (let i = 0; i < 5; i++) expect(await adapter.processInbound(message(a.url, i), undefined, say(`reply ${i}`))).toMatchObject({ kind: 'handled' });
  credentials.token = 'token-2'; // what a refresh does: the next request must carry the new token, not a copy
  await adapter.processInbound(message(a.url, 5), undefined, say('after refresh'));
  await adapter.processInbound(message(b.url, 6), undefined, say('elsewhere'));
  // Two connector clients and the one user token client every turn is also handed (before: two per turn).
  expect(credentials.created).toBe(3);
  expect(a.tokens).toEqual([...Array(5).fill('Bearer token-1'), 'Bearer token-2']);
  expect(b.tokens).toEqual(['Bearer token-2']);
});

test('a client that could not be built is not kept: the next turn builds one', async () => {
  const credentials = new CountingCredentials({});
  const adapter = createAdapter({ appId: '', appType: 'MultiTenant' }, logger, {}, credentials);
  const a = await connector();
  credentials.failNext = true;
  await expect(adapter.processInbound(message(a.url, 1), undefined, say('x'))).rejects.toThrow('credential store unavailable');
  await adapter.processInbound(message(a.url, 2), undefined, say('y'));
  await adapter.processInbound(message(a.url, 3), undefined, say('z'));
  expect(credentials.created).toBe(2); // the connector client and the user token client, once each
  expect(a.tokens).toHaveLength(2);
});

test('anyone may post without an app id, so the kept clients are bounded', async () => {
  const adapter = createAdapter({ appId: '', appType: 'MultiTenant' }, logger, {}, new CountingCredentials({}));
  const a = await connector();
  for (let i = 0; i < 40; i++) await adapter.processInbound(message(`${a.url}?tenant=${i}`, i), undefined, async () => undefined);
  expect((adapter as unknown as { auth: ReusingConnectorAuthentication }).auth.clientCount).toBe(32);
});

test("botbuilder's own credentials on a kept client: the token comes from Entra ID and is fetched again when it nears expiry", async () => {
  // MSAL as botframework-connector loads it (it has its own copy); a token request is the only network call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const msal = require(require.resolve('@azure/msal-node', { paths: [dirname(require.resolve('botframework-connector'))] }));
  const inMinutes = (m: number): Date => new Date(Date.now() + m * 60_000);
  const issued = [
    { accessToken: 'entra-1', expiresOn: inMinutes(4) }, // inside botbuilder's 5-minute margin: stale at once
    { accessToken: 'entra-2', expiresOn: inMinutes(60) },
  ];
  const acquire = jest.spyOn(msal.ConfidentialClientApplication.prototype, 'acquireTokenByClientCredential').mockImplementation(async () => issued.shift());
  const adapter = createAdapter({ appId: APP_ID, appType: 'SingleTenant', tenantId: TENANT, appPassword: 'not-a-real-secret' }, logger);
  const a = await connector();
  const reference = { serviceUrl: a.url, channelId: 'msteams', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'bot', name: 'bot' } };
  for (const text of ['one', 'two', 'three']) await adapter.continueConversationAsync(APP_ID, reference, say(text));
  expect(a.tokens).toEqual(['Bearer entra-1', 'Bearer entra-2', 'Bearer entra-2']);
  expect(acquire).toHaveBeenCalledTimes(2);
  expect((adapter as unknown as { auth: ReusingConnectorAuthentication }).auth.clientCount).toBe(1);
});
