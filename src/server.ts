import restify from 'restify';
import type { EvidenceDownload } from './evidence/evidence-download';
import type { EventGridAnswer, EventGridRequest } from './events/event-grid-endpoint';
import type { Logger } from './logging/logger';
import type { MessageHandler } from './message-outcome';

export interface ServerDependencies {
  /** Authenticates each Bot Framework request, then runs the bot's turn (built in src/teams/). */
  messages: MessageHandler;
  logger: Logger;
  /**
   * Whether the bot can answer (the gallery name index has loaded), and the damaged stored records met so far:
   * they do not make it unready (every other request works), but operators must see them.
   */
  readiness(): { ready: boolean; damagedRecords: ReadonlyArray<{ kind: string; key: string; problem: string }> };
  /** Serves signed evidence-bundle links (`GET /evidence/:token`); absent: the route is not offered. */
  evidence?: EvidenceDownload;
  /** Azure Event Grid's webhook (`POST /api/events`, see events/event-grid-endpoint); absent: the route is not offered. */
  events?: (request: EventGridRequest) => Promise<EventGridAnswer>;
  /** True once the process is stopping (SIGTERM): no new turns, and /readyz says so to the load balancer. */
  stopping?(): boolean;
}

/** Bot Framework activities are small; 1 MB leaves room for big pasted text while bounding memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Longest path parameter the router matches; Node caps the whole request line near 16 KB anyway. */
const MAX_PATH_PARAM = 8192;

/**
 * The HTTP surface: POST /api/messages (Bot Framework), GET /healthz (alive), GET /readyz (can answer), and
 * GET /evidence/:token (bundle downloads).
 */
export function createServer(deps: ServerDependencies): restify.Server {
  // restify hands its options to its router (find-my-way), whose default 100-character limit on a path parameter
  // would answer a download link (~150 characters) with the router's own 404. Raised well past the link's bound
  // so the evidence route itself refuses over-long tokens, with its own answer. (@types/restify omits the option.)
  const options = { name: 'galleryops', handleUncaughtExceptions: false, maxParamLength: MAX_PATH_PARAM };
  const server = restify.createServer(options);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    if (deps.stopping?.()) {
      // A stopping instance starts no turn it may not finish; the channel retries, and the load balancer
      // (told by /readyz) sends the retry to another instance.
      res.header('Retry-After', '1');
      res.send(503, { error: 'stopping' });
      return;
    }
    try {
      const outcome = await deps.messages(req.body, req.headers.authorization);
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
    if (deps.stopping?.()) {
      res.send(503, { status: 'stopping' });
      return;
    }
    const { ready, damagedRecords } = deps.readiness();
    const detail = damagedRecords.length > 0 ? { damagedRecords: damagedRecords.map((d) => ({ kind: d.kind, key: d.key, problem: d.problem })), action: 'npm run store:check lists them; restore them from a backup' } : {};
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting', ...detail });
  });
  if (deps.evidence) {
    const download = deps.evidence;
    // Browsers open this link, so there is no Bot Framework token here: the link's signature is the only gate.
    server.get('/evidence/:token', async (req, res) => {
      res.header('Cache-Control', 'no-store');
      res.header('X-Content-Type-Options', 'nosniff');
      res.header('Referrer-Policy', 'no-referrer');
      try {
        const token = typeof req.params?.token === 'string' ? req.params.token : '';
        const answer = await download(token);
        if (answer.status !== 200) {
          // The token is a credential until it expires: log why it was refused, never the token.
          deps.logger.info({ status: answer.status, reason: answer.body.error, remoteAddress: req.socket?.remoteAddress }, 'refused an evidence download');
          res.send(answer.status, answer.body);
          return;
        }
        const body = Buffer.from(answer.body, 'utf8');
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': body.length,
          'Content-Disposition': `attachment; filename="${answer.filename}"`,
        });
        res.end(body);
      } catch (err) {
        // The store failed, not the caller: still no stack trace or detail in the answer.
        deps.logger.error({ err }, 'evidence download failed');
        if (!res.headersSent) res.send(503, { error: 'unavailable', message: 'The evidence store could not be read; try again shortly.' });
      }
    });
  }
  if (deps.events) {
    const events = deps.events;
    server.post('/api/events', async (req, res) => {
      // Never logged: the URL carries the shared secret.
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const answer = await events({ query, headers: req.headers, body: req.body });
      res.send(answer.status, answer.body);
    });
  }
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
