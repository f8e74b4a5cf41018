import { countedApprovals } from '../approvals/approval-count';
import type { ChangeRequest } from '../approvals/change-request';
import type { PolicyPerson } from '../approvals/policy';
import { sameId } from '../approvals/same-id';
import { formatTimestamp } from './format-date';

/** Names listed before "and N others": a rule with many approvers should not push the buttons off screen. */
const MAX_NAMES = 12;
const MAX_NAME_CHARS = 100;

/** What the card says about approvals; unescaped text, the card builder escapes. */
export interface ApprovalsView {
  /** `1 of 2`: approvals that count, of those needed. */
  count: string;
  /** `Adele Vance · 2026-11-20 09:05 UTC`, one per approval so far. */
  lines: string[];
  /** Everyone who may approve, from the policy rule (names are labels only). */
  approvers: string;
  /** Empty when nothing more is needed; otherwise `Waiting for 1 more approval from Adele Vance or Patti Fernandez`. */
  waiting: string;
}

/**
 * Approvals so far and who can still give one. Each accepted approval counts once per person (the state
 * machine refused the others); the requester is not named as a possible approver unless self-approval is allowed.
 */
export function approvalsView(request: ChangeRequest, approvers: readonly PolicyPerson[], allowSelfApproval: boolean): ApprovalsView {
  const counted = countedApprovals(request, true);
  const eligible = approvers.filter((p) => allowSelfApproval || !sameId(p.id, request.requester.aadObjectId));
  const remaining = eligible.filter((p) => !request.approvals.some((a) => sameId(a.by.aadObjectId, p.id)));
  const needed = Math.max(0, request.requiredApprovals - counted);
  const lines = request.approvals.slice(0, MAX_NAMES).map((a) => `${personName({ id: a.by.aadObjectId, name: a.by.name })} · ${formatTimestamp(new Date(a.at))}`);
  if (request.approvals.length > MAX_NAMES) lines.push(`and ${request.approvals.length - MAX_NAMES} more`);
  return {
    count: `${counted} of ${request.requiredApprovals}`,
    lines,
    approvers: eligible.length ? nameList(eligible, 'and') : 'nobody (the policy names no approver who may approve this request)',
    waiting: needed === 0 ? '' : `Waiting for ${needed} more ${needed === 1 ? 'approval' : 'approvals'}${remaining.length ? ` from ${nameList(remaining, 'or')}` : ''}`,
  };
}

/** A person's label, or their id when the policy gives no name; bounded, as a label only has to be recognised. */
export function personName(p: PolicyPerson): string {
  const name = p.name?.trim() || p.id;
  return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;
}

/** `A`, `A or B`, `A, B or C`, `A, B, … and 3 others`. */
function nameList(people: readonly PolicyPerson[], last: 'and' | 'or'): string {
  const names = people.slice(0, MAX_NAMES).map(personName);
  const others = people.length - names.length;
  if (others > 0) return `${names.join(', ')} and ${others} ${others === 1 ? 'other' : 'others'}`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]!}`;
}
