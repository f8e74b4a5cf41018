import type { ApprovalService } from '../approvals/approval-service';
import type { CommandContext } from '../commands/command-context';
import { requestChange } from '../commands/request-change';
import type { Logger } from '../logging/logger';

/** The demo's other requester (config/playground.yml, config/policy.demo.json): Megan asks, Alex may approve. */
export const DEMO_REQUESTER = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', teamsUserId: 'user-id-1' };

/**
 * The chat client has one current user (Alex), who cannot approve their own requests; so the demo starts
 * with one pending request by Megan that Alex may approve: retiring callcenter-desktop 2026.4.0, which
 * reaches end of life in 20 days and is superseded by 2026.5.0. Made through the same planner and policy
 * as a typed `retire`, and only when nothing is open yet, so restarts do not pile up copies (a restart
 * returns the one still waiting).
 */
export async function seedDemoRequest(ctx: CommandContext, approvals: ApprovalService, logger: Logger): Promise<string | undefined> {
  const open = await approvals.actionableBy(DEMO_REQUESTER.aadObjectId);
  const waiting = open.find((r) => r.requester.aadObjectId === DEMO_REQUESTER.aadObjectId);
  if (waiting) return waiting.id;
  if (open.length > 0) return undefined;
  const target = await ctx.names.resolveImage('gal_golden/callcenter-desktop');
  if (target.kind !== 'resolved') return undefined;
  const reply = await requestChange(
    ctx,
    { kind: 'retire', image: target.image, version: '2026.4.0' },
    DEMO_REQUESTER,
    'superseded by 2026.5.0; end of life in 20 days',
  );
  const id = reply.kind === 'card' ? reply.tracks?.requestId : undefined;
  if (id) logger.info({ requestId: id }, 'demo: pending request by Megan Bowen created');
  else logger.warn({ reply }, 'demo: could not create the pending request');
  return id;
}
