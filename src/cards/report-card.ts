import type { CardReply } from './reply';
import { runnableFix } from '../report/fix-command';
import { FINDING_KINDS, type Report, type ReportFinding, type StorageEntry } from '../report/report-types';
import { coverageSentence, formatGB, sectionTitle } from '../report/report-words';
import { wideScope } from './card-scope';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { withIcon } from './status-mark';
import { findingsPage, scopeWithSubscriptions, type FindingItem, type FindingsCardData } from './findings-page';

export const REPORT_PAGE_SIZE = 12;

/**
 * The `report` card: a count per kind of finding, then every finding (each with the command that fixes it)
 * and the replica storage of each definition, largest first, paged as one list.
 */
export function reportCard(report: Report, input: { page: number; scopeLabel: string }): CardReply<FindingsCardData> {
  const items = [...findingItems(report), ...storageItems(report.storage)];
  const page = findingsPage(items, input.page, REPORT_PAGE_SIZE, (n) => `report page ${n}`);
  const n = report.findings.length;
  const { subscriptions, galleries, definitions, versions } = report.scanned;
  const where = scopeWithSubscriptions(input.scopeLabel, subscriptions);
  const data: FindingsCardData = {
    ...wideScope(`${where} · ${galleries} ${plural(galleries, 'gallery', 'galleries')}, ${definitions} ${plural(definitions, 'definition')}, ${versions} ${plural(versions, 'version')}`, new Date(report.readAt)),
    title: n ? `Compliance report: ${n} ${plural(n, 'finding')}` : 'Compliance report: nothing to fix',
    subtitle: escapeMarkdown(
      `End of life "soon" is within ${report.settings.eolSoonDays} days; a latest version is stale after ${report.settings.staleLatestDays} days.${report.desiredState ? ' Required regions include the desired-state file\'s.' : ''}${report.replicationCoverage ? ` ${coverageSentence(report)}` : ''}`,
    ),
    facts: FINDING_KINDS.map((k) => ({ title: sectionTitle(k, report), value: String(report.findings.filter((f) => f.kind === k).length) })).concat(storageFact(report.storage)),
    notes: report.problems.map((p) => ({ text: withIcon(escapeMarkdown(p), 'warning') })),
    paging: page.paging && `${page.paging}: ${listContents(n, report.storage.length)}`,
    empty: n ? '' : '✓ Nothing past or near its end of life, every version replicated where it should be, nothing shared beyond Private, no stale latest.',
    rows: page.rows,
    buttons: page.buttons,
  };
  return { kind: 'card', template: 'findings', data, summary: n ? `Compliance report: ${countOf(n, 'finding')}` : 'Compliance report: nothing to fix' };
}

/**
 * What the paged list holds besides the findings the title counts (the storage of each definition), so the
 * title's "11 findings" and the paging's "of 17" do not read as a contradiction.
 */
function listContents(findings: number, definitions: number): string {
  const parts = [findings ? countOf(findings, 'finding') : '', definitions ? `the replica storage of ${countOf(definitions, 'definition')}` : ''];
  return parts.filter(Boolean).join(', then ');
}

function findingItems(report: Report): FindingItem[] {
  const counts = new Map<string, number>();
  for (const f of report.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return report.findings.map((f) => ({ section: `${sectionTitle(f.kind, report)} (${counts.get(f.kind)})`, text: f.text, color: colorOf(f), detail: detailOf(f), fixes: f.fixes }));
}

function storageItems(storage: readonly StorageEntry[]): FindingItem[] {
  return storage.map((s) => ({
    section: `Replica storage, largest first (${storage.length})`,
    text: `${s.gallery}/${s.image}: ${formatGB(s.sizeGB)}`,
    color: 'default' as const,
    detail: `${s.versions} ${plural(s.versions, 'version')} · ${s.replicas} ${plural(s.replicas, 'replica')} · ${s.regions} ${plural(s.regions, 'region')}${s.unsizedVersions ? ` · ${s.unsizedVersions} without a reported size` : ''}`,
    fixes: [runnableFix(`versions ${s.gallery}/${s.image}`, 'see its versions')],
  }));
}

function storageFact(storage: readonly StorageEntry[]): { title: string; value: string } {
  const total = storage.reduce((n, s) => n + s.sizeGB, 0);
  return { title: 'Replica storage', value: `${formatGB(total)} in ${storage.length} ${plural(storage.length, 'definition')}` };
}

function colorOf(f: ReportFinding): FindingItem['color'] {
  return f.severity === 'high' ? 'attention' : f.severity === 'medium' ? 'warning' : 'default';
}

/** Where the finding is, down to the subscription: gallery names repeat across subscriptions in one scope. */
function detailOf(f: ReportFinding): string {
  return `Gallery ${f.gallery} · subscription ${f.subscriptionId} · resource group ${f.resourceGroup}${f.isLatest ? ' · the latest version' : ''}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
