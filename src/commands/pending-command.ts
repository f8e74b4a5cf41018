import type { ChangeRequest } from '../approvals/change-request';
import type { Policy } from '../approvals/policy';
import { sameId } from '../approvals/same-id';
import { mayDecide } from '../approvals/viewer-rights';
import { pendingCard, type PendingList } from '../cards/pending-card';
import { noArguments } from './argument-rules';
import type { Caller, CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireApprovals } from './require-approvals';

const USAGE = 'pending';

/**
 * `pending`. In a personal chat: the open requests the caller may approve or reject, and their own open
 * requests (which they may cancel). In a channel or group chat everyone reads the answer, so it lists the open
 * requests of the galleries whose approvals channel this is (all galleries elsewhere), worded for everyone.
 */
export const pendingCommand = defineCommand({
  name: 'pending',
  aliases: [],
  summary: 'Open change requests: those waiting for your approval, and your own.',
  usage: USAGE,
  examples: ['pending'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ page: noArguments(input, USAGE).page }),
  handler: async ({ page }, ctx) => {
    const { policy } = requireApprovals(ctx);
    const now = ctx.now();
    // A pending request past its deadline is over even before the sweep marks it expired: nobody can decide it.
    const open = (await openRequests(ctx)).filter((r) => r.state !== 'pending' || Date.parse(r.expiresAt) > now.getTime());
    return pendingCard(listFor(ctx.caller, open, policy), now, page);
  },
});

/** Which requests the caller's conversation sees, in which sections. */
export function listFor(caller: Caller | undefined, open: readonly ChangeRequest[], policy: Policy): PendingList {
  if (caller?.conversationType === 'channel' || caller?.conversationType === 'groupChat') {
    return { kind: 'shared', galleries: byGallery(open, galleriesOfChannel(policy, caller.channelId)) };
  }
  const me = caller?.aadObjectId;
  if (!me) return { kind: 'personal', toDecide: [], own: [] };
  return {
    kind: 'personal',
    toDecide: open.filter((r) => mayDecide(r, me, policy)),
    own: open.filter((r) => sameId(r.requester.aadObjectId, me)),
  };
}

/** The galleries whose rules name this channel as their approvals channel (none: the channel is about every gallery). */
function galleriesOfChannel(policy: Policy, channelId: string | undefined): string[] {
  if (!channelId) return [];
  return [...new Set(policy.rules.filter((r) => r.approvalsChannel === channelId).map((r) => r.gallery))];
}

function byGallery(open: readonly ChangeRequest[], only: readonly string[]): Array<{ gallery: string; requests: ChangeRequest[] }> {
  const key = (gallery: string): string => gallery.toLowerCase();
  const names = new Map<string, string>();
  for (const g of only) names.set(key(g), g);
  if (only.length === 0) for (const r of open) if (!names.has(key(r.scope.gallery))) names.set(key(r.scope.gallery), r.scope.gallery);
  return [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, gallery]) => ({ gallery, requests: open.filter((r) => key(r.scope.gallery) === k) }));
}

async function openRequests(ctx: CommandContext): Promise<ChangeRequest[]> {
  // The app always wires the store; its absence is a wiring bug, not user error.
  if (!ctx.store) throw new Error('the request store is not wired into the command context');
  return ctx.store.requests.listOpen();
}
