import { normalizeRequestId } from '../approvals/request-id';
import { UsageError } from '../errors';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { splitReason } from './reason-clause';
import { decideRequest } from './request-decision';
import { requireActor, requireApprovals } from './require-approvals';

const APPROVE_USAGE = 'approve <request id>';
const REJECT_USAGE = 'reject <request id> [because <comment>]';

/**
 * Typed decisions, the same as the card's buttons and through the same path (`decideRequest`): for clients
 * without buttons, for scripts, and for approvers who prefer typing. The caller is the message's sender.
 */
async function decide(ctx: CommandContext, verb: 'approve' | 'reject', id: string, comment?: string) {
  requireActor(ctx.caller);
  return decideRequest(requireApprovals(ctx), { verb, requestId: id, comment, caller: ctx.caller!, source: 'typed' }, () => ctx.now());
}

export const approveCommand = defineCommand({
  name: 'approve',
  aliases: [],
  summary: 'Approves a change request (the same as its card\'s Approve button).',
  usage: APPROVE_USAGE,
  examples: ['approve CR-7K3F9QXM'],
  readOnly: false,
  popular: false,
  paged: false,
  parse: (input) => {
    if (input.args.length !== 1) throw new UsageError(input.args.length ? 'Approve one request at a time.' : 'Which request? Add its id.', APPROVE_USAGE);
    return { id: normalizeRequestId(input.args[0]!) };
  },
  handler: ({ id }, ctx) => decide(ctx, 'approve', id),
});

export const rejectCommand = defineCommand({
  name: 'reject',
  aliases: [],
  summary: 'Rejects a change request, optionally saying why (the same as its card\'s Reject button).',
  usage: REJECT_USAGE,
  examples: ['reject CR-7K3F9QXM because replication to centralus failed'],
  readOnly: false,
  popular: false,
  paged: false,
  parse: (input) => {
    const { words, reason } = splitReason(input.args, REJECT_USAGE, 1);
    if (words.length !== 1) throw new UsageError(words.length ? `Put the comment after \`because\`.` : 'Which request? Add its id.', REJECT_USAGE);
    return { id: normalizeRequestId(words[0]!), ...(reason ? { comment: reason } : {}) };
  },
  handler: ({ id, comment }, ctx) => decide(ctx, 'reject', id, comment),
});
