/**
 * Send pacing end to end: a real CloudAdapter (no app id, as create-adapter builds it for local use) served
 * over real HTTP by restify, with the pacing middleware registered through `adapter.use`, a tiny bot that
 * replies N times, and the LocalConnector throttling with 429 + Retry-After. Real time, real SDK pipeline.
 */
import { Writable } from 'node:stream';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import { createLogger } from '../../src/logging/logger';
import { listen } from '../../src/server';
import { createSendPacing } from '../../src/teams/send-pacing';
import { message, post } from '../helpers/activities';
import { LocalConnector } from '../helpers/local-connector';

/** "reply N": answers with N messages, one sendActivity each, as a command with a long answer would. */
class ReplyNTimesBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const n = Number(/reply (\d+)/.exec(context.activity.text ?? '')?.[1] ?? 1);
      for (let i = 1; i <= n; i++) await context.sendActivity(`reply ${i} of ${n}`);
      await next();
    });
  }
}

const logLines: Array<{ msg: string; status?: number; waitMs?: number }> = [];
let connector: LocalConnector;
let server: restify.Server;
let botUrl: string;
let serviceUrl: string;
const turnErrors: unknown[] = [];

beforeAll(async () => {
  connector = new LocalConnector();
  serviceUrl = await connector.start();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' } as ConfigurationBotFrameworkAuthenticationOptions));
  adapter.onTurnError = async (_context, error) => void turnErrors.push(error);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as (typeof logLines)[number]);
      done();
    },
  });
  // What the composition root does: one middleware instance for the process, shared by every turn.
  adapter.use(createSendPacing({ logger: createLogger('warn', sink) }));

  const bot = new ReplyNTimesBot();
  server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  botUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  server.server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.stop();
});

afterEach(() => {
  expect(turnErrors).toEqual([]);
  connector.throttleNext = 0;
});

/** Texts and arrival times of the messages that reached one conversation. */
function arrivals(conversationId: string) {
  return connector.sent.filter((s) => s.conversationId === conversationId && s.body.type === 'message');
}

/** The largest number of arrivals within any `windowMs` interval. */
function busiestWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u - t < windowMs).length));
}

it('throttled twice (429, Retry-After: 1): every reply arrives, in order, each retry at least 1 s after its 429', async () => {
  // Two 429s are absorbed by botframework-connector's own retry policy before the middleware sees an error;
  // this pins down the user-visible behaviour whichever layer retries (the next test needs the middleware).
  connector.throttleNext = 2;
  connector.retryAfterSeconds = 1;
  const res = await post(botUrl, message('reply 3', { serviceUrl, conversationId: 'pacing-429' }));
  expect(res.status).toBe(200);
  const replies = await connector.waitForMessages('pacing-429', 3);
  expect(replies.map((r) => r.text)).toEqual(['reply 1 of 3', 'reply 2 of 3', 'reply 3 of 3']);

  const throttled = connector.throttled.filter((t) => t.conversationId === 'pacing-429').map((t) => t.receivedAt);
  expect(throttled).toHaveLength(2);
  const firstDelivered = arrivals('pacing-429')[0]!.receivedAt;
  const attempts = [...throttled, firstDelivered];
  // Timers may fire a millisecond or two early relative to Date.now(); never a meaningful amount.
  for (let i = 1; i < attempts.length; i++) expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(990);
});

it('throttled past what the SDK pipeline retries (5 × 429): the middleware waits for Retry-After and the reply still arrives', async () => {
  // botframework-connector's own pipeline retries a 429 three times; the fifth 429 only passes because the
  // middleware catches the RestError the SDK finally throws and retries after its Retry-After.
  connector.throttleNext = 5;
  connector.retryAfterSeconds = 0.5;
  const res = await post(botUrl, message('reply 1', { serviceUrl, conversationId: 'pacing-429-sdk-gave-up' }));
  expect(res.status).toBe(200);
  const [reply] = await connector.waitForMessages('pacing-429-sdk-gave-up', 1);
  expect(reply!.text).toBe('reply 1 of 1');

  const throttled = connector.throttled.filter((t) => t.conversationId === 'pacing-429-sdk-gave-up').map((t) => t.receivedAt);
  expect(throttled).toHaveLength(5);
  const attempts = [...throttled, arrivals('pacing-429-sdk-gave-up')[0]!.receivedAt];
  for (let i = 1; i < attempts.length; i++) expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(490);
  expect(logLines).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/throttled/), status: 429, waitMs: 500 }));
});

it('20 replies in one turn are spread so no 1-second window carries more than 7 (nor 2 seconds more than 8)', async () => {
  const res = await post(botUrl, message('reply 20', { serviceUrl, conversationId: 'pacing-burst' }));
  expect(res.status).toBe(200);
  const sent = arrivals('pacing-burst');
  expect(sent.map((s) => s.body.text)).toEqual(Array.from({ length: 20 }, (_, i) => `reply ${i + 1} of 20`));
  const times = sent.map((s) => s.receivedAt);
  expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(7);
  expect(busiestWindow(times, 2000)).toBeLessThanOrEqual(8);
  // Delayed, not dropped: the limits allow 20 messages in no less than 4 seconds.
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(3900);
});
