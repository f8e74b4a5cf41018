import type { ApprovalService, Decision, DecideOutcome } from '../approvals/approval-service';
import { errorCard } from '../cards/error-card';
import { DamagedRecordError } from '../errors';
import type { Caller } from './command-context';
import type { CardReply, Reply } from '../cards/reply';
import { requestCardReply } from '../cards/request-card-reply';

/** A request id as the bot writes it on buttons and normalises typed ones; anything else names no request. */
export const REQUEST_ID = /^CR-[0-9A-Z]{8}$/;

/** What was decided, as the buttons and the typed commands name it. */
export type DecisionVerb = 'approve' | 'reject' | 'cancel';

/** Where the decision came from: a button answers in the card itself; a typed command in a line before it. */
export type DecisionSource = 'button' | 'typed';

const DONE: Record<DecisionVerb, string> = { approve: 'You approved', reject: 'You rejected', cancel: 'You cancelled' };

/**
 * The one path from a decision in chat to its answer, for the card's buttons (and their Submit fallback) and for
 * typed `approve` / `reject` / `cancel`. Only the verb, the request id and a reject comment come from the input;
 * the identity is the activity's. Every outcome is said in the same words whichever way it came: accepted,
 * refused (and why), not recorded (storage could not take it; nothing changed), or a damaged record.
 */
export async function decideRequest(
  service: ApprovalService,
  input: { verb: DecisionVerb; requestId: unknown; comment?: unknown; caller: Caller; source: DecisionSource },
  now: () => Date,
): Promise<Reply> {
  const { verb, caller } = input;
  // A caller without an Entra id cannot match any approver; the state machine records that refusal like any other.
  const by = { aadObjectId: caller.aadObjectId ?? '', name: caller.name ?? 'someone without an Entra id', teamsUserId: caller.id };
  const comment = typeof input.comment === 'string' && input.comment.trim() ? input.comment : undefined;
  const decision: Decision = verb === 'reject' ? { type: 'reject', by, ...(comment ? { comment } : {}) } : { type: verb, by };
  if (typeof input.requestId !== 'string' || !REQUEST_ID.test(input.requestId)) {
    await service.refuseUnknown(shownId(input.requestId), decision);
    return noSuchRequest(input.source, typeof input.requestId === 'string' ? input.requestId : undefined);
  }
  const id = input.requestId;
  let outcome: DecideOutcome;
  try {
    outcome = await service.decide(id, decision);
  } catch (err) {
    if (err instanceof DamagedRecordError) return errorCard({ title: 'Damaged request record', message: err.userMessage, color: 'attention' });
    throw err;
  }
  const refusedCode = outcome.ok ? undefined : outcome.refused.code;
  const storage = refusedCode === 'not-recorded' || refusedCode === 'recording-unknown';
  if (!outcome.ok && storage && !('request' in outcome && outcome.request)) {
    return errorCard({ title: refusedCode === 'not-recorded' ? 'Not recorded' : 'Not sure it was recorded', message: outcome.refused.reason, color: 'attention' });
  }
  if (!('request' in outcome) || outcome.request === undefined) return noSuchRequest(input.source, id);
  const text = outcome.ok ? `${DONE[verb]} ${id}.` : storage ? outcome.refused.reason : `${verb === 'cancel' ? 'Not cancelled' : 'Not accepted'}: ${outcome.refused.reason}`;
  const tone = outcome.ok ? ('good' as const) : ('attention' as const);
  const viewer = { kind: 'person' as const, aadObjectId: caller.aadObjectId };
  if (input.source === 'button') return requestCardReply(outcome.request, service.policy, now(), viewer, { notice: { text, tone } });
  // Typed: the words go in their own message, because the card is tracked and later updates (for everyone)
  // would replace a notice inside it.
  const card: CardReply = requestCardReply(outcome.request, service.policy, now(), viewer, { track: { announce: false } });
  return { ...card, preface: text };
}

function noSuchRequest(source: DecisionSource, id: string | undefined): Reply {
  const named = id && id.length <= 64 ? ` ${id}` : '';
  const message = source === 'button' ? 'That button does not name a change request I know.' : `There is no change request${named}.`;
  return errorCard({ title: 'No such request', message: `${message} Type \`pending\` to see the open ones.`, color: 'warning' });
}

/** An untrusted id as the audit record names it: readable, and bounded so a payload cannot bloat the log. */
function shownId(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
