import { FINDING_KINDS, type Report } from './report-types';
import { coverageSentence, formatGB, sectionTitle } from './report-words';

/** The report as plain text for a terminal (`npm run report`): sections, findings, fixes, storage. */
export function reportText(report: Report, scopeLabel: string): string {
  const { subscriptions, galleries, definitions, versions } = report.scanned;
  const lines = [
    `GalleryOps compliance report, read ${report.readAt.slice(0, 16).replace('T', ' ')} UTC`,
    `Scope: ${scopeLabel}${subscriptions.length ? ` · ${plural(subscriptions.length, 'subscription')} ${subscriptions.join(', ')}` : ''}`,
    `Read: ${plural(galleries, 'gallery', 'galleries')}, ${plural(definitions, 'definition')}, ${plural(versions, 'version')}`,
    `Thresholds: end of life soon within ${report.settings.eolSoonDays} days; latest stale after ${report.settings.staleLatestDays} days${report.desiredState ? '; required regions include the desired-state file\'s' : ''}`,
    ...(report.replicationCoverage ? [coverageSentence(report)] : []),
    '',
  ];
  for (const problem of report.problems) lines.push(`! ${problem}`);
  if (report.problems.length) lines.push('');
  if (report.findings.length === 0) lines.push('Nothing to fix.', '');
  for (const kind of FINDING_KINDS) {
    const found = report.findings.filter((f) => f.kind === kind);
    if (found.length === 0) continue;
    lines.push(`${sectionTitle(kind, report)} (${found.length})`);
    for (const f of found) {
      lines.push(`  - [${f.severity}] ${f.text}`);
      for (const fix of f.fixes) lines.push(`      ${fix.runnable ? 'in chat' : 'fix'}: ${fix.command}  (${fix.purpose})`);
    }
    lines.push('');
  }
  lines.push('Replica storage, largest first');
  for (const s of report.storage) {
    const unsized = s.unsizedVersions ? `, ${plural(s.unsizedVersions, 'version')} without a reported size` : '';
    lines.push(`  ${`${s.gallery}/${s.image}`.padEnd(40)} ${formatGB(s.sizeGB).padStart(12)}  (${plural(s.versions, 'version')}, ${plural(s.replicas, 'replica')}, ${plural(s.regions, 'region')}${unsized})`);
  }
  return `${lines.join('\n')}\n`;
}

/** `1 version`, `3 versions`. */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
