import type { ImageKey, ReplicationState } from '../gallery/model';
import type { WatchEventKind } from './subscription';

/** The replication states a region is announced in (Replicating only when stuck). */
export type ReachedState = Extract<ReplicationState, 'Completed' | 'Failed'>;

/**
 * Something a subscription announces. `id` is deterministic (what changed and its new state), so the same
 * fact seen by a later cycle, a restarted bot or another instance has the same id and is delivered once.
 */
export interface WatchEvent {
  id: string;
  kind: WatchEventKind;
  image: ImageKey;
  /** Another definition the event is also about (a stage promotion's next-stage gallery): subscriptions to it hear of it too. */
  alsoCovers?: ImageKey;
  version: string;
  /** `published`: the version's target regions, as Azure shows them, whether latest resolves to it, and to what. */
  regions?: string[];
  isLatest?: boolean;
  latestVersion?: string;
  /** `replication`: the region and the state it reached, with ARM's error text when Failed. */
  region?: string;
  state?: ReachedState;
  details?: string;
  /**
   * `replication` with a state: the other state this recipient was last told the region was in (a recovery:
   * Completed after Failed; a relapse: Failed after Completed), and when this process first saw it so, if it did.
   */
  before?: { state: ReachedState; seenAt?: string };
  /** `replication` with a state: when this process saw the region enter each state last (ISO 8601), see RegionStateMemory. */
  stateSeenAt?: Partial<Record<ReachedState, string>>;
  /** `replication` without a state: the region is still Replicating, its progress unmoved since `since` (ISO 8601). */
  stuck?: { progress?: number; since: string };
  /** `latest`: the version latest resolved to before, when this process knew it. */
  previous?: string;
  /** `eol`: the version's end of life, the alert threshold it crossed, and who runs it. */
  endOfLife?: EndOfLifeAlert;
  /** `requests` (a reminder): the change request still waiting for a decision. */
  reminder?: RequestReminder;
}

/** An in-use version within one of the EOL_ALERT_DAYS thresholds of its end of life. */
export interface EndOfLifeAlert {
  /** ISO 8601 UTC. */
  date: string;
  daysLeft: number;
  /** The smallest threshold (days) it is within: the id names it, so each threshold is announced once. */
  threshold: number;
  /** Scale sets and VMs running it, by name (`vmss-dispatch-prod (scale set)`), those getting it as latest included. */
  usedBy: string[];
}

/** A pending request that has waited REMINDER_HOURS without a decision. */
export interface RequestReminder {
  requestId: string;
  /** What it asks, in words (`Promote to latest`, `Retire`, …). */
  title: string;
  requester: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  expiresAt: string;
  /** Who may approve it (the policy rule's approvers), so the conversation can name them. */
  approvers: { aadObjectId: string; name: string }[];
}

/** Event ids name the definition by subscription, resource group, gallery and image, lower case (ARM names are case-insensitive). */
export function imageKeyText(k: ImageKey): string {
  return [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();
}
