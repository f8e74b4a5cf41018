import type { Policy } from '../approvals/policy';
import type { CommandContext } from '../commands/command-context';
import { runCommand } from '../commands/run-command';
import type { Logger } from '../logging/logger';

/** The gallery the demo's approvals channel follows: production, where `promote … to production` publishes. */
export const DEMO_SUBSCRIBED_GALLERY = 'gal_golden';

/** Who the seeded subscription names as its creator: the chat client's current user (config/playground.yml). */
const DEMO_SUBSCRIBER = { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };

/** The approvals channel the policy names for a gallery (the demo's: Image approvals). */
export function approvalsChannelOf(policy: Policy, gallery: string): string | undefined {
  return policy.rules.find((r) => r.gallery.toLowerCase() === gallery.toLowerCase() && r.approvalsChannel)?.approvalsChannel;
}

/**
 * The demo's approvals channel starts subscribed to gal_golden (every event), as if Alex had typed
 * `@GalleryOps subscribe gal_golden` there: the same command, so the same checks and the same record. Cards reach
 * the channel once the bot has its conversation reference, which the chat client gives when the channel is
 * first opened (it tells the bot it was added to the team there). Returns the subscription id, or undefined when
 * the policy names no approvals channel for the gallery.
 */
export async function seedDemoSubscription(ctx: CommandContext, policy: Policy, logger: Logger): Promise<{ id: string; channelId: string } | undefined> {
  const channelId = approvalsChannelOf(policy, DEMO_SUBSCRIBED_GALLERY);
  if (!channelId) return undefined;
  const caller = { ...DEMO_SUBSCRIBER, conversationId: channelId, conversationType: 'channel' as const, channelId };
  const reply = await runCommand(`subscribe ${DEMO_SUBSCRIBED_GALLERY}`, { ...ctx, caller });
  const id = reply.kind === 'text' ? /\bS-[0-9A-Z]{6}\b/.exec(reply.text)?.[0] : undefined;
  if (!id) {
    logger.warn({ reply }, 'demo: could not subscribe the approvals channel');
    return undefined;
  }
  logger.info({ subscriptionId: id, channelId }, `demo: the approvals channel is subscribed to ${DEMO_SUBSCRIBED_GALLERY}`);
  return { id, channelId };
}
