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
 * `report`: compliance over every gallery in scope. Bounded ARM cost: one list per gallery and definition,
 * replication through the shared ReplicationReader (cached), usage only for versions past end of life.
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
    const snapshot = await readReportSnapshot({
      gallery: ctx.gallery,
      replication: ctx.replication,
      ...(ctx.usage ? { usage: ctx.usage } : {}),
      ...(desired.kind === 'loaded' ? { desired: desired.state } : {}),
      now: ctx.now,
    });
    const problems = desired.kind === 'invalid' ? [`The desired-state file ${desired.file} is invalid (${desired.problems.join('; ')}); its required regions were not used.`] : [];
    const report = buildReport({ ...snapshot, problems: [...problems, ...snapshot.problems] }, ctx.report ?? DEFAULT_SETTINGS, ctx.now());
    return reportCard(report, { page, scopeLabel: ctx.scopeLabel ?? 'All galleries in the configured scopes' });
  },
});
