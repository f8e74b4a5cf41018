import type { ChangeRequest } from './change-request';
import { failureSource } from './failure-source';
import type { Refusal } from './refusal';

/** Why a request in its current state cannot take a decision (or start executing). */
export function stateRefusal(request: ChangeRequest): Refusal {
  const id = request.id;
  switch (request.state) {
    case 'pending':
      return {
        code: 'insufficient-approvals',
        reason: `Request ${id} has not been approved yet (${request.approvals.length} of ${request.requiredApprovals} approvals).`,
      };
    case 'approved':
    case 'executing':
      return { code: 'decided', reason: `Request ${id} is already approved and is being carried out.` };
    case 'succeeded':
      return { code: 'decided', reason: `Request ${id} was already approved and carried out.` };
    case 'failed': {
      // Azure's messages usually end their own sentence: one full stop, not two.
      const raw = (request.execution?.error?.message ?? 'unknown error').trimEnd();
      const message = /[.!?…]$/.test(raw) ? raw : `${raw}.`;
      // Name who stopped it, as the card does: GalleryOps' own gate never asked Azure.
      switch (failureSource(request.execution)) {
        case 'gate':
          return { code: 'decided', reason: `Request ${id} was approved, but GalleryOps stopped it before calling Azure: ${message}` };
        case 'read-back':
          return { code: 'decided', reason: `Request ${id} was approved, but reading the version back shows Azure did not make the change: ${message}` };
        case 'azure':
          return { code: 'decided', reason: `Request ${id} was approved, but Azure refused the change: ${message}` };
      }
    }
    case 'rejected':
      return { code: 'decided', reason: `Request ${id} was rejected by ${request.rejection?.by.name ?? 'an approver'}.` };
    case 'cancelled':
      return { code: 'cancelled', reason: `Request ${id} was cancelled by ${request.cancellation?.by.name ?? 'its requester'}.` };
    case 'expired':
      return { code: 'expired', reason: `Request ${id} expired at ${request.expiresAt}; ask for a new one.` };
  }
}
