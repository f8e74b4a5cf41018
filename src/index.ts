/**
 * `npm start`. With GALLERY_SCOPES unset: the gallery emulator (a child program, seeded with the demo), the bot,
 * and the Agents Playground (unless GALLERYOPS_PLAYGROUND=off). With GALLERY_SCOPES set: the bot against Azure.
 * Ctrl-C stops everything it started.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type App } from './app';
import { resetDemoData } from './demo/reset-demo-data';
import { seedDemoRequest } from './demo/seed-demo-request';
import { demoEventGrid } from './demo/demo-event-grid';
import { seedDemoSubscription, type DemoSubscriptions } from './demo/seed-demo-subscription';
import { openStore } from './storage/open-store';
import type { LegacyImportReport } from './storage/sqlite/sqlite-legacy-import';
import type { Store } from './storage/store';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import { createGallery, type GalleryTarget } from './gallery/create-gallery';
import { startChild, type Child } from './launcher/child-process';
import { startBanner } from './launcher/start-banner';
import { startPlayground } from './launcher/playground';
import { withinDeadline } from './launcher/start-deadline';
import { createLogger, type Logger } from './logging/logger';
import { projectPath, projectRoot } from './project-root';
import { startTelemetry } from './telemetry/start-telemetry';

/**
 * How long a stopping instance lets the changes it is carrying out finish before handing them over. Container
 * Apps (and Kubernetes) send SIGKILL 30 s after SIGTERM; what is unfinished by then is reconciled by another
 * instance once this one's heartbeat stops.
 */
const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  // The demo's emulator posts Event Grid events to the bot with a secret made for this run.
  const { config, webhook } = demoEventGrid(loadConfigOrExit());
  // Telemetry first: the log lines then carry the trace they belong to.
  const monitoring = startTelemetry(config.telemetry);
  const logger = createLogger(config.logLevel, undefined, monitoring.logFields ? { mixin: monitoring.logFields } : {});
  if (monitoring.failed) logger.error({ err: monitoring.failed }, 'Application Insights telemetry could not start; the bot runs without it');
  const children: Child[] = [];
  const cleanups: Array<() => void> = [];
  let app: App | undefined;
  let stopping = false;
  const stop = async (code: number, graceMs = 0): Promise<never> => {
    if (!stopping) {
      stopping = true;
      // Turns are refused from here on; running executions finish or are handed over; then the store closes.
      const handedOver = await app?.close(graceMs).catch((err: unknown) => {
        logger.warn({ err }, 'stopping the bot failed');
        return [];
      });
      if (handedOver && handedOver.length > 0) logger.warn({ requestIds: handedOver }, 'stopped while changes were still running; another instance (or the next start) reconciles them from Azure');
      await Promise.allSettled(children.map((c) => c.stop()));
      cleanups.forEach((c) => c());
      // The last spans and metrics are sent before the process ends.
      await monitoring.shutdown().catch((err: unknown) => logger.warn({ err }, 'could not send the last telemetry'));
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0, SHUTDOWN_GRACE_MS));

  try {
    const target = config.gallery.mode === 'embedded' ? await startEmulator(children, cleanups, logger, webhook) : { mode: 'azure' as const, settings: config.gallery };
    if (config.store.kind === 'embedded' && config.store.demo) await resetDemoData(config.store.dir);
    const opening = openStore(config.store, {
      onTakeover: (previous, reason) => logger.warn({ previous, reason }, 'the embedded store\'s previous owner is gone; this process owns it now'),
      onLegacyImport: (report) => logLegacyImport(report, logger),
    });
    const store = await storeStep(config, opening);
    cleanups.push(() => void store.close());
    // The app listens for damaged records, so the check at start already logs each one it finds.
    app = createApp({ config, ...createGallery(target, { observer: (call) => monitoring.telemetry.armCall(call) }), store, logger, telemetry: monitoring.telemetry });
    await storeStep(config, checkStoreAtStart(store, logger));
    const port = await app.listen();
    const demoRequestId = config.demoRequest ? await seedDemo(app, logger) : undefined;
    const demoSubscription = config.demoRequest ? await seedSubscription(app, config, logger) : undefined;
    let chatUrl: string | undefined;
    if (config.gallery.mode === 'embedded' && config.playground.enabled) {
      children.push(
        await startPlayground({
          botPort: port,
          uiPort: config.playground.port,
          configFile: resolve(projectRoot(), config.playground.configFile),
          echo: (line) => logger.debug({ source: 'playground' }, line),
        }),
      );
      chatUrl = `http://localhost:${config.playground.port}`;
    }
    console.log(startBanner(config, store.location, port, chatUrl, demoRequestId, demoSubscription));
  } catch (err) {
    logger.fatal({ err }, 'GalleryOps failed to start');
    console.error(`\nGalleryOps failed to start: ${(err as Error).message}`);
    await stop(1);
  }
}

