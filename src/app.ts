import { randomBytes } from 'node:crypto';
import type { ConfigurationBotFrameworkAuthenticationOptions, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type restify from 'restify';
import { renderCard } from './cards/render-card';
import type { CommandContext } from './commands/command-context';
import { runCommand } from './commands/run-command';
import type { Config } from './config';
import type { GalleryPort } from './gallery/gallery-port';
import { NameIndex } from './gallery/name-index';
import { ReplicationReader } from './gallery/replication-reader';
import type { Logger } from './logging/logger';
import { createServer, listen } from './server';
import { createAdapter } from './teams/create-adapter';
import { createSendPacing } from './teams/send-pacing';
import { GalleryOpsBot, type CommandRequest } from './teams/galleryops-bot';

/** Everything the bot needs from outside, passed in by hand so tests and benchmarks can swap any of it. */
export interface AppDependencies {
  config: Readonly<Config>;
  gallery: GalleryPort;
  logger: Logger;
  now?: () => Date;
  /**
   * Wraps every command run (benchmarks use it to attribute ARM calls to the command that made them through
   * AsyncLocalStorage). Default: run as is.
   */
  aroundCommand?: <T>(request: CommandRequest, run: () => Promise<T>) => Promise<T>;
  /** Test seam for inbound-authentication tests (local OpenID metadata). */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Test seam: outbound credentials for replies that do not call Entra ID. Default: botbuilder's (MSAL). */
  credentialsFactory?: ConfigurationServiceClientCredentialFactory;
}

/** A wired bot: its HTTP server and the name index it answers from. */
export interface App {
  server: restify.Server;
  names: NameIndex;
  /** Binds the configured host and port (or `port` when given; 0 = any free port) and warms the name index. */
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
}

/** The composition root: builds every dependency once and wires them together. */
export function createApp(deps: AppDependencies): App {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const names = new NameIndex({ gallery: deps.gallery, stages: config.stages, now, ttlMs: config.nameIndexTtlSeconds * 1000 });
  const replication = new ReplicationReader(deps.gallery, now);
  const ctx: CommandContext = { gallery: deps.gallery, names, replication, stages: config.stages, now };
  const around = deps.aroundCommand ?? ((_request, run) => run());

  const bot = new GalleryOpsBot({
    runCommand: (request) => around(request, () => runCommand(request.text, ctx, { source: request.source })),
    renderCard,
    logger,
    newRef: () => randomBytes(4).toString('hex'),
  });
  const adapter = createAdapter(config.bot, logger, deps.authOverrides, deps.credentialsFactory);
  // Everything the bot sends goes through Teams' per-conversation rate windows and honours 429 Retry-After.
  // Replies wait inside the turn, so a Retry-After is honoured for at most 10 s: Teams may resend an
  // activity whose HTTP answer takes much longer, which would run the command twice.
  adapter.use(createSendPacing({ logger, retry: { maxRetries: 3, retryAfterCapMs: 10_000, baseDelayMs: 500, maxDelayMs: 4_000 } }));
  const server = createServer({ adapter, bot, logger, isReady: () => names.loaded });

  return {
    server,
    names,
    async listen(port = config.port) {
      const bound = await listen(server, port, config.host);
      // Warm the index so the first question does not wait for ARM list calls; a failure here is retried
      // on the first command, which then reports the ARM error to the user in words.
      names.refresh().catch((err: unknown) => logger.warn({ err }, 'could not load gallery names yet'));
      return bound;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        server.server.closeAllConnections();
      }),
  };
}
