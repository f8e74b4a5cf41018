import type { ChangeRequest, Gate } from './change-request';
import type { ProgressWrite, ReconcileOutcome } from './request-event';

/** ARM's view of a request's target right now, for reconciling after a crash. */
export type ObservedState = ReconcileOutcome | { outcome: 'in-progress'; detail: string };

/** What the policy, as it is now, accepts when gates are re-checked. */
export interface RecheckOptions {
  /** The rule allows leaving a definition with no version eligible for latest (the request card warned). */
  allowUnsafeRetirement?: boolean;
}

/** A step of a change that takes several writes (a repair), as it happens; see the `executionProgress` event. */
export interface ApplyProgress {
  /** For the card: `Central US: retrying (Replicating 35 %)`. */
  text: string;
  /** The write about to be sent when the planned change does not spell it out; it is sent only once this resolves. */
  write?: ProgressWrite;
}

/** What `apply` may be given besides the operation callback. */
export interface ApplyOptions {
  /** Told each step; a rejected promise for a step with a `write` stops the change before that write. */
  onProgress?: (progress: ApplyProgress) => Promise<void>;
  /** Aborted when the process shuts down: a long watch stops, and the request is reconciled after the restart. */
  signal?: AbortSignal;
}

/**
 * The Azure side of a request, kept behind a port so the executor is tested without ARM and the ARM
 * adapter stays the only code that knows the SDK. Implemented over the gallery adapter in `arm-change-applier`.
 */
export interface ChangeApplier {
  /**
   * Re-evaluates the request's gates on live data just before the write; returns the failing ones (empty = go).
   * A version may have started failing replication since the request was made, or finished replicating.
   */
  recheckGates(request: ChangeRequest, options?: RecheckOptions): Promise<Gate[]>;
  /**
   * Sends the planned write(s) and waits for the long-running operation (a repair: its writes and the replication
   * they start); throws a typed error on failure.
   */
  apply(request: ChangeRequest, onOperation?: (operation: string) => void, options?: ApplyOptions): Promise<{ summary: string }>;
  /** Reads the target and says whether the planned state is already there. */
  observe(request: ChangeRequest): Promise<ObservedState>;
}
