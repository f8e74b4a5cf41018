/**
 * The real bot with telemetry on, in its own `node` process (so the Azure SDK instrumentation hooks Node's own
 * `require`, as in production, which jest's module loader bypasses). Loaded in index.ts' order: the app and
 * the Azure SDK first, then the settings, then telemetry. Run by `startTsWorker`; one JSON object a line:
 * - stdout `{"ready":true}` once the bot listens;
 * - stdin `modules` → stdout `{"modules":[…]}`: the files of @azure/monitor-opentelemetry this process loaded;
 * - stdin `shutdown` → telemetry shut down (what is buffered is sent) → stdout `{"shutdown":{"ms":…,"error"?:…}}`;
 * - stdin `run` → the scenario below through POST /api/messages, then telemetry is shut down (everything
 *   buffered is sent) → stdout `{"done":{…}}`;
 * - stdin closed or SIGTERM → exit.
 */
import { createInterface } from 'node:readline';
import { isFinal } from '../../../src/approvals/change-request';
import { loadConfig } from '../../../src/config';
import { startTelemetry } from '../../../src/telemetry/start-telemetry';
import { cardAction, DEMO, message, post } from '../../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';

/** What the test passes as the one argument (base64 JSON). */
export interface TelemetryBotSettings {
  /** Empty: telemetry off, as without the setting. */
  connectionString: string;
  /** How long `shutdown` may wait for the ingestion endpoint (default: production's). */
  shutdownTimeoutMs?: number;
  /** Typed by the users of the scenario; none of it may reach Application Insights. */
  texts: { read: string; unknown: string; promote: string };
}

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const settings = JSON.parse(Buffer.from(process.argv[2]!, 'base64').toString('utf8')) as TelemetryBotSettings;
  const env: Record<string, string> = settings.connectionString ? { APPLICATIONINSIGHTS_CONNECTION_STRING: settings.connectionString } : {};
  // Every trace kept (production samples 5 a second), and no retry folder for a failed export.
  const running = startTelemetry(loadConfig(env).telemetry, { tracesPerSecond: 0, samplingRatio: 1, disableOfflineStorage: true, shutdownTimeoutMs: settings.shutdownTimeoutMs });
  if (running.failed) throw running.failed;
  const bot = await startBotUnderTest(
    // The first versions listing of dispatch is throttled once (the SDK retries it): a 429 for the throttle count.
    { lroRetryAfterSeconds: 0, lroPollDelayMs: 50, faults: { throttle: { match: 'GET .*/images/dispatch/versions\\?', count: 1, retryAfterSeconds: 0 } } },
    env,
    { telemetry: running.telemetry, armObserver: (call) => running.telemetry.armCall(call) },
  );
  say({ ready: true });
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() === 'modules') say({ modules: Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]@azure[\\/]monitor-opentelemetry[\\/]/.test(file)) });
    if (line.trim() === 'shutdown') {
      const started = Date.now();
      void running.shutdown().then(
        () => say({ shutdown: { ms: Date.now() - started } }),
        (err: unknown) => say({ shutdown: { ms: Date.now() - started, error: String((err as Error).message) } }),
      );
    }
    if (line.trim() !== 'run') return;
    scenario(bot, settings.texts)
      .then(async (result) => {
        await running.shutdown();
        say({ done: result });
      })
      .catch((err: unknown) => say({ done: { error: String((err as Error).stack ?? err) } }));
  });
  input.on('close', () => void bot.stop().finally(() => process.exit(0)));
}

/** A read command, an unknown word, a promotion approved by another person and carried out in Azure. */
async function scenario(bot: BotUnderTest, texts: TelemetryBotSettings['texts']): Promise<{ requestId: string; state: string }> {
  await ask(bot, DEMO.alex, texts.read, 'tel-read');
  await ask(bot, DEMO.alex, texts.unknown, 'tel-unknown');
  const asked = await ask(bot, DEMO.alex, texts.promote, 'tel-promote', /CR-[0-9A-Z]{8}/);
  const requestId = /CR-[0-9A-Z]{8}/.exec(asked)?.[0];
  if (!requestId) throw new Error(`no request id in the answer: ${asked.slice(0, 500)}`);
  const clicked = await post(bot.botUrl, cardAction('galleryops.approve', { requestId }, { serviceUrl: bot.serviceUrl, conversationId: 'tel-clicks', from: DEMO.adele }));
  if (clicked.status !== 200) throw new Error(`the approval answered ${clicked.status}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const request = await bot.store.requests.get(requestId);
    if (request && isFinal(request.state)) return { requestId, state: request.state };
    if (Date.now() > deadline) throw new Error(`${requestId} is still ${request?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Posts a message; returns what the bot answered in that conversation (JSON text) once `until` matches it. */
async function ask(bot: BotUnderTest, from: { id: string; name: string; aadObjectId?: string }, text: string, conversationId: string, until = /./): Promise<string> {
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId, from }));
  if (res.status !== 200) throw new Error(`"${text}" answered ${res.status}`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answered = JSON.stringify(bot.connector.messages(conversationId));
    if (bot.connector.messages(conversationId).length > 0 && until.test(answered)) return answered;
    if (Date.now() > deadline) throw new Error(`no answer to "${text}" matching ${until}: ${answered.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
