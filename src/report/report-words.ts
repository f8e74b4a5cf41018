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
