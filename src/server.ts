import restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from './logging/logger';
import type { InboundProcessor } from './teams/authenticating-adapter';

export interface ServerDependencies {
  /** Authenticates each request, then runs the bot (see AuthenticatingAdapter). */
  adapter: InboundProcessor;
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
      const outcome = await deps.adapter.processInbound(req.body, req.headers.authorization, (context) => deps.bot.run(context));
      switch (outcome.kind) {
        case 'unauthorized':
          // The reason goes to the log only: a caller probing forgeries learns nothing from the answer.
          deps.logger.warn({ reason: outcome.reason, remoteAddress: req.socket?.remoteAddress }, 'refused a request without a valid Bot Framework token');
          res.header('WWW-Authenticate', 'Bearer');
          res.send(401, { error: 'unauthorized' });
          return;
        case 'bad-request':
          deps.logger.warn({ reason: outcome.reason }, 'refused a request that is not an activity');
          res.send(400, { error: 'bad request' });
          return;
        case 'handled':
          if (outcome.body === undefined) res.send(outcome.status);
          else res.send(outcome.status, outcome.body);
      }
    } catch (err) {
      // Only after authentication succeeded: a genuine failure (e.g. outbound credentials), never a 401.
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
