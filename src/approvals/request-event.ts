import type { JsonValue } from '../json-value';
import type { Actor, CardRef, Gate } from './change-request';

/** What ARM's actual state says about a request found `executing` after a restart. */
export type ReconcileOutcome =
  | { outcome: 'applied'; summary?: string }
  | { outcome: 'not-applied' }
  | { outcome: 'failed'; error: { code?: string; message: string } };

/** Everything that can happen to a change request after it was created. */
export type RequestEvent =
  | { type: 'approve'; by: Actor }
  | { type: 'reject'; by: Actor; comment?: string }
  | { type: 'cancel'; by: Actor }
  | { type: 'expire' }
  /** `owner`: the process that will carry it out (`host/pid/nonce`). */
  | { type: 'startExecution'; owner?: string }
  | { type: 'armOperationStarted'; operation: string }
  | { type: 'executionSucceeded'; result: { summary: string } }
  | { type: 'executionFailed'; error: { code?: string; message: string } }
  /** ARM's actual state, read back after a crash or an unknown outcome; `owner` re-sends when not applied. */
  | { type: 'reconcile'; actual: ReconcileOutcome; owner?: string }
  /** ARM may have made the change but its outcome could not be learnt: checking Azure. */
  | { type: 'outcomeUnknown'; reason: string; armFailure?: string }
  /** An approved request's gates, re-checked on live data just before executing, do not hold: Azure is not called. */
  | { type: 'gateFailed'; error: { code: string; message: string }; gates?: Gate[] }
  /** A re-check found the gates still waiting (replication in progress): what for, now. Bookkeeping, not audited. */
  | { type: 'gatesWaiting'; for: string }
  /** An approved request whose target state Azure already shows (someone made the change meanwhile): nothing to send. */
  | { type: 'alreadyApplied'; summary: string }
  /** Azure could not be read back for the configured time: operators must check by hand. */
  | { type: 'outcomeOverdue'; checkCommand: string }
  | { type: 'cardPosted'; card: CardRef }
  /** The executing instance is alive: other instances leave the request alone while this is recent. */
  | { type: 'heartbeat' }
  /**
   * A step of a change that takes several writes (a repair), for the card. With `write`: the ARM write about to
   * be sent, which the request's planned change does not spell out (a region removed, then added back): audited
   * as `arm.write` before it is sent. Without: bookkeeping, not audited.
   */
  | { type: 'executionProgress'; text: string; write?: ProgressWrite };

/** An ARM write a step is about to send, as `arm.write` records name one. */
export interface ProgressWrite {
  method: 'PATCH';
  resourceId: string;
  fields: { [field: string]: JsonValue };
}

/** The chat user behind an event, if any (system events have none). */
export function eventActor(event: RequestEvent): Actor | undefined {
  return 'by' in event ? event.by : undefined;
}
