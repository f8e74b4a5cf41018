/** Change requests in every state, made by the demo policy's transitions (shared by the request card tests). */
import type { ChangeRequest, RequestState } from '../../../src/approvals/change-request';
import { findRule } from '../../../src/approvals/find-rule';
import type { PolicyPerson } from '../../../src/approvals/policy';
import type { RequestEvent } from '../../../src/approvals/request-event';
import { transition } from '../../../src/approvals/transition';
import type { RequestCardInput } from '../../../src/cards/change-request-card';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest } from '../../approvals/fixtures';

/** The moment request cards describe: one minute after the request was made. */
export const NOW = minutes(1);
export const OPERATION = 'https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/5f0c2a1e-op?api-version=2025-03-03';

/** Applies events that must all be accepted, each one minute after the request was made. */
export function after(request: ChangeRequest, events: RequestEvent[]): ChangeRequest {
  return events.reduce((r, e) => {
    const result = transition(r, e, minutes(1), demoPolicy);
    if (!result.ok) throw new Error(`setup refused ${e.type}: ${result.refused.reason}`);
    return result.request;
  }, request);
}

export const pending = (): ChangeRequest => pendingRequest(latestPromotion(megan));
/** Approve-ahead: Southeast Asia is still replicating; the request may be approved now and runs once it is done. */
export const waitingAhead = (): ChangeRequest =>
  pendingRequest(
    latestPromotion(megan, {
      gates: [{ name: 'Replication Completed in all regions', passed: false, detail: 'southeastasia Replicating 40 %', waitsFor: 'Southeast Asia finishes replicating (40 % now)' }],
    }),
  );
export const approvedAhead = (): ChangeRequest => after(waitingAhead(), [{ type: 'approve', by: adele }]);
export const approved = (): ChangeRequest => after(pending(), [{ type: 'approve', by: adele }]);
export const executing = (): ChangeRequest => after(approved(), [{ type: 'startExecution' }, { type: 'armOperationStarted', operation: OPERATION }]);

/** One request per state, each reached the way the approvals code would reach it. */
export const byState: Record<RequestState, () => ChangeRequest> = {
  pending,
  approved,
  executing,
  succeeded: () => after(executing(), [{ type: 'executionSucceeded', result: { summary: 'callcenter-desktop 2026.6.0 is now eligible for latest' } }]),
  failed: () => after(executing(), [{ type: 'executionFailed', error: { code: 'Conflict', message: 'Another operation is in progress on the version.' } }]),
  rejected: () => after(pending(), [{ type: 'reject', by: adele, comment: 'not before the freeze ends' }]),
  cancelled: () => after(pending(), [{ type: 'cancel', by: megan }]),
  expired: () => transition(pending(), { type: 'expire' }, minutes(24 * 60), demoPolicy).request,
};
export const STATES = Object.keys(byState) as RequestState[];
export const VIEWS: RequestCardInput['view'][] = ['base', 'approver', 'read-only'];

export const approversOf = (r: ChangeRequest): readonly PolicyPerson[] => findRule(demoPolicy, r.scope)!.approvers;
