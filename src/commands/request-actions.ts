import type { ApprovalService } from '../approvals/approval-service';
import type { CardRef } from '../approvals/change-request';
import { errorCard } from '../cards/error-card';
import type { Caller } from './command-context';
import type { Reply } from './reply';
import { requestCardReply } from './request-card-reply';

/** A request id as the bot writes it on buttons; anything else in a payload names no request. */
const REQUEST_ID = /^CR-[0-9A-Z]{8}$/;

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
    async decide(verb, requestId, caller, comment) {
      // The identity is the activity's; a caller without an Entra id cannot match any approver, and the
      // state machine records that refusal like any other.
      const by = { aadObjectId: caller.aadObjectId ?? '', name: caller.name ?? 'someone without an Entra id', teamsUserId: caller.id };
      const decision = verb === 'approve' ? { type: 'approve' as const, by } : { type: 'reject' as const, by, ...(typeof comment === 'string' && comment.trim() ? { comment } : {}) };
      if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
        await service.refuseUnknown(shownId(requestId), decision);
        return noSuchRequest();
      }
      const outcome = await service.decide(requestId, decision);
      if (!('request' in outcome)) return noSuchRequest();
      const notice = outcome.ok
        ? { text: verb === 'approve' ? `You approved ${requestId}.` : `You rejected ${requestId}.`, tone: 'good' as const }
        : { text: `Not accepted: ${outcome.refused.reason}`, tone: 'attention' as const };
      return requestCardReply(outcome.request, service.policy, now(), { kind: 'person', aadObjectId: caller.aadObjectId }, { notice });
    },

    async view(requestId, caller) {
      if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) return noSuchRequest();
      const request = await service.get(requestId);
      if (!request) return noSuchRequest();
      return requestCardReply(request, service.policy, now(), { kind: 'person', aadObjectId: caller.aadObjectId });
    },

    cardPosted: (requestId, card, announce) => service.cardPosted(requestId, card, { announce, refresh: !announce }),
  };
}

/** An untrusted id as the audit record names it: readable, and bounded so a payload cannot bloat the log. */
function shownId(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
