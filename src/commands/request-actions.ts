import type { ApprovalService } from '../approvals/approval-service';
import type { CardRef } from '../approvals/change-request';
import { errorCard } from '../cards/error-card';
import { DamagedRecordError } from '../errors';
import type { Caller } from './command-context';
import type { Reply } from '../cards/reply';
import { requestCardReply } from '../cards/request-card-reply';
import { decideRequest, REQUEST_ID } from './request-decision';

/** The card buttons of a change request, as the Teams layer calls them. Only the request id comes from the card. */
export interface RequestActions {
  decide(verb: 'approve' | 'reject', requestId: unknown, caller: Caller, comment?: unknown): Promise<Reply>;
  /** The card as this person should see it (Teams' per-user refresh). */
  view(requestId: unknown, caller: Caller): Promise<Reply>;
  cardPosted(requestId: string, card: CardRef, announce: boolean): Promise<void>;
}

export function createRequestActions(service: ApprovalService, now: () => Date): RequestActions {
  const noSuchRequest = (): Reply =>
    errorCard({ title: 'No such request', message: 'That button does not name a change request I know. Type `pending` to see the open ones.', color: 'warning' });

  return {
    decide: (verb, requestId, caller, comment) => decideRequest(service, { verb, requestId, comment, caller, source: 'button' }, now),

    async view(requestId, caller) {
      if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) return noSuchRequest();
      try {
        const request = await service.get(requestId);
        if (!request) return noSuchRequest();
        return requestCardReply(request, service.policy, now(), { kind: 'person', aadObjectId: caller.aadObjectId });
      } catch (err) {
        if (err instanceof DamagedRecordError) return errorCard({ title: 'Damaged request record', message: err.userMessage, color: 'attention' });
        throw err;
      }
    },

    cardPosted: (requestId, card, announce) => service.cardPosted(requestId, card, { announce, refresh: !announce }),
  };
}
