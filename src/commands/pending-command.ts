import { pendingCard } from '../cards/pending-card';
import { noArguments } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireApprovals } from './require-approvals';

const USAGE = 'pending';

/** `pending`: open change requests the caller may approve, or may cancel because they asked. */
export const pendingCommand = defineCommand({
  name: 'pending',
  aliases: [],
  summary: 'Open change requests you can approve, reject or cancel.',
  usage: USAGE,
  examples: ['pending'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ page: noArguments(input, USAGE).page }),
  handler: async ({ page }, ctx) => {
    const requests = await requireApprovals(ctx).actionableBy(ctx.caller?.aadObjectId);
    return pendingCard(requests, ctx.now(), page);
  },
});
