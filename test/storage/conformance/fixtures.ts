import type { ChangeRequest, Execution, OutcomeUnknown } from '../../../src/approvals/change-request';
import type { AuditEntry } from '../../../src/audit/audit-record';
import type { CommitResult } from '../../../src/approvals/request-store';
import type { Store } from '../../../src/storage/store';
import { adele, demoPolicy, megan, minutes, patti, pendingRequest, stagePromotion } from '../../approvals/fixtures';

/** An audit entry with non-ASCII text and nesting, so a store that re-encodes anything breaks the hash. */
export const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: minutes(n).toISOString(),
  actor: { id: 'system', name: 'GalleryOps' },
  action: 'test.entry',
  details: { n, text: 'zürich ✓', nested: { b: [1, 2.5, null], a: true } },
  ...extra,
});

/** Stores a new request in one unit with `audit`. */
export const create = (store: Store, request: ChangeRequest, audit: AuditEntry[] = []): Promise<CommitResult> =>
  store.requests.commit({ request: { create: request }, audit });

/** Replaces a request at `expectedRevision` in one unit with `audit`. */
export const replace = (store: Store, request: ChangeRequest, expectedRevision: number, audit: AuditEntry[] = []): Promise<CommitResult> =>
  store.requests.commit({ request: { replace: request, expectedRevision }, audit });

/**
 * A request with every optional field set, the execution's included. Typed `Required<…>` so that a field added
 * to the model later fails to compile here until this test covers it: a store (or a zod schema) that drops a
 * field it does not know is exactly how `heartbeatAt` once got lost.
 */
export function requestWithEveryField(): Required<ChangeRequest> {
  const base = pendingRequest(stagePromotion(megan), demoPolicy, 'CR-FULL0001');
  const unknown: Required<OutcomeUnknown> = {
    since: minutes(3).toISOString(),
    reason: 'polling failed: HTTP 500',
    overdueAt: minutes(40).toISOString(),
    armFailure: 'Replication failed in southeastasia',
  };
  const execution: Required<Execution> = {
    startedAt: minutes(2).toISOString(),
    intentRecordedAt: minutes(2).toISOString(),
    armOperation: 'https://management.azure.com/subscriptions/x/providers/Microsoft.Compute/locations/westeurope/operations/op-1?api-version=2025-03-03',
    heartbeatAt: minutes(4).toISOString(),
    attempts: 2,
    owner: 'host-a/4242/0a1b2c3d',
    unknown,
    finishedAt: minutes(41).toISOString(),
    error: { code: 'OperationNotAllowed', message: 'Replication is still running ✗' },
    result: { summary: 'Copied to gal_golden 2026.6.0' },
    basis: 'read-back',
    progress: { text: 'Central US: removed; adding it back ✓', at: minutes(5).toISOString() },
  };
  return {
    ...base,
    toStage: 'production',
    reason: 'Quarterly roll-out — zürich ✓',
    approvals: [{ by: adele, at: minutes(1).toISOString() }],
    approvedAt: minutes(1).toISOString(),
    rejection: { by: patti, at: minutes(1).toISOString(), comment: 'not this one' },
    cancellation: { by: megan, at: minutes(1).toISOString() },
    expiredAt: minutes(60).toISOString(),
    state: 'failed',
    execution,
    cards: [{ conversationId: '19:abc@thread.tacv2', activityId: '1712345678901', serviceUrl: 'https://smba.trafficmanager.net/emea/' }],
    auditAnchor: { seq: 7, hash: 'a1'.repeat(32) },
    waiting: { for: 'Southeast Asia finishes replicating (40 % now)', checkedAt: minutes(3).toISOString() },
    latest: { before: '2026.5.0', after: '2026.6.0' },
    revision: 5,
  };
}
