import { reportCard } from '../cards/report-card';
import { loadDesiredState } from '../drift/load-desired-state';
import { buildReport } from '../report/build-report';
import { readReportSnapshot } from '../report/read-report-snapshot';
import type { ReportSettings } from '../report/report-types';
import { noArguments } from './argument-rules';
import { defineCommand } from './command-spec';

const USAGE = 'report';

/** The product defaults (config.ts applies the same when REPORT_* settings are absent). */
const DEFAULT_SETTINGS: ReportSettings = { eolSoonDays: 30, staleLatestDays: 90 };

/**
 * `report`: compliance over every gallery in scope. The inventory comes from Resource Graph in pages, the
 * fleet's image references from one more query, and replication GETs only for the versions that matter
 * (latest, in use, recent, unfinished last time), paced by ARM_READS_PER_SECOND.
 * `npm run report` prints the same report from the command line.
 */
export const reportCommand = defineCommand({
  name: 'report',
  aliases: [],
  summary: 'Compliance across all galleries: end of life, replication gaps, broad sharing, stale latest, replica storage.',
  usage: USAGE,
  examples: ['report'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ page: noArguments(input, USAGE).page }),
  handler: async ({ page }, ctx) => {
    const desired = loadDesiredState(ctx.desiredStateFile);
    const settings: ReportSettings = ctx.report ?? DEFAULT_SETTINGS;
    const snapshot = await readReportSnapshot({
      gallery: ctx.gallery,
      ...(ctx.usage ? { usage: ctx.usage } : {}),
      ...(desired.kind === 'loaded' ? { desired: desired.state } : {}),
      now: ctx.now,
      ...(settings.replicationDays === undefined ? {} : { replicationDays: settings.replicationDays }),
      ...(ctx.reportReads ? { reads: ctx.reportReads } : {}),
    });
    const problems = desired.kind === 'invalid' ? [`The desired-state file ${desired.file} is invalid (${desired.problems.join('; ')}); its required regions were not used.`] : [];
    const report = buildReport({ ...snapshot, problems: [...problems, ...snapshot.problems] }, settings, ctx.now());
    return reportCard(report, { page, scopeLabel: ctx.scopeLabel ?? 'All galleries in the configured scopes' });
  },
});
