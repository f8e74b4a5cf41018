import type { AuditRecord } from '../audit/audit-record';
import type { CardReply } from './reply';
import type { ResolvedImage } from '../gallery/name-resolution';
import { describeAuditRecord } from '../history/describe-audit-record';
import { galleryScope, type CardScope } from './card-scope';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { withIcon } from './status-mark';
import { formatTimestamp } from './format-date';
import { paginate } from './paging';
import { runButton, type RunButton } from './run-button';
import { stageNote } from './stage-note';

export const HISTORY_PAGE_SIZE = 15;

/** One audit record on the `history` card. */
export interface HistoryRow {
  /** `2026-11-23 12:00 UTC · Adele Vance`. */
  when: string;
  what: string;
  color: 'default' | 'attention';
  /** `dispatch 2026.6.0 · CR-7K3F9QXM`. */
  about: string;
  note: string;
  /** The request's card, when the record belongs to one (0 or 1 button). */
  open: RunButton[];
}

export interface HistoryCardData extends CardScope {
  title: string;
  note: string;
  paging: string;
  empty: string;
  rows: HistoryRow[];
  buttons: RunButton[];
}

/** The `history` card: audit records newest first, paged; each opens its change request. */
export function historyCard(input: {
  resolved: ResolvedImage;
  qualified: string;
  version?: string;
  records: readonly AuditRecord[];
  page: number;
  readAt: Date;
}): CardReply<HistoryCardData> {
  const { resolved, qualified, version, records } = input;
  const subject = `${resolved.image.image}${version ? ` ${version}` : ''}`;
  const command = `history ${qualified}${version ? ` ${version}` : ''}`;
  const page = paginate(records, input.page, HISTORY_PAGE_SIZE, (n) => `${command} page ${n}`);
  const data: HistoryCardData = {
    ...galleryScope(resolved.gallery, input.readAt),
    title: escapeMarkdown(`History of ${subject}: ${records.length} ${records.length === 1 ? 'record' : 'records'}`),
    note: stageNote(resolved),
    paging: page.text,
    empty: records.length
      ? ''
      : escapeMarkdown(`No audit records for ${resolved.image.gallery}/${subject} yet. Requests, decisions, refusals and Azure changes made through GalleryOps appear here.`),
    rows: page.items.map((r) => historyRow(r, version === undefined)),
    buttons: page.buttons,
  };
  return { kind: 'card', template: 'history', data, summary: `History of ${subject}: ${countOf(records.length, 'record')}` };
}

function historyRow(r: AuditRecord, showVersion: boolean): HistoryRow {
  const words = describeAuditRecord(r);
  const requestId = r.requestId ?? (typeof r.details.requestId === 'string' ? r.details.requestId : undefined);
  const about = [showVersion && r.version ? `version ${r.version}` : '', requestId ? `request ${requestId}` : '', `record #${r.seq}`].filter(Boolean).join(' · ');
  return {
    when: escapeMarkdown(`${formatTimestamp(new Date(r.at))} · ${r.actor.name}`),
    // A refusal, rejection or failure is red, and marked so without the colour.
    ...(words.bad ? { what: withIcon(escapeMarkdown(words.what), 'attention'), color: 'attention' as const } : { what: escapeMarkdown(words.what), color: 'default' as const }),
    about: escapeMarkdown(about),
    note: words.note ? escapeMarkdown(words.note) : '',
    open: requestId ? [runButton(`Open ${requestId}`, `request ${requestId}`)] : [],
  };
}
