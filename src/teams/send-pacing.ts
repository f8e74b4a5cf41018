import {
  ActivityTypes,
  Channels,
  DeliveryModes,
  type Activity,
  type ConversationReference,
  type Middleware,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../logging/logger';
import { sendsInBackground } from './background-sends';
import { ConversationLanes, type LaneHandle, type LanePriority, type PacingClock } from './send-pacing-lanes';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDecision, sendFailureOf, type RetryPolicy } from './send-pacing-retry';
import { TEAMS_CONVERSATION_LIMITS, type RateLimit } from './send-pacing-window';

/** Options for {@link createSendPacing}; everything but the logger has a production default. */
export interface SendPacingOptions {
  logger: Logger;
  /** Milliseconds since the epoch (default `Date.now`). */
  clock?: () => number;
  /** Waits (default: a timer). Tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Per-conversation windows (default: Teams' 7/1 s, 8/2 s, 60/30 s, 1800/h). */
  limits?: readonly RateLimit[];
  retry?: Partial<RetryPolicy>;
  /** Bound on tracked conversations (default 10 000). */
  maxConversations?: number;
}

/** The middleware, plus a read-only view for tests and metrics. */
export interface SendPacing extends Middleware {
  /** Conversations whose recent sends are tracked. */
  readonly trackedConversations: number;
  /** Sends waiting or in flight in every conversation's queue. */
  readonly queuedSends: number;
}

/**
 * Outbound pacing for everything the bot sends through a turn context (replies, typing indicators, proactive
 * messages sent through `continueConversationAsync`, updates and deletes): register it with
 * `adapter.use(createSendPacing({ logger }))`.
 *
 * - Sends in one conversation are queued in order and delayed (never dropped) so Teams' per-bot,
 *   per-conversation windows are respected across turns. Channel threads (`;messageid=…`) share their
 *   channel's lane, which is the stricter reading of "per conversation".
 * - Each activity of a batch is sent (and retried) on its own. A 429 waits for its Retry-After (seconds or
 *   HTTP date, capped at 60 s); 412/502/503/504 wait for a Retry-After if given, else back off exponentially
 *   with jitter; at most 3 retries, then the error propagates, as every other error does at once. Note that
 *   botframework-connector's HTTP pipeline already retries 429 (honouring Retry-After, uncapped) and most
 *   5xx three times itself, so these retries start only once it has given up.
 * - Replies to a user's turn go ahead of background sends (event cards, digests: see background-sends.ts) still
 *   queued in their conversation; each kind keeps its order, and both share the conversation's windows.
 * - Waiting happens inside the turn: a long wait delays the HTTP answer to the incoming activity.
 * - Typing indicators are dropped, not delayed, when the conversation has anything queued or a window is
 *   full, and are never retried: a late "typing…" would show after the answer it announced.
 * - Invoke responses, `delay` and (outside the emulator) trace activities never reach the connector and
 *   pass straight through, so an invoke's HTTP answer never waits behind paced messages.
 */
