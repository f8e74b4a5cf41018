/**
 * Entra ID on POST /api/events, through real HTTP: Event Grid's Entra-protected webhook delivery sends a bearer
 * token for the configured app; the bot checks it against a local OpenID document and key set. Every forgery is
 * a 401 that reads nothing from Azure; a valid token (the positive control) is answered and wakes the watcher.
 */
import { randomUUID } from 'node:crypto';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { hmacWithPublicKey, LocalTokenIssuer, makeSigningKey, unsignedToken, withPayload } from '../helpers/local-token-issuer';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';
import { DEMO_GROUP, DEMO_SUBSCRIPTION } from '../emulator/emulator-fixture';
import { EVENT_GRID_APP_ID } from '../../src/events/entra-token';

const TENANT = randomUUID();
const APP_ID = randomUUID();
const APP_URI = `api://${APP_ID}`;
const V1_ISSUER = `https://sts.windows.net/${TENANT}/`;
const VERSION_ID = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute/galleries/gal_golden/images/callcenter-desktop/versions/2026.6.0`;

const key = makeSigningKey('entra-key-1', []);
const unpublished = makeSigningKey('entra-key-1', []);
const issuer = new LocalTokenIssuer('https://login.microsoftonline.com/metadata-only/', [key]);
let bot: BotUnderTest;

beforeAll(async () => {
  await issuer.start();
  bot = await startBotUnderTest({}, { EVENT_GRID_AUDIENCE: `${APP_URI},${APP_ID}`, EVENT_GRID_TENANT_ID: TENANT, EVENT_GRID_OPENID_METADATA_URL: issuer.metadataUrl, WATCH_INTERVAL_SECONDS: '3600' }, { wakeTiming: { minGapMs: 200 } });
});
afterAll(async () => {
  await bot?.stop();
  await issuer.stop();
});

const seconds = () => Math.floor(Date.now() / 1000);
/** The claims of a v1 access token Entra issues to Event Grid for the webhook app. */
const claims = (over: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries({ aud: APP_URI, iss: V1_ISSUER, appid: EVENT_GRID_APP_ID, roles: ['AzureEventGridSecureWebhookSubscriber'], iat: seconds() - 60, nbf: seconds() - 60, exp: seconds() + 3600, tid: TENANT, ...over }).filter(([, v]) => v !== undefined));
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const validation = [{ id: 'v-1', topic: `/subscriptions/${DEMO_SUBSCRIPTION}`, subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: new Date().toISOString(), data: { validationCode: 'CODE-ENTRA' }, dataVersion: '2', metadataVersion: '1' }];
const writeEvent = [{ id: 'e-1', topic: `/subscriptions/${DEMO_SUBSCRIPTION}`, subject: VERSION_ID, eventType: 'Microsoft.Resources.ResourceWriteSuccess', eventTime: new Date().toISOString(), data: { resourceUri: VERSION_ID }, dataVersion: '2', metadataVersion: '1' }];

const chat = new SubscriptionChat(() => bot, 'event-grid-entra-chat');

async function post(body: unknown, headers: Record<string, string> = {}, query = '') {
  const res = await fetch(`${bot.botUrl}/api/events${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

it('answers the handshake for a valid v1 or v2 token (the positive control)', async () => {
  expect(await post(validation, bearer(issuer.sign(claims(), key)))).toEqual({ status: 200, text: JSON.stringify({ validationResponse: 'CODE-ENTRA' }) });
  const v2 = claims({ aud: APP_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, appid: undefined, azp: EVENT_GRID_APP_ID });
  expect((await post(validation, bearer(issuer.sign(v2, key)))).status).toBe(200);
});

it('refuses every forged, foreign or stale token with 401 and never shows the validation code', async () => {
  const forgeries: Record<string, Record<string, string>> = {
    'missing header': {},
    'wrong audience': bearer(issuer.sign(claims({ aud: 'api://someone-else' }), key)),
    'wrong issuer': bearer(issuer.sign(claims({ iss: `https://sts.windows.net/${randomUUID()}/` }), key)),
    'expired past the 5-minute tolerance': bearer(issuer.sign(claims({ iat: seconds() - 7200, nbf: seconds() - 7200, exp: seconds() - 600 }), key)),
    'not yet valid': bearer(issuer.sign(claims({ nbf: seconds() + 3600 }), key)),
    'no expiry': bearer(issuer.sign(claims({ exp: undefined }), key)),
    'signed with an unpublished key under a published kid': bearer(issuer.sign(claims(), unpublished)),
    'a kid nobody publishes': bearer(issuer.sign(claims(), key, 'no-such-kid')),
    'alg none': bearer(unsignedToken(claims(), key.kid)),
    'HS256 with the public key': bearer(hmacWithPublicKey(claims(), key)),
    'claims replaced after signing': bearer(withPayload(issuer.sign(claims(), key), claims({ aud: APP_ID, appid: randomUUID() }))),
    'another calling app': bearer(issuer.sign(claims({ appid: randomUUID() }), key)),
    'not a bearer token': { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    'garbage': bearer('not.a.jwt'),
  };
  for (const [name, headers] of Object.entries(forgeries)) {
    const answer = await post(validation, headers);
    expect({ name, status: answer.status }).toEqual({ name, status: 401 });
    expect(answer.text).not.toContain('CODE-ENTRA');
  }
  // No shared secret is configured: a `code` is no way in.
  expect((await post(validation, {}, '?code=' + 'x'.repeat(40))).status).toBe(401);
});

it('reads nothing from Azure for an invalid token, and reads at once for a valid one', async () => {
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to latest')).toMatch(/^Subscribed this chat/);
  await bot.app.runWatcher(); // the baseline
  const calls = bot.armCalls;
  expect((await post(writeEvent, bearer(issuer.sign(claims({ aud: 'api://someone-else' }), key)))).status).toBe(401);
  expect((await post(writeEvent, bearer(unsignedToken(claims(), key.kid)))).status).toBe(401);
  await new Promise((r) => setTimeout(r, 1000)); // several times the wake's debounce
  expect(bot.armCalls).toBe(calls);
  expect(await post(writeEvent, bearer(issuer.sign(claims(), key)))).toEqual({ status: 200, text: JSON.stringify({ accepted: 1, ignored: 0 }) });
  await waitFor(() => bot.armCalls, (n) => n > calls, 5000);
});
