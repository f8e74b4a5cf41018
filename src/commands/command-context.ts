import type { EvidenceSettings, ReportSettings } from '../config';
import type { ChangeRequestStore } from '../approvals/request-store';
import type { AuditStore } from '../audit/audit-store';
import type { ArmResponseRecorder } from '../evidence/arm-response-recorder';
import type { EvidenceStore } from '../evidence/evidence-store';
import type { RecentBundles } from '../evidence/recent-bundles';
import type { ApprovalService } from '../approvals/approval-service';
import type { AuditLog } from '../audit/audit-log';
import type { UsageReader } from '../gallery/usage-port';
import type { GalleryPort } from '../gallery/gallery-port';
import type { NameIndex } from '../gallery/name-index';
import type { ReplicationReader } from '../gallery/replication-reader';
import type { SharedVersionReads } from '../gallery/shared-version-reads';
import type { VersionIndex } from '../gallery/version-index';
import type { ReportReads } from '../report/replication-memory';
import type { Stage } from '../stages';
import type { SubscriptionSettings } from '../subscriptions/subscription-settings';

/** Who typed the command, as the Teams layer saw it on the activity (never from a card payload). */
export interface Caller {
  /** Teams user id (`29:…`). */
  id: string;
  name?: string;
  /** Entra object id: what the approval policy names. */
  aadObjectId?: string;
  /** Where it was typed. */
  conversationId?: string;
  /** Personal chat, group chat or channel: what everyone there sees is worded for everyone. */
  conversationType?: ConversationKind;
  /** The channel's own id, when typed in a channel (what a policy rule's `approvalsChannel` names). */
  channelId?: string;
}

/** The kinds of Teams conversation. */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** What a command handler may use. Built once by the composition root; no Bot Framework types in here. */
export interface CommandContext {
  gallery: GalleryPort;
  names: NameIndex;
  /** Replication status for list views (cached 30 s; `image status` reads live through `statusReads`). */
  replication: ReplicationReader;
  /** `image status`'s live reads, shared by askers of one version within a short window (absent: each asker reads). */
  statusReads?: Pick<SharedVersionReads, 'read'>;
  /** Version lists per definition (refreshed in the background) for `versions` and resolving `latest`; never for gates. */
  versionIndex: VersionIndex;
  /** The promotion path, first stage first. */
  stages: readonly Stage[];
  /** The clock every "read at" and relative date on a card is computed from. */
  now(): Date;
  /** Describes the configured scope on cards spanning galleries, e.g. "subscription 1111… (2 galleries)". */
  scopeLabel?: string;
  /** Change requests: present when approvals are wired (always, in the app). */
  approvals?: ApprovalService;
  /** Scale sets and VMs that reference a version (for retirement warnings). */
  usage?: UsageReader;
  /** Keeps ARM's answers to evidence's reads verbatim (absent with a port that is not ARM, e.g. test fakes). */
  armResponses?: ArmResponseRecorder;
  /** The audit log, for `audit verify`, `history` and evidence. */
  audit?: AuditLog;
  /** Stored audit records and change requests (read by `history` and `evidence`), and the evidence bundles. */
  store?: { audit: AuditStore; requests: ChangeRequestStore; evidence: EvidenceStore };
  /** Bundles recently made per person, so asking again with unchanged facts stores nothing new. */
  recentEvidence?: RecentBundles;
  /** Evidence download links: public base URL, signing key, lifetime. */
  evidence?: EvidenceSettings;
  /** `report` thresholds. */
  report?: ReportSettings;
  /** `report`'s memory of unfinished replication and the pace of its ARM reads, kept for the process. */
  reportReads?: ReportReads;
  /** The desired-state file `drift` reads (absent: drift explains how to configure one). */
  desiredStateFile?: string;
  /** Conversations' subscriptions to gallery events (`subscribe`, `unsubscribe`, `subscriptions`). */
  subscriptions?: SubscriptionSettings;
  /** Set per command by the composition root. */
  caller?: Caller;
  /** Names the bot is @mentioned by; stripped from the text. Default: GalleryOps. */
  botNames?: readonly string[];
}
