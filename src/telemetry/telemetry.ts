import type { ArmCall } from '../gallery/arm/observer-policy';

/**
 * What the core tells telemetry, as a port: the composition root passes the OpenTelemetry implementation
 * (src/telemetry/otel-telemetry.ts) when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and {@link NO_TELEMETRY}
 * otherwise, so code that reports stays testable with a fake and costs nothing when telemetry is off.
 * Nothing here ever takes what people typed: command text can hold names and reasons.
 */
export interface Telemetry {
  /** One chat command: a span named after the command once it is parsed, and the command count by outcome. */
  command<T>(source: 'message' | 'card', run: (observer: CommandObserver) => Promise<T>): Promise<T>;
  /** An approve, reject or cancel decision on a request: its span, and the approval latency when it was accepted. */
  decision<T>(decision: DecisionType, requestId: string, run: () => Promise<T>, outcomeOf: (result: T) => DecisionResult): Promise<T>;
  /** The Azure change of an approved request (the ARM write and its long-running operation). */
  execution<T>(requestId: string, change: string, run: () => Promise<T>, outcomeOf: (result: T) => ExecutionOutcome): Promise<T>;
  /** One HTTP exchange with ARM (each retry and LRO poll): the ARM call and throttle counts. */
  armCall(call: ArmCall): void;
  /** Values read at each metrics export: queue depths and the watcher's lag. */
  observe(gauges: Gauges): void;
}

/** Told by the command runner what the text turned out to be. */
export interface CommandObserver {
  /** The registered command's name (`unknown` for a word that is none): the span's name, never the text. */
  named(command: string): void;
  /** The answer was an error card: the typed error's kind (usage, not-found, forbidden, throttled…). */
  refused(kind: string): void;
}

export type DecisionType = 'approve' | 'reject' | 'cancel';

/** How a decision ended: `accepted` (stored), or why not (a refusal's code, `not-recorded`…). */
export interface DecisionResult {
  outcome: string;
  /** From the request's creation to this accepted decision. */
  latencyMs?: number;
}

export type ExecutionOutcome = 'succeeded' | 'failed' | 'unknown';

/** Read when metrics are exported; `undefined` skips the value (e.g. the watcher runs on another instance). */
export interface Gauges {
  /** Activities waiting in the outbound pacing queues (all conversations). */
  sendQueue(): number;
  /** Approved changes this process is carrying out now. */
  executionsRunning(): number;
  /** Seconds since this instance's watcher last finished a cycle, while it leads the watcher. */
  watcherLagSeconds(): number | undefined;
}

const SILENT_OBSERVER: CommandObserver = { named: () => undefined, refused: () => undefined };

/** Telemetry off: every call just runs the work. */
export const NO_TELEMETRY: Telemetry = {
  command: (_source, run) => run(SILENT_OBSERVER),
  decision: (_decision, _requestId, run) => run(),
  execution: (_requestId, _change, run) => run(),
  armCall: () => undefined,
  observe: () => undefined,
};
