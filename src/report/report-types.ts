import type { ReportSettings } from '../config';
import type { DesiredState } from '../drift/desired-state';
import type { Gallery, ImageDefinition, ImageVersion } from '../gallery/model';
import type { ReplicationRead } from '../gallery/replication-reader';
import type { VersionUsage } from '../gallery/usage-port';
import type { FixCommand } from './fix-command';

export type { ReportSettings };

/** One definition as the report reader saw it. */
export interface DefinitionSnapshot {
  definition: ImageDefinition;
  /** From listVersions (no replication status). */
  versions: readonly ImageVersion[];
  /** Replication of the versions before their end of life, by version name. */
  replication: ReadonlyMap<string, ReplicationRead>;
  /** Who runs each version past its end of life, by version name; a missing entry could not be read. */
  usage: ReadonlyMap<string, VersionUsage>;
}

/** Everything `buildReport` needs, read once; the report is a pure function of it. */
export interface ReportSnapshot {
  galleries: readonly Gallery[];
  definitions: readonly DefinitionSnapshot[];
  /** The desired-state file, when one is configured: its required regions count too. */
  desired?: DesiredState;
  readAt: Date;
  /** Reads that failed: what the report could not check. */
  problems: readonly string[];
  /** False when nothing can tell who runs a version (no usage reader). */
  usageChecked: boolean;
  /** Whose replication was read; absent for snapshots built by hand (tests), which read every version. */
  coverage?: ReplicationCoverage;
}

/** Which versions' replication (and validation results) the report read: the rest cost no GET. */
export interface ReplicationCoverage {
  /** Versions read: latest, in use, published within `replicationDays`, not provisioned, or not Completed when last read. */
  checked: number;
  /** Versions in the inventory. */
  versions: number;
  replicationDays: number;
}

/** Every kind of finding, in the order the report lists them. */
export const FINDING_KINDS = [
  'provisioning-failed',
  'flagged-unsafe',
  'validation-failed',
  'past-end-of-life',
  'end-of-life-soon',
  'replication-failed',
  'missing-region',
  'shared-beyond-private',
  'stale-latest',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** A scale set or VM that still runs a version. */
export interface RunningOn {
  kind: 'scale set' | 'VM';
  name: string;
  resourceGroup: string;
  id: string;
  /** False: it references the definition (latest), and this version is the latest. */
  pinned: boolean;
}

/** One thing to fix, with the command that fixes it. */
export interface ReportFinding {
  kind: FindingKind;
  /** `high`: something deploys or runs a problem now; `medium`: needs action soon; `low`: hygiene. */
  severity: 'high' | 'medium' | 'low';
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
  image?: string;
  version?: string;
  /** One sentence for people. */
  text: string;
  fixes: FixCommand[];
  isLatest?: boolean;
  endOfLifeDate?: string;
  daysToEndOfLife?: number;
  runningOn?: RunningOn[];
  /** Regions: failed ones (`replication-failed`) or missing required ones (`missing-region`). */
  regions?: string[];
  publishedDate?: string;
  ageDays?: number;
  sharing?: string;
  sharedWith?: string[];
  /** What Azure flags (`flagged-unsafe`: policy violations) or which validations failed (`validation-failed`). */
  violations?: string[];
}

/** The replica storage one definition holds: Σ over versions and regions of size × replicas. */
export interface StorageEntry {
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
  image: string;
  versions: number;
  /** Replicas over every version and region. */
  replicas: number;
  /** Distinct regions its versions are in. */
  regions: number;
  /** Disk size × replicas, summed (GB): what the replicas take up, at most. */
  sizeGB: number;
  /** Versions whose size ARM did not report (not counted in sizeGB). */
  unsizedVersions: number;
}

/** The compliance report: what `report` shows and `npm run report -- --json` prints. */
export interface Report {
  /** ISO 8601 UTC: when the data was read. */
  readAt: string;
  settings: ReportSettings;
  /** What was read: the subscriptions the galleries are in, and how many of each. */
  scanned: { subscriptions: string[]; galleries: number; definitions: number; versions: number };
  /** Whether the desired-state file's required regions were used. */
  desiredState: boolean;
  findings: ReportFinding[];
  /** What the replication findings cover, when the reader chose (see ReplicationCoverage). */
  replicationCoverage?: ReplicationCoverage;
  /** Largest first. */
  storage: StorageEntry[];
  problems: string[];
}
