import restify from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Logger } from './logging/logger';

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** True once the bot can answer (the gallery name index has loaded). */
  isReady(): boolean;
}

/** Bot Framework activities are small; 1 MB leaves room for big pasted text while bounding memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP surface: POST /api/messages (Bot Framework), GET /healthz (alive), GET /readyz (can answer). */
export function createServer(deps: ServerDependencies): restify.Server {
  const server = restify.createServer({ name: 'galleryops', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (err) {
      deps.logger.error({ err }, 'failed to process an activity');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
  // restify 12 takes either async (req, res) handlers or callback (req, res, next) ones.
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    const ready = deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
  });
  return server;
}

/** Starts listening and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: restify.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
