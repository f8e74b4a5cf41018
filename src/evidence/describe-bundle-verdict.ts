import { escapeChatText } from '../cards/escape-text';
import { formatTimestamp } from '../cards/format-date';
import type { AnchorCheck, BundleVerdict } from './verify-bundle';

/**
 * The verdict in words for chat; everything read from the store is escaped. Placeholders use ‹…›: Teams reads
 * text messages as HTML and would drop `<image>`.
 */
export function describeBundleVerdict(verdict: BundleVerdict): string {
  const h = `\`${verdict.hash}\``;
  switch (verdict.kind) {
    case 'unknown':
      return `Unknown: no evidence bundle with hash ${h} is stored here. Bundles are kept by the deployment that made them; check the hash (64 hex characters), or make a new bundle with \`evidence ‹image› ‹version›\`.`;
    case 'altered':
      return [
        `Bundle ${h} ALTERED: the stored record no longer hashes to ${verdict.recomputed ? `its name (its content now hashes to \`${verdict.recomputed}\`)` : 'its name (it is not a bundle any more)'}.`,
        'Do not rely on it; compare with a copy downloaded earlier, and report it to whoever runs GalleryOps.',
      ].join('\n\n');
    case 'intact': {
      const made = Number.isNaN(Date.parse(verdict.generatedAt)) ? escapeChatText(verdict.generatedAt) : formatTimestamp(new Date(verdict.generatedAt));
      const lines = [
        `Bundle ${h} intact: ${escapeChatText(verdict.subject)}, made ${made}, ${verdict.recordCount} audit ${verdict.recordCount === 1 ? 'record' : 'records'}; its content hashes to its name.`,
        anchorText(verdict.anchor),
      ];
      if (verdict.changedRecords.length > 0) {
        const seqs = verdict.changedRecords.slice(0, 10).map((s) => `#${s}`).join(', ');
        lines.push(`Audit records in the bundle that today's log no longer holds unchanged: ${seqs}${verdict.changedRecords.length > 10 ? ` and ${verdict.changedRecords.length - 10} more` : ''}.`);
      } else if (verdict.recordCount > 0) {
        lines.push("Every audit record in the bundle is still in today's log, unchanged.");
      }
      lines.push(verdict.chainIntact ? "Today's audit chain is intact link by link (`audit verify`)." : "Today's audit chain is BROKEN: run `audit verify` for where.");
      return lines.join('\n\n');
    }
  }
}

/**
 * The verdict in one plain sentence (at most 160 characters, no markdown): Teams shows a button's text answer
 * under the card as plain text and cuts it short, so the full verdict's backticks and paragraphs did not survive.
 */
export function briefBundleVerdict(verdict: BundleVerdict): string {
  const h = `${verdict.hash.slice(0, 8)}…`;
  switch (verdict.kind) {
    case 'unknown':
      return `Unknown: no bundle ${h} is stored here. Type evidence verify with the full hash for details.`;
    case 'altered':
      return `Bundle ${h} ALTERED: its content no longer hashes to its name. Do not rely on it; type evidence verify for details.`;
    case 'intact': {
      const problems = [
        verdict.anchor.kind === 'missing' || verdict.anchor.kind === 'rewritten' ? `its audit anchor #${verdict.anchor.seq} was ${verdict.anchor.kind === 'missing' ? 'cut from' : 'rewritten in'} the log` : '',
        verdict.changedRecords.length ? `${verdict.changedRecords.length} of its audit records changed since` : '',
        verdict.chainIntact ? '' : "today's audit chain is broken",
      ].filter(Boolean);
      if (problems.length) return `Bundle ${h} intact, but ${problems.join('; ')}. Type evidence verify for details.`;
      const anchor = verdict.anchor.kind === 'present' ? `, audit anchor #${verdict.anchor.seq} still in the log` : '';
      return `Bundle ${h} intact: its content hashes to its name${anchor}, audit chain intact.`;
    }
  }
}

function anchorText(anchor: AnchorCheck): string {
  switch (anchor.kind) {
    case 'empty-log':
      return 'The audit log was empty when the bundle was made, so there is no anchor to check.';
    case 'present':
      return `Audit anchor: record #${anchor.seq} is still in today's log with the same hash, so the log up to it has not been rewritten since.`;
    case 'missing':
      return `Audit anchor MISSING: the bundle recorded head #${anchor.seq}, and today's log has no record #${anchor.seq}: the log was cut back since.`;
    case 'rewritten':
      return `Audit anchor REWRITTEN: record #${anchor.seq} in today's log has another hash than the bundle recorded: the log was rewritten at or before #${anchor.seq}.`;
    case 'unreadable':
      return 'The bundle records no readable audit anchor.';
  }
}
