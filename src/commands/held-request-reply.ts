import type { ChangeRequest } from '../approvals/change-request';
import type { HeldField } from '../approvals/held-field';
import type { Policy } from '../approvals/policy';
import { fieldLabel, formatFieldValue } from '../cards/field-value';
import { formatTimestamp } from '../cards/format-date';
import { shortenResourceId } from '../cards/shorten-resource-id';
import type { CardReply } from '../cards/reply';
import { requestCardReply } from '../cards/request-card-reply';

/** Values longer than this are left out of the notice (a region list): the card below shows them in full. */
const MAX_NOTICE_VALUE = 60;

/**
 * The answer to an ask that an open request already covers: that request's card (tracked, so this copy follows
 * its decisions too, but not announced again). Same target: "already requested by … at …". Another value for a
 * field it sets: refused, naming it, with what the asker can do about it; the card carries its buttons.
 */
export function heldRequestReply(held: HeldField, policy: Policy, now: Date): CardReply {
  const { request } = held;
  const notice = held.sameTarget
    ? {
        text: `Already requested by ${request.requester.name} at ${formatTimestamp(new Date(request.createdAt))}: this is that request (${request.state}). Nothing new was created.`,
        tone: 'default' as const,
      }
    : { text: `Not requested: ${conflictWords(held)} ${whatToDo(request)}`, tone: 'attention' as const };
  // The words go in their own message: this copy of the card is tracked, and the update that follows (for
  // everyone) would replace a notice inside it within moments.
  return { ...requestCardReply(request, policy, now, { kind: 'everyone' }, { track: { announce: false } }), preface: notice.text };
}

function conflictWords({ request, field }: HeldField): string {
  const value = (v: HeldField['field']['asked']) => {
    const text = formatFieldValue(v, 'not set');
    return text.length <= MAX_NOTICE_VALUE ? text : undefined;
  };
  const [theirs, yours] = [value(field.holderSets), value(field.asked)];
  const values = !field.differs
    ? ' as you asked, but you asked for more than it changes'
    : theirs !== undefined && yours !== undefined
      ? ` to ${theirs}; you asked for ${yours}`
      : ' to another value than you asked';
  return `${request.id} by ${request.requester.name} (${request.state}) already sets ${fieldLabel(field.path)} of ${versionName(field.resourceId)}${values}. One open request per field.`;
}

/** `gal_golden/dispatch 2026.4.0` for a version's ARM id; anything else shortened as cards show ids. */
function versionName(resourceId: string): string {
  const m = /\/galleries\/([^/]+)\/images\/([^/]+)\/versions\/([^/]+)$/i.exec(resourceId);
  return m ? `${m[1]}/${m[2]} ${m[3]}` : shortenResourceId(resourceId);
}

function whatToDo(request: ChangeRequest): string {
  // Plain words, no backticks: the notice is shown as text, where markdown would show them literally.
  if (request.state === 'pending') return `Approve or reject ${request.id}, or its requester cancels it (type: cancel ${request.id}); then ask again.`;
  if (request.state === 'approved' && request.waiting) return `It is approved and waits (${request.waiting.for}); its requester may cancel it (type: cancel ${request.id}), or ask again once it has run.`;
  return `It is being carried out: ask again once it has finished.`;
}
