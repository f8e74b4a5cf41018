/**
 * Inbound authentication through the real HTTP endpoint and the real botbuilder validation: tokens signed by
 * local RSA keys, published by a local OpenID metadata document. With an app id configured, only a valid
 * channel token gets the bot to run; every forgery gets 401 with nothing run, even where botbuilder itself
 * would answer 500.
 */
import { cardAction, message } from '../helpers/activities';
import { postWithAuth, startAuthenticatedBot, TEST_APP_ID, type AuthenticatedBot } from '../helpers/authenticated-bot-under-test';
import { hmacWithPublicKey, LocalTokenIssuer, makeSigningKey, unsignedToken, withPayload, type SigningKey } from '../helpers/local-token-issuer';

const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const OTHER_APP_ID = '12345678-1234-1234-1234-123456789abc';

let issuer: LocalTokenIssuer;
let bot: AuthenticatedBot;
/** Published and endorsed for Teams: the key genuine tokens are signed with. */
let teamsKey: SigningKey;
/** Published, but endorsed for another channel only. */
let webchatKey: SigningKey;
/** Never published; carries the Teams key's kid. */
let impostorKey: SigningKey;
let consoleSpy: jest.SpyInstance;
let n = 0;

beforeAll(async () => {
  teamsKey = makeSigningKey('teams-key-1', ['msteams']);
  webchatKey = makeSigningKey('webchat-key-1', ['webchat']);
  impostorKey = makeSigningKey('teams-key-1', ['msteams']);
  issuer = new LocalTokenIssuer(BOT_FRAMEWORK_ISSUER, [teamsKey, webchatKey]);
  await issuer.start();
  bot = await startAuthenticatedBot(issuer);
  // botbuilder writes some validation failures to console.error; keep them to check that no token is printed.
  consoleSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  consoleSpy?.mockRestore();
  await bot?.stop();
  await issuer?.stop();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims of a genuine Teams token for this bot and this connector, with `changes` applied. */
function claims(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  const base: Record<string, unknown> = { iss: BOT_FRAMEWORK_ISSUER, aud: TEST_APP_ID, serviceurl: bot.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

const bearer = (token: string) => `Bearer ${token}`;
const validToken = () => bearer(issuer.sign(claims(), teamsKey));

function newConversation(): string {
  return `auth-conv-${++n}`;
}

function counters() {
  return { commandsRun: bot.commandsRun, armCalls: bot.armCalls, sent: bot.connector.sent.length };
}

describe('a valid channel token (positive control)', () => {
  it('is accepted: 200, the command runs and the reply reaches the connector', async () => {
    const before = counters();
    const conversationId = newConversation();
    const res = await postWithAuth(bot.botUrl, message('galleries', { serviceUrl: bot.serviceUrl, conversationId }), validToken());
    expect(res.status).toBe(200);
    const [reply] = await bot.connector.waitForMessages(conversationId, 1);
    expect(JSON.stringify(reply)).toContain('gal_golden');
    expect(bot.commandsRun).toBe(before.commandsRun + 1);
    expect(bot.credentials.created).toBeGreaterThan(0);
  });

  it('answers a card action in the HTTP response', async () => {
    const conversationId = newConversation();
    const data = { verb: 'galleryops.run', command: 'galleries' };
    const res = await postWithAuth(bot.botUrl, cardAction('galleryops.run', data, { serviceUrl: bot.serviceUrl, conversationId }), validToken());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });
});

describe('forged or missing tokens', () => {
  // Guards against passing for the wrong reason: if the genuine token were refused too (unreachable metadata,
  // a wrong override), every case below would "pass".
  beforeAll(async () => {
    const res = await postWithAuth(bot.botUrl, { ...message('help', { serviceUrl: bot.serviceUrl, conversationId: newConversation() }) }, validToken());
    if (res.status !== 200) throw new Error(`positive control failed: a valid token got ${res.status}; the forgery results would mean nothing`);
  });

  const now = nowSeconds;
  it.each<[string, () => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a scheme other than Bearer', () => `Basic ${Buffer.from('user:password').toString('base64')}`],
    ['Bearer without a token', () => 'Bearer '],
    ['a token that is not a JWT', () => bearer('not-a-jwt')],
    ['an expired token (exp 1 h ago, beyond the 5 min tolerance)', () => bearer(issuer.sign(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }), teamsKey))],
    ['a token not valid yet (nbf in 1 h)', () => bearer(issuer.sign(claims({ nbf: now() + 3600, exp: now() + 7200 }), teamsKey))],
    ['a token for another bot (aud)', () => bearer(issuer.sign(claims({ aud: OTHER_APP_ID }), teamsKey))],
    ['a token without audience', () => bearer(issuer.sign(claims({ aud: undefined }), teamsKey))],
    ['a token from another issuer', () => bearer(issuer.sign(claims({ iss: 'https://login.attacker.example/' }), teamsKey))],
    ['a token signed by an unknown key under the published kid', () => bearer(issuer.sign(claims(), impostorKey))],
    ['a token whose kid is not published', () => bearer(issuer.sign(claims(), teamsKey, 'unknown-kid'))],
    ['alg none with the published kid', () => bearer(unsignedToken(claims(), teamsKey.kid))],
    ['HS256 keyed with the public key (algorithm confusion)', () => bearer(hmacWithPublicKey(claims(), teamsKey))],
    ['a genuine token with its payload changed', () => bearer(withPayload(issuer.sign(claims({ aud: OTHER_APP_ID }), teamsKey), claims()))],
    ['a serviceurl claim for another connector', () => bearer(issuer.sign(claims({ serviceurl: 'https://smba.trafficmanager.net/attacker/' }), teamsKey))],
    ['a token without serviceurl claim', () => bearer(issuer.sign(claims({ serviceurl: undefined }), teamsKey))],
    ['a key not endorsed for msteams', () => bearer(issuer.sign(claims(), webchatKey))],
    ['an emulator token (no emulator key is trusted)', () => bearer(issuer.sign(claims({ iss: EMULATOR_ISSUER, ver: '1.0', appid: TEST_APP_ID }), teamsKey))],
  ])('refuses %s with 401 and runs nothing', async (_name, makeAuthorization) => {
    const authorization = makeAuthorization();
    const before = counters();
    const logsBefore = bot.logs.length;
    const conversationId = newConversation();

    const res = await postWithAuth(bot.botUrl, message('galleries', { serviceUrl: bot.serviceUrl, conversationId }), authorization);

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    // No handler ran: no command, no ARM call, nothing sent to the connector (also not a typing indicator).
    expect(counters()).toEqual(before);
    expect(bot.connector.sent.filter((s) => s.conversationId === conversationId)).toEqual([]);
    // The reason is logged at warn level, and the token nowhere.
    const refused = bot.logs.slice(logsBefore).filter((l) => l.level === 40 && /refused a request without a valid/.test(l.msg));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toEqual(expect.any(String));
    const token = authorization?.split(' ')[1];
    if (token && token.length > 16) {
      expect(bot.rawLog.join('\n')).not.toContain(token);
      expect(consoleSpy.mock.calls.map((args) => args.map(String).join(' ')).join('\n')).not.toContain(token);
    }
  });
});

describe('what is not an authentication failure stays what it is', () => {
  it('a failure after authentication (outbound credentials) is 500 with no details, not 401', async () => {
    // Outbound clients are kept per serviceUrl, so credentials are built (and fail) on the first turn to a new one.
    const serviceUrl = `${bot.serviceUrl}not-seen-yet/`;
    bot.credentials.failNext = true;
    const before = counters();
    const res = await postWithAuth(bot.botUrl, message('galleries', { serviceUrl, conversationId: newConversation() }), bearer(issuer.sign(claims({ serviceurl: serviceUrl }), teamsKey)));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error' });
    expect(counters()).toEqual(before);
  });

  it('a body that is not an activity is 400 and runs nothing', async () => {
    const before = counters();
    const res = await postWithAuth(bot.botUrl, { hello: 'world' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/Error|at /);
    expect(counters()).toEqual(before);
  });
});
