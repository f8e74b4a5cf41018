import { basename } from 'node:path';
import { driftCard } from '../cards/drift-card';
import { errorCard } from '../cards/error-card';
import { compareDrift } from '../drift/compare-drift';
import { loadDesiredState } from '../drift/load-desired-state';
import { readDriftSnapshot } from '../drift/read-drift-snapshot';
import { noArguments } from './argument-rules';
import { defineCommand } from './command-spec';

const USAGE = 'drift';

/**
 * `drift`: the configured desired-state file against the live galleries, read from the Resource Graph inventory
 * (pages of 1,000 rows) rather than a list per gallery and definition.
 */
export const driftCommand = defineCommand({
  name: 'drift',
  aliases: [],
  summary: 'Differences between the desired-state file and the live galleries, with the command that fixes each.',
  usage: USAGE,
  examples: ['drift'],
  readOnly: true,
  popular: false,
  paged: true,
  parse: (input) => ({ page: noArguments(input, USAGE).page }),
  handler: async ({ page }, ctx) => {
    const desired = loadDesiredState(ctx.desiredStateFile);
    if (desired.kind === 'none') {
      return errorCard({
        title: 'No desired state configured',
        message: 'Set DESIRED_STATE_FILE to a desired-state JSON file (config/desired-state.example.json shows the format) and restart the bot.',
        color: 'warning',
        helpCommand: 'help drift',
      });
    }
    if (desired.kind === 'invalid') {
      return errorCard({
        title: 'The desired-state file has problems',
        message: `${basename(desired.file)}:\n${desired.problems.map((p) => `• ${p}`).join('\n')}`,
        helpCommand: 'help drift',
      });
    }
    const snapshot = await readDriftSnapshot(ctx.gallery, desired.state, ctx.now);
    const result = compareDrift(desired.state, snapshot, ctx.now());
    return driftCard(result, { file: desired.file, page, scopeLabel: ctx.scopeLabel ?? 'All galleries in the configured scopes' });
  },
});
