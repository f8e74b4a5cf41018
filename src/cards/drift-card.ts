import { basename } from 'node:path';
import type { CardReply } from './reply';
import { DRIFT_KINDS, type DriftKind, type DriftResult } from '../drift/drift-types';
import { wideScope } from './card-scope';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { withIcon } from './status-mark';
import { findingsPage, scopeWithSubscriptions, type FindingItem, type FindingsCardData } from './findings-page';

export const DRIFT_PAGE_SIZE = 12;

const SECTION: Record<DriftKind, string> = {
  'gallery-missing': 'Gallery missing',
  'definition-missing': 'Definition missing',
  'no-latest': 'No version eligible for latest',
  'region-missing': 'Region missing',
  'replica-count': 'Replica count differs',
  'storage-type': 'Storage type differs',
  'end-of-life-missing': 'End of life not set',
  'version-too-old': 'Older than the age limit',
  sharing: 'Sharing differs',
};

/** The `drift` card: a count per kind of difference, then every difference with its fix, paged. */
export function driftCard(result: DriftResult, input: { file: string; page: number; scopeLabel: string }): CardReply<FindingsCardData> {
  const counts = new Map(DRIFT_KINDS.map((k) => [k, result.differences.filter((d) => d.kind === k).length]));
  const items: FindingItem[] = result.differences.map((d) => ({
    section: `${SECTION[d.kind]} (${counts.get(d.kind)})`,
    text: d.text,
    color: d.kind === 'gallery-missing' || d.kind === 'definition-missing' || d.kind === 'region-missing' ? 'attention' : 'warning',
    detail: `Desired: ${d.expected} · Azure: ${d.actual}`,
    fixes: d.fixes,
  }));
  const page = findingsPage(items, input.page, DRIFT_PAGE_SIZE, (n) => `drift page ${n}`);
  const n = result.differences.length;
  const file = basename(input.file);
  const { galleries, definitions, versions } = result.checked;
  const data: FindingsCardData = {
    ...wideScope(scopeWithSubscriptions(input.scopeLabel, result.subscriptions), result.readAt),
    title: n ? `Drift: ${n} ${n === 1 ? 'difference' : 'differences'} from ${file}` : `No drift from ${file}`,
    subtitle: escapeMarkdown(`Compared ${galleries} ${galleries === 1 ? 'gallery' : 'galleries'}, ${definitions} ${definitions === 1 ? 'definition' : 'definitions'}, ${versions} ${versions === 1 ? 'version' : 'versions'}.`),
    facts: DRIFT_KINDS.filter((k) => (counts.get(k) ?? 0) > 0).map((k) => ({ title: SECTION[k], value: String(counts.get(k)) })),
    notes: result.problems.map((p) => ({ text: withIcon(escapeMarkdown(p), 'warning') })),
    paging: page.paging,
    empty: n ? '' : '✓ The live galleries match the desired state.',
    rows: page.rows,
    buttons: page.buttons,
  };
  return { kind: 'card', template: 'findings', data, summary: n ? `Drift: ${countOf(n, 'difference')} from ${file}` : `No drift from ${file}` };
}
