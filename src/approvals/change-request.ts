import type { JsonValue } from '../json-value';
import type { ChangeKind } from './gallery-that-changes';
import type { RuleScope } from './find-rule';

/** A person acting in chat: the Entra object id decides, the name is shown, the Teams id lets the bot reach them. */
export interface Actor {
  aadObjectId: string;
  name: string;
  /** Teams user id (`from.id`), needed for `refresh.userIds` and personal messages. */
  teamsUserId?: string;
}

/** The version a request is about. */
export interface VersionTarget {
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
  image: string;
  version: string;
}

/** One field that will change, exactly as ARM will see it (`null` before = not set / does not exist yet). */
export interface FieldChange {
  /** ARM property path, e.g. `publishingProfile.excludeFromLatest`. */
  field: string;
  before: JsonValue;
  after: JsonValue;
}

/** One ARM write the request will make: a PATCH of the version or a PUT of a new one (stage copy). */
export interface PlannedChange {
  method: 'PATCH' | 'PUT';
  /** The version resource written (for a stage copy: the new version in the next stage's gallery). */
  resourceId: string;
  fields: FieldChange[];
}

/** A gate as evaluated when the request was made; the executor checks them again before the ARM call. */
export interface Gate {
  name: string;
  passed: boolean;
  detail?: string;
  /**
   * A failing gate that completes by itself (replication still in progress in a region it needs), in words:
   * "Southeast Asia finishes replicating (40 % now)". The request may be approved ahead and runs once it holds.
   * Absent on a failing gate: it cannot pass as asked, and the request is refused when asked.
   */
  waitsFor?: string;
  /** For a gate that cannot pass as asked: the command that fixes it (or shows what to do). */
  fix?: string;
}

/** Where the request card was posted, so every copy can be updated after a decision. */
export interface CardRef {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

/** A decision someone took, and when (ISO 8601 UTC). */
export interface Decision {
  by: Actor;
  at: string;
}

/** The Azure side of an approved request; recorded before the ARM call so a crash can be reconciled. */
export interface Execution {
  startedAt: string;
  /** When the conditional write that moved the request to `executing` (the intent to call ARM) succeeded. */
  intentRecordedAt: string;
  /** The long-running operation's URL or id, once ARM accepted the write; lets a restart resume polling. */
  armOperation?: string;
  /**
   * Refreshed by the instance carrying the request out while its ARM call runs; another instance reconciles
   * an execution only when neither this nor `intentRecordedAt` is recent (its owner is gone).
   */
  heartbeatAt?: string;
  /** 1 for the first attempt (0: stopped by a gate before any); a reconcile that finds nothing applied re-sends. */
  attempts: number;
  /** The process carrying it out (`host/pid/nonce`), so a restart can tell its own leftovers from a live owner's. */
  owner?: string;
  /**
   * Set when ARM accepted the write (or may have: a lost answer, a 409 from an operation already running) but
   * its outcome could not be read: the request is "outcome unknown, checking Azure" until the target is read
   * back. Never a failure by itself.
   */
  unknown?: OutcomeUnknown;
  finishedAt?: string;
  error?: { code?: string; message: string };
  result?: { summary: string };
  /** What the final state rests on: the operation's own answer, the target read back, or GalleryOps' gate check. */
  basis?: 'operation' | 'read-back' | 'gate';
  /**
   * The last step of a change that takes several ARM writes and replication watches (a repair), for the card:
   * "Central US: retrying (Replicating 35 %)". Bookkeeping: the writes themselves are audited.
   */
  progress?: { text: string; at: string };
}

/** Why an execution's outcome is not known yet, and how the checking goes. */
export interface OutcomeUnknown {
  /** ISO 8601 UTC: when the outcome became unknown. */
  since: string;
  /** What happened, in words (ARM's code and message when it gave one). */
  reason: string;
  /** Set once Azure could not be read back for the configured time: operators must check by hand. */
  overdueAt?: string;
  /** ARM's own words when its operation ended Failed; the read-back decides whether anything changed. */
  armFailure?: string;
}

/** Where a request is in its life. `approved` is short-lived: the service moves it to `executing` at once. */
export type RequestState =
  | 'pending'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired';

/** A change request: what will change, who asked, who decided, and what Azure did. */
export interface ChangeRequest {
  id: string;
  /** Incremented by every transition; stores replace a request only if the revision they hold is current. */
  revision: number;
  kind: ChangeKind;
  target: VersionTarget;
  /** For `promote-stage`: the stage the version is copied to. */
  toStage?: string;
  changes: PlannedChange[];
  gates: Gate[];
  /** Shown on the card (e.g. scale sets still referencing a retired version, an allowed unsafe retirement). */
  warnings: string[];
  /** What latest of the definition was when planned and becomes once carried out (promote to latest, retire); absent on older requests. */
  latest?: LatestMove;
  /** The policy rule lookup key: action and the gallery that changes. */
  scope: RuleScope;
  requester: Actor & { teamsUserId: string };
  reason?: string;
  createdAt: string;
  expiresAt: string;
  requiredApprovals: number;
  approvals: Decision[];
  approvedAt?: string;
  rejection?: Decision & { comment?: string };
  cancellation?: Decision;
  expiredAt?: string;
  state: RequestState;
  execution?: Execution;
  cards: CardRef[];
  /**
   * Set while a gate waits on something that completes by itself (replication in progress): the request may be
   * approved ahead; once approved, it runs as soon as the gate holds (re-checked periodically) or expires.
   */
  waiting?: GateWait;
  /**
   * The last audit record written in the same atomic unit as this revision (stamped by the store): a card
   * names it, and `audit verify --anchor <seq>:<hash>` proves the log still holds it and everything before.
   */
  auditAnchor?: AuditAnchor;
}

/**
 * The definition's latest version (the highest not excluded) when the request was planned, and what it becomes
 * once the request is carried out: what an approver of a promotion to latest or a retirement decides on. A
 * missing side means no version is (or would be) latest.
 */
export interface LatestMove {
  before?: string;
  after?: string;
}

/** What an approved-ahead request waits for, as last re-checked. */
export interface GateWait {
  /** "Southeast Asia finishes replicating (40 % now)". */
  for: string;
  /** ISO 8601 UTC of the check that said so. */
  checkedAt: string;
}

/** A position in the audit chain and the record's hash there. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** States in which a request still needs someone (or the executor) to act. */
export const OPEN_STATES: readonly RequestState[] = ['pending', 'approved', 'executing'];

/** True when nothing can happen to the request any more. */
export function isFinal(state: RequestState): boolean {
  return !OPEN_STATES.includes(state);
}

/** `gallery/image` as audit records and listings name it (lower case: ARM names are case-insensitive). */
export function imageKeyOf(target: { gallery: string; image: string }): string {
  return `${target.gallery}/${target.image}`.toLowerCase();
}
