import type { ResourceChange } from './event-grid-publisher';
import type { FaultInjector } from './faults';
import type { OperationTracker } from './operations';
import type { FailedRegionRetry, ReplicationOrder } from './replication';
import type { ReplicationFault } from './replication-faults';
import type { ResourceStore } from './resource-store';

/** Everything a handler needs, passed in (no globals), so tests can build one around a fake clock. */
export interface EmulatorContext {
  store: ResourceStore;
  operations: OperationTracker;
  faults: FaultInjector;
  pageSize: number;
  /** Rows per Resource Graph page at most (ARG's own cap is 1000); tests lower it to exercise `$skipToken`. */
  graphPageSize: number;
  /** Wall clock for dates written into documents (publishedDate, operation times). */
  now(): Date;
  /** Monotonic ms for durations (operations, replication), immune to a fixed `now`. */
  monotonic(): number;
  /** How long a write's operation stays InProgress. */
  lroPollDelayMs: number;
  /** The Retry-After (seconds) sent with operation URLs. */
  lroRetryAfterSeconds: number;
  /** How long a region added at runtime (or retried) stays Replicating. */
  replicationMs: number;
  /** What a retried Failed region does once its replication time is up; changed at runtime by tests and the E2E. */
  failedRegionRetry: FailedRegionRetry;
  /** Whether the regions a write starts finish together or one after another. */
  replicationOrder: ReplicationOrder;
  /** Regions of versions whose replication started by a write fails or stalls on its own (replication-faults.ts). */
  replicationFaults: readonly ReplicationFault[];
  /** Told every write (PUT, PATCH, DELETE) as ARM received it, before it is carried out: tests check what a client sent. */
  onWrite?: (write: ReceivedWrite) => void;
  /** Told every write whose operation succeeded (what Event Grid publishes; see event-grid-publisher.ts). */
  onResourceChanged?: (change: ResourceChange) => void;
}

/** A write request's method, path and parsed body. */
export interface ReceivedWrite {
  method: string;
  path: string;
  body: unknown;
}

/** An ARM request after transport concerns (auth, faults, body parsing, api-version) were dealt with. */
export interface ArmRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** `https://host:port`, for absolute nextLink and operation URLs. */
  baseUrl: string;
  body: unknown;
  /** The date part of the request's api-version. */
  apiVersion: string;
  /** "METHOD /path?query", what fault rules match against. */
  requestLine: string;
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
