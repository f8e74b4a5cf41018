import { defineCommand } from './command-spec';
import { parseRetire, RETIRE_USAGE } from './parse-retire';
import { requireActor } from './require-approvals';
import { requireImage } from './require-name';
import { requestChange, resolveVersionFor } from './request-change';

/** `retire <image> <version> [on <date>] [because …]`: exclude from latest and set end of life, once approved. */
export const retireCommand = defineCommand({
  name: 'retire',
  aliases: [],
  summary: 'Asks to exclude a version from latest and set its end of life (today or a date); approvers decide.',
  usage: RETIRE_USAGE,
  examples: ['retire callcenter-desktop 2026.4.0 because superseded by 2026.5.0', 'retire dispatch 2026.4.0 on {in 30 days}'],
  readOnly: false,
  popular: true,
  paged: false,
  // The date is checked against the clock in the handler (the context's, so tests control "today").
  parse: (input) => input,
  handler: async (input, ctx) => {
    const args = parseRetire(input, ctx.now());
    const requester = requireActor(ctx.caller);
    const target = await requireImage(ctx, args.image, (q) => `retire ${q} ${args.versionText}`);
    const version = await resolveVersionFor(ctx, target, args.spec, args.versionText);
    return requestChange(ctx, { kind: 'retire', image: target.image, version, ...(args.on ? { on: args.on } : {}) }, requester, args.reason);
  },
});