export function createSendPacing(options: SendPacingOptions): SendPacing {
  const now = options.clock ?? Date.now;
  const clock: PacingClock = { now, sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))) };
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const log = options.logger;
  const lanes = new ConversationLanes({
    limits: options.limits ?? TEAMS_CONVERSATION_LIMITS,
    clock,
    maxConversations: options.maxConversations,
    onLossyEviction: (keys) =>
      log.warn({ forgotten: keys.length, conversationIds: keys.slice(0, 5) }, `send pacing forgot ${keys.length} conversations that had sent within the hour, to stay within its memory bound (their next sends are paced as if new)`),
  });

  /** One connector call, paced in its lane and retried per the policy. */
  async function sendWithRetries<T>(lane: LaneHandle, conversationId: string, what: string, call: () => Promise<T>): Promise<T> {
    for (let retry = 1; ; retry++) {
      try {
        return await lane.paced(call);
      } catch (err) {
        const decision = retryDecision(err, retry, policy, now(), random());
        if (!decision.retry) throw err;
        log.warn(
          { conversationId, what, status: sendFailureOf(err).status, retry, waitMs: decision.waitMs },
          decision.reason === 'throttled' ? 'connector throttled a send; retrying after Retry-After' : 'connector send failed; retrying with backoff',
        );
        await clock.sleep(decision.waitMs);
      }
    }
  }

  async function sendOne(activity: Partial<Activity>, send: () => Promise<ResourceResponse[]>, priority: LanePriority): Promise<ResourceResponse[]> {
    if (!reachesConnector(activity)) return send();
    const key = laneKey(activity.conversation?.id);
    if (activity.type === ActivityTypes.Typing) {
      if (!lanes.isFree(key)) {
        log.debug({ conversationId: key }, 'typing indicator dropped: conversation at its send limit');
        return [{ id: '' }];
      }
      return lanes.run(key, (lane) =>
        lane.paced(send).catch((err: unknown) => {
          if (!isRetryable(err)) throw err;
          log.debug({ conversationId: key, status: sendFailureOf(err).status }, 'typing indicator dropped after a retryable failure');
          return [{ id: '' }];
        }),
      );
    }
    return lanes.run(key, (lane) => sendWithRetries(lane, key, activity.type ?? 'message', send), priority);
  }

  /**
   * TurnContext hands every send handler the same array its final step sends, so each activity is sent on
   * its own by narrowing that array to it before calling `next`; the full batch is restored afterwards.
   */
  async function onSend(context: TurnContext, activities: Partial<Activity>[], next: () => Promise<ResourceResponse[]>): Promise<ResourceResponse[]> {
    if (!activities.some(reachesConnector)) return next();
    const batch = activities.splice(0, activities.length);
    const responses: ResourceResponse[] = [];
    try {
      for (const activity of batch) {
        activities.splice(0, activities.length, activity);
        responses.push(...(await sendOne(activity, next, priorityOf(context))));
      }
    } finally {
      activities.splice(0, activities.length, ...batch);
    }
    return responses;
  }

  return {
    get trackedConversations() {
      return lanes.size;
    },
    get queuedSends() {
      return lanes.queued;
    },
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      // With expectReplies nothing is sent over HTTP: replies are buffered into the turn's response.
      if (context.activity.deliveryMode !== DeliveryModes.ExpectReplies) {
        context.onSendActivities(onSend);
        context.onUpdateActivity((ctx, activity, nextUpdate) => {
          const key = laneKey(activity.conversation?.id);
          return lanes.run(key, (lane) => sendWithRetries(lane, key, 'update', nextUpdate), priorityOf(ctx));
        });
        context.onDeleteActivity((ctx, reference: Partial<ConversationReference>, nextDelete) => {
          const key = laneKey(reference.conversation?.id);
          return lanes.run(key, (lane) => sendWithRetries(lane, key, 'delete', nextDelete), priorityOf(ctx));
        });
      }
      await next();
    },
  };
}

/** Mirrors CloudAdapterBase.sendActivities: these types are handled in-process and make no connector call. */
function reachesConnector(activity: Partial<Activity>): boolean {
  if (activity.type === ActivityTypes.InvokeResponse || activity.type === 'delay') return false;
  return !(activity.type === ActivityTypes.Trace && activity.channelId !== Channels.Emulator);
}

function priorityOf(context: TurnContext): LanePriority {
  return sendsInBackground(context) ? 'background' : 'turn';
}

/** Teams counts per conversation; a channel thread's `;messageid=` suffix is folded into its channel. */
function laneKey(conversationId: string | undefined): string {
  if (!conversationId) return '(no conversation)';
  const cut = conversationId.indexOf(';messageid=');
  return cut === -1 ? conversationId : conversationId.slice(0, cut);
}