function loadConfigOrExit(): Readonly<Config> {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * The Table store is reached over the network (a managed identity token first), so each of its steps at start
 * (open, check) has a deadline; the embedded store is a local file, whose check may take as long as its audit log needs.
 */
function storeStep<T>(config: Readonly<Config>, step: Promise<T>): Promise<T> {
  if (config.store.kind !== 'table') return step;
  const ms = config.store.startTimeoutMs ?? 60_000;
  const which = 'url' in config.store ? `at ${config.store.url} (table ${config.store.tableName}; a managed identity token first)` : `(table ${config.store.tableName}, connection string)`;
  return withinDeadline(step, ms, `the Table store ${which} did not answer within ${ms / 1000} s; check the identity, the network path and the storage firewall (STORE_START_TIMEOUT_SECONDS sets the wait)`);
}

/**
 * The store is read once at start: a store that cannot be read or written stops the start with the reason
 * (thrown by openStore or here); damaged records and a broken audit chain are logged at error level and the
 * bot starts, since every other request still works and operators can act on what the log names.
 */
async function checkStoreAtStart(store: Store, logger: Logger): Promise<void> {
  const report = await store.check();
  if (!report.readable || report.writable === false) throw new Error(`the store at ${report.location} cannot be used: ${report.problems.join('; ') || 'not writable'}`);
  if (!report.audit.ok) logger.error({ audit: report.audit, location: report.location }, `the audit log is broken at record #${report.audit.seq} (${report.audit.problem}); npm run audit:verify and npm run store:check say more`);
  for (const problem of report.problems) logger.error({ location: report.location }, `store: ${problem}`);
}

/** The once-only move of an old JSON data folder into the database, in the log (and on the console when it happened). */
function logLegacyImport(report: LegacyImportReport, logger: Logger): void {
  const { outcome, counts, folder, skipped } = report;
  if (outcome === 'refused') {
    logger.warn({ problems: report.problems }, 'an old JSON data folder sits next to a database that already holds data; it was not imported (move it away, or import it into an empty data folder)');
    return;
  }
  logger.info({ outcome, counts, folder }, 'imported the old JSON data folder into the embedded database');
  if (outcome === 'imported') console.log(`Imported the old data folder: ${counts.requests} requests, ${counts.auditRecords} audit records, ${counts.conversations} conversation references, ${counts.evidenceBundles} evidence bundles (the old files are in ${folder}).`);
  for (const file of skipped) logger.warn({ file }, 'an old data file could not be imported; it stays in the moved folder');
  if (report.audit && !report.audit.ok) logger.error({ audit: report.audit }, 'the imported audit log was already broken; it was imported as it was');
}

/** The emulator is its own program: started as a child, trusted through the certificate it writes. */
async function startEmulator(children: Child[], cleanups: Array<() => void>, logger: Logger, webhook: string | undefined): Promise<GalleryTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'galleryops-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const caFile = join(dir, 'emulator-ca.pem');
  const lines: string[] = [];
  // Region by region, as Azure shows a new version replicating (`image status` shows one region done, then the next).
  const { child, readyLine } = await startChild('gallery emulator', process.execPath, [projectPath('dist', 'emulator', 'main.js'), '--ca-file', caFile, '--replication-order', 'region-by-region'], {
    // In the environment, not the arguments: the URL carries the run's secret, and any local user can list arguments.
    ...(webhook ? { env: { ...process.env, EMULATOR_EVENT_GRID_WEBHOOK: webhook } } : {}),
    isReady: (line) => /listening on https:\/\//i.test(line),
    echo: (line) => {
      lines.push(line);
      logger.debug({ source: 'emulator' }, line);
    },
  });
  children.push(child);
  const url = /(https:\/\/\S+)/.exec(readyLine)![1]!;
  const subscriptions = (lines.find((l) => l.startsWith('Subscriptions:')) ?? '').replace('Subscriptions:', '').split(',').map((s) => s.trim()).filter(Boolean);
  return { mode: 'emulator', endpoint: url, ca: readFileSync(caFile, 'utf8'), scopes: subscriptions.map((subscriptionId) => ({ subscriptionId })) };
}

/** The demo's pending request by another user; a failure only costs the demo that request, never the start. */
async function seedDemo(app: App, logger: Logger): Promise<string | undefined> {
  try {
    await app.names.refresh();
    return await seedDemoRequest(app.context, app.approvals, logger);
  } catch (err) {
    logger.warn({ err }, 'demo: could not create the pending request');
    return undefined;
  }
}

/**
 * The demo's approvals channel follows gal_golden; its baseline is taken now, so the demo's first promotion to
 * production is news rather than part of what was already there. A failure costs the demo that subscription only.
 */
async function seedSubscription(app: App, config: Readonly<Config>, logger: Logger): Promise<DemoSubscriptions | undefined> {
  try {
    const seeded = await seedDemoSubscription(app.context, config.policy, logger);
    if (seeded) await app.runWatcher();
    return seeded;
  } catch (err) {
    logger.warn({ err }, 'demo: could not subscribe the approvals channel');
    return undefined;
  }
}

void main();
