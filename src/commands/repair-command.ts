import { defineCommand } from './command-spec';
import { parseRepair, REPAIR_USAGE } from './parse-repair';
import { requireActor } from './require-approvals';
import { requireImage } from './require-name';
import { requestChange, resolveVersionFor } from './request-change';

/** `repair <image> <version> [in <regions>]`: a change request that re-drives the replication of Failed regions. */
export const repairCommand = defineCommand({
  name: 'repair',
  aliases: [],
  summary: "Asks to re-drive a version's Failed replication (Azure retries; if still Failed, the region is removed and added back); approvers decide.",
  usage: REPAIR_USAGE,
  examples: ['repair dispatch 2026.5.1', 'repair gal_golden/dispatch 2026.5.1 in centralus because replication timed out'],
  readOnly: false,
  popular: false,
  paged: false,
  parse: parseRepair,
  handler: async (args, ctx) => {
    const requester = requireActor(ctx.caller);
    const where = args.regions ? ` in ${args.regions.join(',')}` : '';
    const target = await requireImage(ctx, args.image, (q) => `repair ${q} ${args.versionText}${where}`);
    const version = await resolveVersionFor(ctx, target, args.spec, args.versionText);
    return requestChange(ctx, { kind: 'repair', image: target.image, version, ...(args.regions ? { regions: args.regions } : {}) }, requester, args.reason);
  },
});
