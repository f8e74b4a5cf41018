import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type restify from 'restify';
import { ApprovalService } from './approvals/approval-service';
import { createArmChangeApplier } from './approvals/arm-change-applier';
import { RequestExecutor } from './approvals/request-executor';
import { createAuditLog } from './audit/audit-log';
import { renderCard } from './cards/render-card';
import type { CommandContext } from './commands/command-context';
import { createRequestActions } from './commands/request-actions';
import { runCommand } from './commands/run-command';
import type { Config } from './config';
import type { ArmResponseRecorder } from './evidence/arm-response-recorder';
import { createEvidenceDownload } from './evidence/evidence-download';
import type { ArmGallery } from './gallery/arm';
import { NameIndex } from './gallery/name-index';
import { ReplicationReader } from './gallery/replication-reader';
import { SharedVersionReads, STATUS_READ_SHARE_MS } from './gallery/shared-version-reads';
import { warmNames } from './gallery/warm-names';
import { VersionIndex } from './gallery/version-index';
import { withIndexInvalidation } from './gallery/invalidating-writes';
import type { UsageReader } from './gallery/usage-port';
import { reportReads } from './report/replication-memory';
import type { Logger } from './logging/logger';
import { createServer, listen } from './server';
import type { Store } from './storage/store';
import { pruneEvidence } from './evidence/prune-evidence';
import { RecentBundles } from './evidence/recent-bundles';
import { gateRecheckRun } from './approvals/gate-recheck';
import { PeriodicJob } from './scheduling/periodic-job';
import { ConversationDirectory } from './teams/conversation-directory';
import { inertTagsMiddleware } from './teams/inert-tags-middleware';
import type { BatchingWriterOptions } from './conversations/batching-writer';
import { createAdapter, type AdapterSeams } from './teams/create-adapter';
import { GalleryOpsBot, type CommandRequest } from './teams/galleryops-bot';
import { createSendPacing } from './teams/send-pacing';
import { TeamsRequestNotifier } from './teams/teams-request-notifier';
import { Watcher } from './subscriptions/watcher';
import { DigestRunner } from './subscriptions/digest-runner';
import { readDigestSources } from './subscriptions/digest-read';
import { TeamsDigestDelivery } from './teams/teams-digest-delivery';
import { SentEventCards } from './subscriptions/sent-event-cards';
import { runSubscriptionButton } from './commands/subscription-button';
import { wantsRequest } from './subscriptions/request-facts';
import { WatcherLeadership } from './subscriptions/watcher-leadership';
import { TeamsEventDelivery } from './teams/teams-event-delivery';
import type { RunOutcome } from './scheduling/periodic-job';
import { createEventGridEndpoint } from './events/event-grid-endpoint';
import { eventGridAuth } from './events/event-grid-auth';
import { WatcherWake, type WatcherWakeOptions } from './subscriptions/watcher-wake';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';
import { HookDispatcher } from './hooks/hook-dispatcher';
import { hookEvidence } from './hooks/hook-evidence';
import { isLoopbackUrl } from './loopback';
import { InFlightWork } from './in-flight-work';
import { withinDeadline } from './launcher/start-deadline';

/**
 * How long a stopping instance spends telling conversations that a long command's answer will not come, after its
 * grace period: a notice per progress card, paced like any send (SIGKILL comes 30 s after SIGTERM).
 */
const WITHDRAW_NOTICE_MS = 5_000;

