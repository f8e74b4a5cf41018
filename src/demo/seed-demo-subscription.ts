import type { Policy } from '../approvals/policy';
import type { CommandContext } from '../commands/command-context';
import { runCommand } from '../commands/run-command';
import type { Logger } from '../logging/logger';

/** The gallery the demo's approvals channel follows: production, where `promote … to production` publishes. */
export const DEMO_SUBSCRIBED_GALLERY = 'gal_golden';

/** When the demo channel's daily digest of `report` and `drift` changes comes. */
export const DEMO_DIGEST_TIME = '09:00 UTC';

/** The demo channel's seeded subscriptions: every event in the gallery, and (when it could be made) its digest. */
export interface DemoSubscriptions {
  id: string;
  channelId: string;
  digestId?: string;
}

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
 * first opened (it tells the bot it was added to the team there). The channel also gets the daily digest at
 * `DEMO_DIGEST_TIME`, so the demo shows one when it runs across that time. Returns the subscriptions' ids, or
 * undefined when the policy names no approvals channel for the gallery.
 */
export async function seedDemoSubscription(ctx: CommandContext, policy: Policy, logger: Logger): Promise<DemoSubscriptions | undefined> {
  const channelId = approvalsChannelOf(policy, DEMO_SUBSCRIBED_GALLERY);
  if (!channelId) return undefined;
  const caller = { ...DEMO_SUBSCRIBER, conversationId: channelId, conversationType: 'channel' as const, channelId };
  const subscribe = async (what: string): Promise<string | undefined> => {
    const reply = await runCommand(`subscribe ${what}`, { ...ctx, caller });
    const id = reply.kind === 'text' ? /\bS-[0-9A-Z]{6}\b/.exec(reply.text)?.[0] : undefined;
    if (id) logger.info({ subscriptionId: id, channelId }, `demo: the approvals channel is subscribed to ${what}`);
    else logger.warn({ reply }, `demo: could not subscribe the approvals channel to ${what}`);
    return id;
  };
  const id = await subscribe(DEMO_SUBSCRIBED_GALLERY);
  if (!id) return undefined;
  // The digest is extra: the demo keeps its event cards if it cannot have one.
  const digestId = await subscribe(`${DEMO_SUBSCRIBED_GALLERY} to digest at ${DEMO_DIGEST_TIME}`);
  return { id, channelId, ...(digestId ? { digestId } : {}) };
}
