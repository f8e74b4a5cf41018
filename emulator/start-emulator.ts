/**
 * Library entry of the ARM-compatible gallery emulator: an HTTPS server with a self-signed certificate, seeded
 * from a folder of ARM documents, with fault injection. `main.ts` is the CLI around it.
 */
import { setFailedRegionRetry, setReplication, type ReplicationChange } from './replication-control';
import type { FailedRegionRetry, ReplicationOrder } from './replication';
import { parseReplicationFaults, type ReplicationFault } from './replication-faults';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createCertificate } from './certificate';
import type { EmulatorContext, ReceivedWrite } from './emulator-context';
import { eventGridPublisher } from './event-grid-publisher';
import { FaultInjector, type FaultConfig } from './faults';
import { createRequestListener } from './http-listener';
import { OperationTracker } from './operations';
import { ResourceStore } from './resource-store';
import { demoSeedDir } from './seed-location';
import { loadSeed, readSeedDir, type SeedEntry } from './seed-loader';

export type { FaultConfig } from './faults';
export type { SeedEntry } from './seed-loader';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the emulator accepts any bearer token, so it must not be reachable from elsewhere. */
  host?: string;
  /** Folder of seed JSON documents; default the demo seed. Ignored when `seed` is given. */
  seedDir?: string;
  /** Seed documents given directly (tests, contract examples). */
  seed?: SeedEntry[];
  /** Replacements applied to every seed string, e.g. `{ '{subscription-id}': '…' }`. */
  placeholders?: Record<string, string>;
  /** Clock for dates (seed tokens resolve against its value at start). Default: the real clock. */
  now?: () => Date;
  faults?: FaultConfig;
  /** How long a write's long-running operation stays InProgress (ms). Default 1000. */
  lroPollDelayMs?: number;
  /** Retry-After seconds on operation URLs. Default 1; 0 lets clients poll at their own interval. */
  lroRetryAfterSeconds?: number;
  /** How long regions added at runtime (or retried) stay Replicating (ms). Default 5000. */
  replicationMs?: number;
  /** How a Failed region re-driven by a write ends (see `FailedRegionRetry`). Default `succeed`. */
  failedRegionRetry?: FailedRegionRetry;
  /** `region-by-region`: the regions a write adds complete one after another, `replicationMs` each. Default `together`. */
  replicationOrder?: ReplicationOrder;
  /** Regions of versions whose replication, once a write starts it, fails or stalls on its own (replication-faults.ts). */
  replicationFaults?: ReplicationFault[];
  /** Items per list page. Default 50. */
  pageSize?: number;
  /** Rows per Resource Graph page at most. Default 1000 (Azure's maximum `$top`). */
  graphPageSize?: number;
  /** POST Event Grid events (ResourceWriteSuccess / ResourceDeleteSuccess) here after each successful write, secret in the query as with Event Grid. */
  eventGridWebhook?: string;
  /** Where a failed webhook delivery is told. Default: console.log. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** `https://127.0.0.1:PORT` (no trailing slash): the ARM endpoint to give the SDK. */
  url: string;
  /** PEM of the self-signed certificate to trust. */
  ca: string;
  /** Subscriptions present in the seed. */
  subscriptionIds: string[];
  setFaults(faults: FaultConfig): void;
  /** Moves one region's replication on (see replication-control.ts). */
  setReplication(change: ReplicationChange): void;
  /** How Failed regions re-driven from now on end (see replication.ts). */
  setFailedRegionRetry(mode: FailedRegionRetry): void;
  /** Where Event Grid events go from now on (tests learn the bot's port after the emulator started); undefined stops them. */
  setEventGridWebhook(url: string | undefined): void;
  /** ARM requests received so far (admin calls excluded). */
  callCount(): number;
  /** The last writes received (up to 200), oldest first, with their bodies as sent. */
  writesReceived(): ReceivedWrite[];
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const store = new ResourceStore();
  loadSeed(store, options.seed ?? readSeedDir(options.seedDir ?? demoSeedDir()), { now: now(), placeholders: options.placeholders ?? {} });

  const faults = new FaultInjector(options.faults ?? {});
  const writes: ReceivedWrite[] = [];
  const ctx: EmulatorContext = {
    store,
    operations: new OperationTracker(),
    faults,
    pageSize: options.pageSize ?? 50,
    graphPageSize: options.graphPageSize ?? 1000,
    now,
    monotonic: () => performance.now(),
    lroPollDelayMs: options.lroPollDelayMs ?? 1000,
    lroRetryAfterSeconds: options.lroRetryAfterSeconds ?? 1,
    replicationMs: options.replicationMs ?? 5000,
    failedRegionRetry: options.failedRegionRetry ?? 'succeed',
    replicationOrder: options.replicationOrder ?? 'together',
    replicationFaults: parseReplicationFaults(options.replicationFaults ?? []),
    onWrite: (write) => void (writes.push(write) > 200 && writes.shift()),
    ...(options.eventGridWebhook ? { onResourceChanged: eventGridPublisher(options.eventGridWebhook, now, options.log ?? console.log) } : {}),
  };
  let calls = 0;
  const { cert, key } = await createCertificate(now());
  const server = createServer({ cert, key }, createRequestListener(ctx, () => void (calls += 1)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    url: `https://${urlHost}:${port}`,
    ca: cert,
    subscriptionIds: store.subscriptionIds(),
    setFaults: (config) => faults.set(config),
    setReplication: (change) => setReplication(ctx, change),
    setFailedRegionRetry: (mode) => setFailedRegionRetry(ctx, mode),
    setEventGridWebhook: (url) => {
      if (url === undefined) delete ctx.onResourceChanged;
      else ctx.onResourceChanged = eventGridPublisher(url, now, options.log ?? console.log);
    },
    callCount: () => calls,
    writesReceived: () => [...writes],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets from SDK clients would otherwise hold close() open
      }),
  };
}
