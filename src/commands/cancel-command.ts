import { normalizeRequestId } from '../approvals/request-id';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requestCardReply } from './request-card-reply';
import { requireActor, requireApprovals } from './require-approvals';
import { errorCard } from '../cards/error-card';

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
    const approvals = requireApprovals(ctx);
    const outcome = await approvals.decide(id, { type: 'cancel', by: requireActor(ctx.caller) });
    if (!('request' in outcome)) return errorCard({ title: 'No such request', message: outcome.refused.reason, color: 'warning' });
    const notice = outcome.ok ? { text: `You cancelled ${id}.`, tone: 'good' as const } : { text: `Not cancelled: ${outcome.refused.reason}`, tone: 'attention' as const };
    return requestCardReply(outcome.request, approvals.policy, ctx.now(), { kind: 'person', aadObjectId: ctx.caller?.aadObjectId }, { notice });
  },
});