/** Everything the bot needs from outside, passed in by hand so tests and benchmarks can swap any of it. */
export interface AppDependencies {
  config: Readonly<Config>;
  /** Reads, and the writes approved requests make. */
  gallery: ArmGallery;
  /** Scale sets and VMs that reference a version (retirement warnings). */
  usage: UsageReader;
  /** ARM's answers verbatim for evidence bundles (from `createGallery`); absent, bundles say they lack them. */
  armResponses?: ArmResponseRecorder;
  /** Change requests, audit log, conversation references and evidence; the caller opens and closes it. */
  store: Store;
  logger: Logger;
  now?: () => Date;
  /**
   * Wraps every command run (benchmarks use it to attribute ARM calls to the command that made them through
   * AsyncLocalStorage). Default: run as is.
   */
  aroundCommand?: <T>(request: CommandRequest, run: () => Promise<T>) => Promise<T>;
  /** Test seam for inbound-authentication tests (local OpenID metadata). */
  authOverrides?: AdapterSeams['authOverrides'];
  /** Test seam: outbound credentials for replies that do not call Entra ID. Default: botbuilder's (MSAL). */
  credentialsFactory?: AdapterSeams['credentialsFactory'];
  /** How often open requests are swept (expiry, stuck executions). Default 60 s. */
  sweepIntervalMs?: number;
  /** An execution older than this that no process is running is reconciled from ARM. Default 30 s. */
  reconcileAfterMs?: number;
  /** Pause between read-backs of a change whose outcome is unknown (ms). Default 5 s. */
  observeIntervalMs?: number;
  /** How Event Grid wakes are coalesced into watcher cycles (tests shorten the gap). */
  wakeTiming?: WatcherWakeOptions;
  /** Spans and metrics (src/telemetry/start-telemetry.ts). Default: none. */
  telemetry?: Telemetry;
  /** How conversation references are batched on their way to the store (default: within 50 ms, 100 a batch). */
  referenceBatching?: BatchingWriterOptions;
}

/** A wired bot: its HTTP server, the name and version indexes it answers from and the approval service. */
export interface App {
  server: restify.Server;
  names: NameIndex;
  /** Version lists per definition; `invalidate(definitionId)` is for change events. */
  versionIndex: VersionIndex;
  approvals: ApprovalService;
  /** The command context without a caller, for start-up work such as seeding the demo request. */
  context: CommandContext;
  /** One run of the subscriptions watcher now (tests; queued behind a scheduled run in progress). */
  runWatcher(): Promise<RunOutcome>;
  /** Binds the configured host and port (or `port` when given; 0 = any free port) and warms the name index. */
  listen(port?: number): Promise<number>;
  /**
   * Stops: no new turns (POST /api/messages and /readyz answer 503 from now on), no background jobs; executions
   * this process runs, turns being answered and long commands' answers get up to `graceMs` (default none) to
   * finish. Executions left are handed over (another instance reconciles them once its heartbeat stops); a long
   * command's progress card left is told the bot stopped before the answer. Resolves with the ids handed over.
   */
  close(graceMs?: number): Promise<string[]>;
}

