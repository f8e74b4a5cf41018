import type { ChangeRequest, Gate } from './change-request';
import type { ReconcileOutcome } from './request-event';

/** ARM's view of a request's target right now, for reconciling after a crash. */
export type ObservedState = ReconcileOutcome | { outcome: 'in-progress'; detail: string };

/** What the policy, as it is now, accepts when gates are re-checked. */
export interface RecheckOptions {
  /** The rule allows leaving a definition with no version eligible for latest (the request card warned). */
  allowUnsafeRetirement?: boolean;
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
  /** Sends the planned write(s) and waits for the long-running operation; throws a typed error on failure. */
  apply(request: ChangeRequest, onOperation?: (operation: string) => void): Promise<{ summary: string }>;
  /** Reads the target and says whether the planned state is already there. */
  observe(request: ChangeRequest): Promise<ObservedState>;
}
