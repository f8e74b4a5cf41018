import { isFinal, type ChangeRequest, type Gate, type RequestState } from '../approvals/change-request';
import type { PolicyPerson } from '../approvals/policy';
import type { CardReply } from './reply';
import { galleryScope, type CardScope } from './card-scope';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { approvalsView } from './request-approvals';
import { changeBlocks, type ChangeBlock } from './request-changes';
import { requestHeadline } from './request-headline';
import { changedGallery, requestTitle } from './request-title';
import { failureSource } from '../approvals/failure-source';
import { outcomeView, shownState, statusBadge } from './request-status';
import { REFRESH_VERB } from './request-verbs';
import { bodyLine, boldMark, withIcon } from './status-mark';
import { formatMoment, formatRelativeTime } from './relative-time';

/** Teams gives per-user views to at most this many users (`refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;
/** Bounds on lines that come from the planner, so one odd request cannot push the card past 80 KB. */
const MAX_GATES = 20;
const MAX_WARNINGS = 10;
const MAX_LINE_CHARS = 400;
const MAX_REASON_CHARS = 1000;
const MAX_NAME_CHARS = 200;

type Tone = 'good' | 'warning' | 'attention' | 'default';
/** A notice's tone, or `progress` for what the request waits on. */
type StatusTone = Tone | 'progress';

/** What the request card needs: the request, who may approve it, the moment it describes and whose view it is. */
export interface RequestCardInput {
  request: ChangeRequest;
  /** The rule's approvers (names are labels only; rights are checked on the server). */
  approvers: readonly PolicyPerson[];
  now: Date;
  /** `base`: the card everyone gets (buttons for all); `approver` / `read-only`: a per-user refresh view. */
  view: 'base' | 'approver' | 'read-only';
  /** Teams user ids that get their own view; capped at 60, ignored once the request is final. */
  refreshUserIds?: string[];
  /** A line above the title, e.g. the answer to the click that produced this card. */
  notice?: { text: string; tone: Tone };
  /** The rule's setting; when false (the product default) the requester is not named as a possible approver. */
  allowSelfApproval?: boolean;
}

type Fact = { title: string; value: string };

export interface ChangeRequestCardData extends CardScope {
  /** The id the buttons send back (data, never shown). */
  requestId: string;
  /** `Request CR-7K3F9QXM`, shown in the footer. */
  requestLabel: string;
  title: string;
  /** What the approver decides on, under the title: "Latest moves from 2026.5.0 to 2026.6.0". */
  headline: string;
  notice: string;
  noticeColor: string;
  noticeStyle: string;
  stateLabel: string;
  stateColor: string;
  stateStyle: string;
  stateDetail: string;
  facts: Fact[];
  approvals: { text: string }[];
  outcomeTitle: string;
  outcomeFacts: Fact[];
  /** `What will change`, `What changed`, or `What was asked (nothing changed)`. */
  changesTitle: string;
  changes: ChangeBlock[];
  changesMore: string;
  gates: { text: string; color: string }[];
  warnings: { text: string }[];
  hint: string;
  showActions: boolean;
  /** The card-level `refresh` object, or absent: the template drops the property then. */
  refresh?: { action: { type: 'Action.Execute'; verb: string; data: { requestId: string } }; userIds: string[] };
}

/**
 * The change-request card: what will change (every field, before → after), the gates, who asked and why,
 * the approvals and who may still give one, then the decision and the Azure operation's progress.
 * Approve / Reject appear only while the request is pending, and never on the read-only view.
 */
