import { normalizeRequestId } from '../approvals/request-id';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { decideRequest } from './request-decision';
import { requireActor, requireApprovals } from './require-approvals';

const USAGE = 'cancel <request id>';

/** `cancel CR-…`: the requester withdraws their own open request (anyone else is refused, and audited). */
export const cancelCommand = defineCommand({
  name: 'cancel',
  aliases: [],
  summary: 'Withdraws a change request you made that is still waiting for approval.',
  usage: USAGE,
  examples: ['cancel CR-7K3F9QXM'],
  readOnly: false,
  popular: false,
  paged: false,
  parse: (input) => ({ id: normalizeRequestId(expectArgs(input, 1, 1, USAGE)[0]!) }),
  handler: async ({ id }, ctx) => {
    requireActor(ctx.caller);
    return decideRequest(requireApprovals(ctx), { verb: 'cancel', requestId: id, caller: ctx.caller!, source: 'typed' }, () => ctx.now());
  },
});
