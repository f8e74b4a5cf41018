import type { ApprovalService } from '../approvals/approval-service';
import type { Actor } from '../approvals/change-request';
import { UsageError } from '../errors';
import type { Caller, CommandContext } from './command-context';

/** The approval service; the app always wires it, so its absence is a wiring bug, not user error. */
export function requireApprovals(ctx: CommandContext): ApprovalService {
  if (!ctx.approvals) throw new Error('approvals are not wired into the command context');
  return ctx.approvals;
}

/** The caller as the policy sees them. Without an Entra object id nobody can be matched to a rule. */
export function requireActor(caller: Caller | undefined): Actor & { teamsUserId: string } {
  if (!caller?.aadObjectId) {
    throw new UsageError('Teams did not tell me who you are (no Entra object id on your message), so I cannot take change requests from you. Use GalleryOps from Teams signed in with your work account.');
  }
  return { aadObjectId: caller.aadObjectId, name: caller.name ?? caller.aadObjectId, teamsUserId: caller.id };
}
