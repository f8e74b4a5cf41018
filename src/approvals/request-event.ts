import type { Actor, CardRef } from './change-request';

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
  | { type: 'startExecution' }
  | { type: 'armOperationStarted'; operation: string }
  | { type: 'executionSucceeded'; result: { summary: string } }
  | { type: 'executionFailed'; error: { code?: string; message: string } }
  | { type: 'reconcile'; actual: ReconcileOutcome }
  | { type: 'cardPosted'; card: CardRef }
  /** The executing instance is alive: other instances leave the request alone while this is recent. */
  | { type: 'heartbeat' };

/** The chat user behind an event, if any (system events have none). */
export function eventActor(event: RequestEvent): Actor | undefined {
  return 'by' in event ? event.by : undefined;
}
