import { compareDrift } from '../drift/compare-drift';
import { loadDesiredState } from '../drift/load-desired-state';
import { readDriftSnapshot } from '../drift/read-drift-snapshot';
import type { DriftResult } from '../drift/drift-types';
import type { GalleryPort } from '../gallery/gallery-port';
import type { UsageReader } from '../gallery/usage-port';
import { buildReport } from '../report/build-report';
import { readReportSnapshot } from '../report/read-report-snapshot';
import type { ReportReads } from '../report/replication-memory';
import type { Report, ReportSettings } from '../report/report-types';

/** What the digest reads `report` and `drift` through: the same ports, settings and read budget as the commands. */
export interface DigestSources {
  gallery: GalleryPort;
  usage?: UsageReader;
  report: ReportSettings;
  /** The report command's memory and ARM read pace: digests and users' reports share one budget. */
  reportReads: ReportReads;
  desiredStateFile?: string;
  now: () => Date;
}

/** `report` and `drift` over every gallery in scope, as the commands compute them (drift only with a valid desired-state file). */
export interface DigestReading {
  report: Report;
  drift?: DriftResult;
}

/**
 * One reading for every digest due in a cycle: the subscriptions' scopes are cut from it afterwards, so ten
 * digests at 09:00 cost ARM what one `report` and one `drift` cost.
 */
export async function readDigestSources(sources: DigestSources): Promise<DigestReading> {
  const desired = loadDesiredState(sources.desiredStateFile);
  const snapshot = await readReportSnapshot({
    gallery: sources.gallery,
    ...(sources.usage ? { usage: sources.usage } : {}),
    ...(desired.kind === 'loaded' ? { desired: desired.state } : {}),
    now: sources.now,
    ...(sources.report.replicationDays === undefined ? {} : { replicationDays: sources.report.replicationDays }),
    reads: sources.reportReads,
  });
  const report = buildReport(snapshot, sources.report, sources.now());
  if (desired.kind !== 'loaded') return { report };
  const drift = compareDrift(desired.state, await readDriftSnapshot(sources.gallery, desired.state, sources.now), sources.now());
  return { report, drift };
}