export function changeRequestCard(input: RequestCardInput): CardReply<ChangeRequestCardData> {
  const { request: r, now } = input;
  const state = shownState(r, now);
  const badge = statusBadge(state, r);
  const approvals = approvalsView(r, input.approvers, input.allowSelfApproval ?? false);
  const outcome = outcomeView(r, state, now, approvals.count);
  const { blocks, more } = changeBlocks(r.changes);
  const pending = state === 'pending';
  const title = requestTitle(r);
  // Approve-ahead: what the request waits for leads the card (unless this card answers a click, which leads).
  const waitsFor = r.waiting && (state === 'pending' || state === 'approved') ? `Runs when ${r.waiting.for}.` : undefined;
  const notice: { text: string; tone: StatusTone } | undefined = input.notice ?? (waitsFor ? { text: waitsFor, tone: 'progress' } : undefined);
  const tone = notice?.tone ?? 'default';
  const noticeMark = notice ? boldMark(escapeMarkdown(bounded(notice.text, MAX_LINE_CHARS)), notice.tone) : undefined;
  const refresh = refreshOf(r.id, isFinal(state) ? [] : (input.refreshUserIds ?? []));
  const data: ChangeRequestCardData = {
    ...galleryScope(changedGallery(r), now),
    readAt: `Updated ${formatTimestamp(now)}`,
    requestId: r.id,
    requestLabel: escapeMarkdown(`Request ${r.id}${r.auditAnchor ? ` · audit record ${anchorText(r.auditAnchor)}` : ''}`),
    title: escapeMarkdown(title),
    headline: escapeMarkdown(requestHeadline(r, state)),
    notice: noticeMark?.text ?? '',
    // The notice sits in a container of its tone's colour: yellow or green text on it would be unreadable (seen in
    // the chat client), so the container and the icon carry the tone and the text reads in the default colour.
    noticeColor: noticeMark?.color === 'attention' ? 'attention' : 'default',
    noticeStyle: tone === 'default' ? 'emphasis' : tone === 'progress' ? 'warning' : tone,
    stateLabel: badge.label,
    stateColor: badge.color,
    stateStyle: badge.style,
    stateDetail: pending
      ? escapeMarkdown(approvals.waiting || 'Enough approvals; starting shortly.')
      : state === 'approved' && waitsFor
        ? escapeMarkdown(`Approved ahead; ${waitsFor.charAt(0).toLowerCase()}${waitsFor.slice(1)} Nothing has been sent to Azure yet.`)
        : outcome.text,
    facts: [
      { title: 'Requested by', value: escapeMarkdown(bounded(r.requester.name, MAX_NAME_CHARS)) },
      { title: 'Reason', value: r.reason ? escapeMarkdown(bounded(r.reason, MAX_REASON_CHARS)) : 'no reason given' },
      { title: 'Asked', value: formatMoment(new Date(r.createdAt), now) },
      { title: 'Version', value: escapeMarkdown(`${r.target.gallery}/${r.target.image} ${r.target.version}`) },
      { title: 'Approvals', value: approvals.count },
      ...(pending
        ? [
            { title: 'May approve', value: escapeMarkdown(approvals.approvers) },
            { title: 'Expires', value: formatMoment(new Date(r.expiresAt), now) },
          ]
        : []),
    ],
    approvals: approvals.lines.map((line) => ({ text: escapeMarkdown(`✓ ${line}`) })),
    outcomeTitle: outcome.title,
    outcomeFacts: outcome.facts,
    changesTitle: changesTitle(r, state),
    changes: blocks,
    changesMore: withIcon(more, 'warning'),
    gates: gateLines(r.gates, r.waiting !== undefined && (state === 'pending' || state === 'approved')),
    warnings: [
      ...r.warnings.slice(0, MAX_WARNINGS).map((w) => ({ text: escapeMarkdown(bounded(`⚠ ${w}`, MAX_LINE_CHARS)) })),
      ...(r.warnings.length > MAX_WARNINGS ? [{ text: `⚠ and ${r.warnings.length - MAX_WARNINGS} more warnings (card size limit)` }] : []),
    ],
    hint: pending ? HINTS[input.view] : '',
    showActions: pending && input.view !== 'read-only',
    ...(refresh ? { refresh } : {}),
  };
  return { kind: 'card', template: 'change-request', data, summary: summaryOf(r, state, title, approvals.count, now) };
}

