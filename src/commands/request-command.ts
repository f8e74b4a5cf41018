import { normalizeRequestId } from '../approvals/request-id';
import { NotFoundError } from '../errors';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requestCardReply } from '../cards/request-card-reply';
import { requireApprovals } from './require-approvals';

const USAGE = 'request <request id>';

/** `request CR-…`: one change request's card (posted again, and kept up to date like the first one). */
export const requestCommand = defineCommand({
  name: 'request',
  aliases: [],
  summary: 'Shows one change request: what it changes, its gates, approvals and the Azure result.',
  usage: USAGE,
  examples: ['request CR-7K3F9QXM'],
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => ({ id: normalizeRequestId(expectArgs(input, 1, 1, USAGE)[0]!) }),
  handler: async ({ id }, ctx) => {
    const approvals = requireApprovals(ctx);
    const request = await approvals.get(id);
    if (!request) throw new NotFoundError(`There is no change request ${id}. \`pending\` lists the open ones you can act on.`);
    return requestCardReply(request, approvals.policy, ctx.now(), { kind: 'everyone' }, { track: { announce: false } });
  },
});