/** The composition root: builds every dependency once and wires them together. */
export function createApp(deps: AppDependencies): App {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const names = new NameIndex({ gallery: deps.gallery, stages: config.stages, now, ttlMs: config.nameIndexTtlSeconds * 1000 });
  const replication = new ReplicationReader(deps.gallery, now);
  const statusReads = new SharedVersionReads(deps.gallery, now, STATUS_READ_SHARE_MS);
  const versionIndex = new VersionIndex({ gallery: deps.gallery, now, ttlMs: config.versionIndex.ttlSeconds * 1000, maxVersions: config.versionIndex.maxVersions });
  // The bot's own writes (approved promote, retire, repair) show at once in `versions` and `image status`, and in
  // the watcher's next cycle (the watcher is made below; writes only come once the bot runs).
  const writingGallery = withIndexInvalidation(deps.gallery, {
    invalidateImage(image, version) {
      versionIndex.invalidateImage(image);
      replication.invalidateImage(image);
      statusReads.invalidateImage(image);
      watcher.versionWritten(image, version);
    },
  });
  const audit = createAuditLog(deps.store.audit);

  const adapter = createAdapter(config.bot, logger, deps.authOverrides, deps.credentialsFactory);
  // Everything the bot sends goes through Teams' per-conversation rate windows and honours 429 Retry-After.
  // Replies wait inside the turn, so a Retry-After is honoured for at most 10 s: Teams may resend an
  // activity whose HTTP answer takes much longer, which would run the command twice.
  const pacing = createSendPacing({ logger, retry: { maxRetries: 3, retryAfterCapMs: 10_000, baseDelayMs: 500, maxDelayMs: 4_000 } });
  adapter.use(pacing);
  adapter.use(inertTagsMiddleware);
  const telemetry = deps.telemetry ?? NO_TELEMETRY;

  // A damaged record costs that one request, never the others; operators must hear of it at once.
  deps.store.onDamage((d) => logger.error({ damaged: d }, `damaged stored record: ${d.kind} ${d.key} (${d.problem}); npm run store:check lists them`));
  const directory = new ConversationDirectory(deps.store.conversations, now, logger, undefined, deps.referenceBatching);
  const applier = createArmChangeApplier({
    gallery: writingGallery,
    usage: deps.usage,
    stages: config.stages,
    now,
    // A repair watches replication at the pace the executor reads ARM back.
    ...(deps.observeIntervalMs !== undefined ? { repair: { watchIntervalMs: deps.observeIntervalMs } } : {}),
  });
  const executor = new RequestExecutor({
    requests: deps.store.requests,
    policy: config.policy,
    applier,
    logger,
    now,
    owner: `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`,
    unknownOverdueMs: config.engine.executionUnknownMinutes * 60_000,
    telemetry,
    ...(deps.observeIntervalMs !== undefined ? { observeIntervalMs: deps.observeIntervalMs } : {}),
  });
  const approvals = new ApprovalService({ requests: deps.store.requests, policy: config.policy, executor, logger, now, telemetry });
  // The notifier records the cards it posts through the service, so it is attached once both exist.
  const notifier = new TeamsRequestNotifier({
    adapter,
    appId: config.bot.appId,
    directory,
    requests: deps.store.requests,
    policy: config.policy,
    renderCard,
    recordCard: (requestId, card) => approvals.cardPosted(requestId, card, { announce: false }),
    // Conversations subscribed to `requests` get the card as one more copy, updated in place like the others.
    subscribedConversations: async (request) => (await deps.store.subscriptions.listSubscriptions()).filter((s) => wantsRequest(s, request)).map((s) => s.address),
    logger,
    now,
  });
  approvals.attachNotifier(notifier);

  // Event cards the watcher posted: bursts update their card, Mute / Unsubscribe clicks answer with it.
  const eventCards = new SentEventCards(config.alerts.eventGroupMinutes * 60_000);
  const ctx: CommandContext = {
    gallery: deps.gallery,
    names,
    replication,
    statusReads,
    versionIndex,
    stages: config.stages,
    now,
    approvals,
    usage: deps.usage,
    ...(deps.armResponses ? { armResponses: deps.armResponses } : {}),
    audit,
    store: deps.store,
    evidence: config.evidence,
    recentEvidence: new RecentBundles(config.engine.evidenceReuseSeconds * 1000),
    report: config.report,
    reportReads: reportReads(config.report.armReadsPerSecond ?? 20),
    ...(config.desiredStateFile ? { desiredStateFile: config.desiredStateFile } : {}),
    subscriptions: { store: deps.store.subscriptions, cards: eventCards, ...(config.policy.channelSubscribers ? { channelSubscribers: config.policy.channelSubscribers } : {}) },
  };
  const around = deps.aroundCommand ?? ((_request, run) => run());

  const bot = new GalleryOpsBot({
    runCommand: (request) =>
      around(request, () =>
        telemetry.command(request.source, (observer) =>
          runCommand(request.text, { ...ctx, caller: { ...request.user, conversationId: request.conversationId, conversationType: request.conversationType, channelId: request.channelId } }, { source: request.source, observer }),
        ),
      ),
    renderCard,
    logger,
    newRef: () => randomBytes(4).toString('hex'),
    requestActions: createRequestActions(approvals, now),
    directory,
    renderRequestCard: async (requestId, memberIds) => {
      const request = await deps.store.requests.get(requestId);
      return request ? notifier.baseCard(request, memberIds) : undefined;
    },
    // A command that outlasts the Bot Framework's patience answers with a progress card, then in a proactive turn.
    continueLater: (reference, logic) => adapter.continueConversationAsync(config.bot.appId, reference, logic),
    progressAfterMs: config.progressAfterMs,
    subscriptionButton: (click, request) => runSubscriptionButton(click, { ...ctx, caller: { ...request.user, conversationId: request.conversationId, conversationType: request.conversationType, channelId: request.channelId } }),
  });
  // Turns being answered: a stopping instance lets them finish within its grace period (see close).
  const turns = new InFlightWork();
  // Downloads are judged by the app's clock, the one that stamped the links' expiry.
  const evidence = createEvidenceDownload({ bundles: deps.store.evidence, signingKey: config.evidence.verifyKeys ?? config.evidence.signingKey, now });
  const server = createServer({
    messages: (body, authorization) => turns.track(adapter.processInbound(body, authorization, (context) => bot.run(context)), undefined),
    logger,
    // Damaged records do not make the bot unready (every other request works); they are named for operators.
    readiness: () => ({ ready: names.loaded, damagedRecords: deps.store.damaged() }),
    evidence,
    stopping: () => stopping,
    ...(config.eventGrid ? { events: createEventGridEndpoint({ ...eventGridAuth(config.eventGrid, now), changed: (ids) => galleryChanged(ids), logger }) } : {}),
  });

  // Approved requests that have not started run as soon as their gates hold (approve-ahead), with ARM reads budgeted.
  const gateRecheck = new PeriodicJob('gate re-check', config.engine.gateRecheckSeconds * 1000, gateRecheckRun({ requests: deps.store.requests, executor, logger }), logger);

  // Subscriptions: the watcher reads the subscribed scopes and posts a card per event (see src/subscriptions).
  // Instances sharing a Table store take turns through a lease in it; the embedded store's one owner always leads.
  const leadership = new WatcherLeadership(deps.store.subscriptions, `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`, config.alerts.watcherLeaseSeconds * 1000, logger);
  // Outgoing hooks hear the watcher's events in the background, recorded beside the cards' deliveries; their
  // bodies link a fresh evidence bundle only when people (and incident tools) can reach the bot's URL.
  // Operators see at start which hooks will be sent what (host only: a URL's query may carry a token).
  if (config.hooks.length > 0) logger.info({ hooks: config.hooks.map((h) => ({ name: h.name, type: h.type, host: new URL(h.url).host, scope: h.scope, events: h.events })) }, 'outgoing hooks configured');
  const hooks = new HookDispatcher({
    hooks: config.hooks,
    store: deps.store.subscriptions,
    now,
    logger,
    leading: () => leadership.leading(),
    ...(isLoopbackUrl(config.evidence.publicBaseUrl)
      ? {}
      : { evidence: hookEvidence({ gallery: deps.gallery, usage: deps.usage, audit: deps.store.audit, requests: deps.store.requests, ...(deps.armResponses ? { armResponses: deps.armResponses } : {}), now }, deps.store.evidence, config.evidence) }),
  });
  const watcher = new Watcher({
    gallery: deps.gallery,
    store: deps.store.subscriptions,
    delivery: new TeamsEventDelivery({ adapter, appId: config.bot.appId, directory, renderCard, logger, now, cards: eventCards, stages: config.stages }),
    now,
    logger,
    stuckAfterMs: config.alerts.replicationStuckMinutes * 60_000,
    usage: deps.usage,
    eolAlertDays: config.alerts.eolAlertDays,
    requests: { open: deps.store.requests, policy: config.policy, remindAfterMs: config.alerts.reminderHours * 3_600_000 },
    leadership,
    ...(config.hooks.length > 0 ? { hooks } : {}),
    // Daily digests read report and drift with the report command's read budget, once per cycle in which one is due.
    digests: new DigestRunner({
      store: deps.store.subscriptions,
      digests: deps.store.digests,
      delivery: new TeamsDigestDelivery({ adapter, appId: config.bot.appId, directory, renderCard, logger }),
      read: () => readDigestSources({ gallery: deps.gallery, ...(deps.usage ? { usage: deps.usage } : {}), report: config.report, reportReads: ctx.reportReads!, ...(config.desiredStateFile ? { desiredStateFile: config.desiredStateFile } : {}), now }),
      now,
      logger,
      leadership,
    }),
  });
  // Watcher lag: how long since the leading watcher last finished a cycle (a throttled one, which read nothing, does not count).
  let watcherCycleAt = now().getTime();
  const watchCycle = async () => {
    const outcome = await watcher.run();
    if (outcome.nextInMs === undefined) watcherCycleAt = now().getTime();
    return outcome;
  };
  telemetry.observe({
    sendQueue: () => pacing.queuedSends,
    executionsRunning: () => executor.runningCount,
    watcherLagSeconds: () => (watching && leadership.leading() ? (now().getTime() - watcherCycleAt) / 1000 : undefined),
  });
  const watchJob = new PeriodicJob('subscriptions watcher', config.watchIntervalSeconds * 1000, watchCycle, logger);
  // Event Grid says what changed: lists and `latest` read it again at once, and the watcher reads it in a cycle
  // soon (only on an instance that runs the watcher, once listening; the leader's schedule is the safety net).
  const wake = new WatcherWake(watchCycle, logger, deps.wakeTiming);
  let watching = false;
  const galleryChanged = (resourceIds: readonly string[]) => {
    for (const id of resourceIds) {
      versionIndex.invalidate(id);
      watcher.wake(id);
    }
    if (watching) wake.request();
  };

  let sweeper: NodeJS.Timeout | undefined;
  let stopping = false;
  let stopWarming = () => {};
  let lastPrune = 0;
  const sweep = async (reconcileOlderThanMs: number) => {
    await approvals.sweep({ reconcileOlderThanMs }).catch((err: unknown) => logger.error({ err }, 'sweeping open change requests failed'));
    // Evidence retention needs no precision: once an hour is plenty.
    if (now().getTime() - lastPrune < 3_600_000) return;
    lastPrune = now().getTime();
    await pruneEvidence({ evidence: deps.store.evidence, requests: deps.store.requests, now, retentionDays: config.engine.evidenceRetentionDays, logger }).catch((err: unknown) =>
      logger.error({ err }, 'pruning old evidence bundles failed'),
    );
  };

  return {
    server,
    names,
    versionIndex,
    approvals,
    context: ctx,
    runWatcher: watchCycle,
    async listen(port = config.port) {
      const bound = await listen(server, port, config.host);
      // Warm the index so the first question does not wait for ARM list calls, and retry until it loads:
      // /readyz waits for it, and an unready replica gets no command that would load it.
      stopWarming = warmNames(names, logger);
      // With the embedded store (one owner, checked at open) a restart means nobody is running what is left executing, so it is
      // reconciled at once. With Table Storage another instance may be carrying it out right now (this one is
      // new, or restarted during a rolling deploy): reconciling at once would see "not applied" before that
      // instance's ARM write lands and send the write a second time, so the first sweep waits like the others.
      const reconcileAfterMs = deps.reconcileAfterMs ?? 30_000;
      void sweep(config.store.kind === 'embedded' ? 0 : reconcileAfterMs);
      sweeper = setInterval(() => void sweep(reconcileAfterMs), deps.sweepIntervalMs ?? 60_000);
      sweeper.unref();
      gateRecheck.start();
      if (config.watcher) {
        leadership.start();
        watchJob.start();
        watching = true;
      }
      return bound;
    },
    async close(graceMs = 0) {
      stopping = true;
      stopWarming();
      clearInterval(sweeper);
      await gateRecheck.stop();
      await watchJob.stop();
      await wake.stop();
      await leadership.stop();
      hooks.stop();
      // New turns are already refused. Within the grace period, executions finish (their card updates still need
      // the store and Teams), and so do the turns being answered and the long commands' answers on their way to a
      // progress card; a turn ending can start such an answer, so the turns are waited for first.
      const deadline = Date.now() + graceMs;
      const [handedOver] = await Promise.all([
        approvals.close(graceMs).catch((err: unknown) => {
          logger.warn({ err }, 'could not write the last coalesced refusal records');
          return [];
        }),
        turns.settled(deadline).then(() => bot.lateAnswersDelivered(deadline)),
      ]);
      // An answer that cannot come now must not leave a card saying "Working on" forever.
      const withdrawn = await withinDeadline(bot.withdrawLateAnswers(), WITHDRAW_NOTICE_MS, 'telling conversations that their answers will not come took too long').catch((err: unknown) => {
        logger.warn({ err }, 'could not tell every conversation that its answer will not come');
        return 0;
      });
      // Turns still running now are cut when the server closes; the channel retries them on another instance.
      if (withdrawn || turns.count) logger.warn({ withdrawn, turnsCut: turns.count }, 'stopped before some commands finished: long ones\' progress cards say so, cut turns are retried by the channel');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        server.server.closeAllConnections();
      });
      // The last turns' conversation references, written in batches, are stored before the store closes.
      await directory.flush().catch((err: unknown) => logger.warn({ err }, 'could not store the last conversation references'));
      return handedOver;
    },
  };
}