/** The same before → after reads differently once the request is decided or carried out. */
const CHANGES_TITLES: Record<RequestState, string> = {
  pending: 'What will change',
  approved: 'What will change',
  executing: 'What is changing',
  succeeded: 'What changed',
  failed: 'What was asked (Azure refused it)',
  rejected: 'What was asked (nothing changed)',
  cancelled: 'What was asked (nothing changed)',
  expired: 'What was asked (nothing changed)',
};

/** A failure GalleryOps' own gate stopped never reached Azure, so "Azure refused it" would be false. */
function changesTitle(r: ChangeRequest, state: RequestState): string {
  if (state === 'failed' && failureSource(r.execution) === 'gate') return 'What was asked (stopped by GalleryOps; Azure was not called)';
  if (state === 'failed' && failureSource(r.execution) === 'read-back') return 'What was asked (Azure does not show it)';
  if (state === 'executing' && r.execution?.unknown) return 'What was asked (outcome unknown, checking Azure)';
  return CHANGES_TITLES[state];
}

/** `#42:3f9a1c2b4d5e6f70`: enough of the hash for `audit verify --anchor` to prove the log still holds it. */
export function anchorText(anchor: { seq: number; hash: string }): string {
  return `#${anchor.seq}:${anchor.hash.slice(0, 16)}`;
}

const HINTS: Record<RequestCardInput['view'], string> = {
  base: 'Only the approvers named above can approve or reject; the bot checks every click.',
  approver: 'You may approve or reject this request.',
  'read-only': 'Only the approvers named above can decide; this card updates when they do.',
};

/**
 * Failed gates first (they are what an approver must weigh), then the rest; what does not fit is counted. A gate
 * that waits on replication in progress is shown as waiting (⏳) while the request still waits for it.
 */
function gateLines(gates: readonly Gate[], waiting: boolean): ChangeRequestCardData['gates'] {
  const ordered = [...gates.filter((g) => !g.passed), ...gates.filter((g) => g.passed)];
  const lines = ordered.slice(0, MAX_GATES).map((g) => {
    const waits = !g.passed && waiting && g.waitsFor !== undefined;
    const detail = waits ? `${g.detail ? `${g.detail} ` : ''}Runs when ${g.waitsFor}.` : g.detail;
    // Gates are body text: the icon carries passed / waiting; only a failed gate is red.
    return bodyLine(escapeMarkdown(bounded(`${g.name}${detail ? ` — ${detail}` : ''}`, MAX_LINE_CHARS)), g.passed ? 'good' : waits ? 'progress' : 'attention');
  });
  const hidden = ordered.slice(MAX_GATES);
  if (hidden.length) {
    const failed = hidden.filter((g) => !g.passed).length;
    lines.push(bodyLine(`and ${hidden.length} more gates${failed ? `, ${failed} of them failed` : ', all passed'} (card size limit)`, failed ? 'attention' : 'good'));
  }
  return lines;
}

function refreshOf(requestId: string, userIds: readonly string[]): ChangeRequestCardData['refresh'] {
  const ids = [...new Set(userIds.filter((id) => id.trim() !== ''))].slice(0, MAX_REFRESH_USERS);
  if (ids.length === 0) return undefined;
  return { action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { requestId } }, userIds: ids };
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One plain line for notifications: id, state, what, who, and what is left to happen. */
function summaryOf(r: ChangeRequest, state: string, title: string, count: string, now: Date): string {
  const tail =
    state === 'pending'
      ? ` · ${count} approvals, expires ${formatRelativeTime(new Date(r.expiresAt), now)}`
      : state === 'failed' && r.execution?.error
        ? ` · ${r.execution.error.message}`
        : '';
  return `${r.id} ${state}: ${title}, asked by ${r.requester.name}${tail}`.replace(/\s+/g, ' ').slice(0, 200);
}
