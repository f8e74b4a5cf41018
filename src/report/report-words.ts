import type { FindingKind, Report } from './report-types';

/** Section titles shared by the card and the command-line text; thresholds come from the report's settings. */
export function sectionTitle(kind: FindingKind, report: Pick<Report, 'settings'>): string {
  switch (kind) {
    case 'provisioning-failed':
      return 'Provisioning failed';
    case 'flagged-unsafe':
      return 'Flagged by Azure (policy violations)';
    case 'validation-failed':
      return 'Failed validation';
    case 'past-end-of-life':
      return 'Past end of life';
    case 'end-of-life-soon':
      return `End of life within ${report.settings.eolSoonDays} days`;
    case 'replication-failed':
      return 'Failed replication';
    case 'missing-region':
      return 'Missing from a required region';
    case 'shared-beyond-private':
      return 'Shared beyond Private';
    case 'stale-latest':
      return `Latest older than ${report.settings.staleLatestDays} days`;
  }
}

/** `3,048 GB`. */
export function formatGB(gb: number): string {
  return `${gb.toLocaleString('en-US')} GB`;
}

/**
 * What the replication findings cover, when the reader chose which versions to read: "Replication checked for 15
 * of 10,013 versions: latest, in use, published in the last 30 days, not provisioned, or not Completed when last
 * read." Without
 * it a clean report would read as "every version replicated", which was not checked.
 */
export function coverageSentence(report: Pick<Report, 'replicationCoverage'>): string {
  const c = report.replicationCoverage;
  if (c === undefined) return '';
  return `Replication checked for ${c.checked.toLocaleString('en-US')} of ${c.versions.toLocaleString('en-US')} ${c.versions === 1 ? 'version' : 'versions'}: latest, in use, published in the last ${c.replicationDays} days, not provisioned, or not Completed when last read.`;
}
