import type { ChangeAsk } from '../approvals/plan-from-gallery';
import { defineCommand } from './command-spec';
import { parsePromote, PROMOTE_USAGE } from './parse-promote';
import { requireActor } from './require-approvals';
import { requireImage } from './require-name';
import { requestChange, resolveVersionFor } from './request-change';

/** `promote <image> <version> to latest|<regions>|<stage> [because …]`: a change request, never a direct change. */
export const promoteCommand = defineCommand({
  name: 'promote',
  aliases: [],
  summary: 'Asks to make a version latest, replicate it to more regions, or copy it to the next stage; approvers decide.',
  usage: PROMOTE_USAGE,
  examples: ['promote gal_staging/dispatch 2026.6.0 to production', 'promote callcenter-desktop 2026.6.0 to latest because patch Tuesday', 'promote dispatch 2026.5.1 to westus2'],
  readOnly: false,
  // The event cards' "Promote to <next stage>" button runs it: it only asks, approvers decide (minApprovals >= 1).
  asksApproval: true,
  popular: true,
  paged: false,
  // Stages are checked against the configured path in the handler; parsing only needs their names.
  parse: (input) => input,
  handler: async (input, ctx) => {
    const args = parsePromote(input, ctx.stages);
    const requester = requireActor(ctx.caller);
    const target = await requireImage(ctx, args.image, (q) => `promote ${q} ${args.versionText} ${describeTarget(args.target)}`);
    const version = await resolveVersionFor(ctx, target, args.spec, args.versionText);
    const ask: ChangeAsk =
      args.target.kind === 'latest'
        ? { kind: 'promote-latest', image: target.image, version }
        : args.target.kind === 'regions'
          ? { kind: 'promote-regions', image: target.image, version, regions: args.target.regions }
          : { kind: 'promote-stage', image: target.image, version, toStage: args.target.stage };
    return requestChange(ctx, ask, requester, args.reason);
  },
});

function describeTarget(target: ReturnType<typeof parsePromote>['target']): string {
  return target.kind === 'latest' ? 'to latest' : target.kind === 'stage' ? `to ${target.stage}` : `to ${target.regions.join(',')}`;
}
