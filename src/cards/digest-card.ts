import type { DigestChanges } from '../subscriptions/digest-diff';
import type { DigestFindingRecord } from '../subscriptions/digest-store';
import type { Subscription } from '../subscriptions/subscription';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import type { CardReply } from './reply';
import { runButton, type RunButton } from './run-button';
import type { CardColor } from './status-mark';

/** Items shown per section; the rest are counted ("and 212 more"), so a large gallery's digest stays far under 80 KB. */
export const DIGEST_ITEMS = 8;

export interface DigestSection {
  heading: string;
  color: CardColor;
  items: { text: string }[];
  /** `and N more` ('' when every item is shown). */
  more: string;
}

export interface DigestCardData {
  title: string;
  summary: string;
  sections: DigestSection[];
  footer: string;
  buttons: RunButton[];
}

/** `2026-12-05` → `5 Dec`: the local day the digest is for, as people say it. */
export function digestDayLabel(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * The daily digest: what `report` and `drift` found new in the subscription's scope since the previous digest,
 * what was resolved, and what is still open (counts, and the first items of each, highest severity first),
 * with buttons for the full `report` and `drift`.
 */
export function digestCard(changes: DigestChanges, subscription: Subscription, day: string, readAt: Date): CardReply<DigestCardData> {
  const title = `Daily digest · ${escapeMarkdown(subscription.label)} · ${digestDayLabel(day)}`;
  const open = changes.added.length + changes.stillOpen.length;
  const sections: DigestSection[] = changes.first
    ? [section(`⚠ Open now (${open})`, 'warning', changes.stillOpen)]
    : [section(`✗ New (${changes.added.length})`, 'attention', changes.added), section(`✓ Resolved (${changes.resolved.length})`, 'good', changes.resolved), section(`Still open (${changes.stillOpen.length})`, 'default', changes.stillOpen)];
  return {
    kind: 'card',
    template: 'digest',
    data: {
      title,
      summary: summaryLine(changes, open),
      sections: sections.filter((s) => s.items.length > 0),
      footer: `Read ${formatTimestamp(readAt)}. Subscription ${subscription.id}: ${escapeMarkdown(subscription.label)}, digest daily at ${subscription.digest?.time ?? ''} ${subscription.digest?.timeZone ?? ''}. \`unsubscribe ${subscription.id}\` stops it.`,
      buttons: [runButton('Report', 'report'), runButton('Drift', 'drift'), runButton('Unsubscribe', `unsubscribe ${subscription.id}`)],
    },
    summary: `Daily digest for ${subscription.label}: ${changes.first ? `${open} open` : `${changes.added.length} new, ${changes.resolved.length} resolved`}`,
  };
}

function summaryLine(changes: DigestChanges, open: number): string {
  const findings = (n: number) => `${n} ${n === 1 ? 'finding' : 'findings'}`;
  if (changes.first) return `First digest: ${findings(open)} open in \`report\` and \`drift\`. From tomorrow on, this card says what changed.`;
  const since = digestDayLabel(changes.since!);
  if (changes.added.length === 0 && changes.resolved.length === 0) return `No change since ${since}: ${findings(open)} still open.`;
  return `Since ${since}: ${changes.added.length} new, ${changes.resolved.length} resolved, ${findings(open)} open.`;
}

function section(heading: string, color: CardColor, findings: readonly DigestFindingRecord[]): DigestSection {
  const shown = findings.slice(0, DIGEST_ITEMS).map((f) => ({ text: `• ${escapeMarkdown(f.label)}` }));
  const rest = findings.length - shown.length;
  return { heading, color, items: shown, more: rest > 0 ? `and ${rest} more` : '' };
}
