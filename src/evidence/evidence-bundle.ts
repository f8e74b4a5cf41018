import type { AuditHead, AuditRecord } from '../audit/audit-record';
import type { JsonValue } from '../json-value';

/** Names the bundle's layout; a reader that meets another value must not guess at the fields. */
export const EVIDENCE_SCHEMA = 'galleryops.evidence/1';

/** What a bundle is about: one image version, addressed the way ARM addresses it. */
export interface EvidenceSubject {
  subscription: string;
  resourceGroup: string;
  gallery: string;
  image: string;
  version: string;
}

/** Who asked for the bundle, as the Teams layer saw them (never from a card payload). */
export interface EvidenceRequester {
  aadObjectId?: string;
  teamsUserId?: string;
  name?: string;
}

/** The ARM request that returns exactly the snapshot's resource (what the `az` command sends). */
export interface ArmRequest {
  method: 'GET';
  /** Resource path under the ARM endpoint, e.g. `/subscriptions/…/versions/2026.5.1`. */
  path: string;
  apiVersion: string;
  /** `$expand` when the read asked for it (`ReplicationStatus`). */
  expand?: string;
}

/**
 * One ARM read as the bot saw it. `versions` (the definition's version list) is what "latest" was computed
 * from, so a reader can check the card's "this is what latest deploys".
 */
export interface EvidenceSnapshot {
  kind: 'definition' | 'version' | 'versions';
  /** ISO 8601 UTC, when the read returned. */
  readAt: string;
  /** Reproduces the read from a shell (`az login` with read access to the gallery). */
  azCommand: string;
  armRequest: ArmRequest;
  /**
   * The resource in the project's own model (src/gallery/model.ts), dates as ISO 8601 strings: the facts the
   * bot's card and decisions were based on. Not ARM's raw JSON: the gallery port hides the SDK on purpose, and
   * the `az` command above returns the raw resource for anyone who wants to compare field by field.
   */
  body: JsonValue;
}

/** Scale sets and VMs that referenced the version (pinned) or its definition (latest) when the bundle was made. */
export type EvidenceUsage =
  | {
      readAt: string;
      /** A Resource Graph query that finds the same references. */
      azCommand: string;
      scaleSets: JsonValue[];
      vms: JsonValue[];
    }
  | {
      readAt: string;
      /** Why usage could not be read (the rest of the bundle is still complete). */
      unavailable: string;
    };

/** Everything but the hash: what the hash covers. */
export interface UnsealedBundle {
  schema: typeof EVIDENCE_SCHEMA;
  generatedAt: string;
  generatedBy: EvidenceRequester;
  subject: EvidenceSubject;
  snapshots: EvidenceSnapshot[];
  /** Change requests about the version (where their cards were posted is left out: delivery detail). */
  changeRequests: JsonValue[];
  /** Audit records about the version or its requests, by seq. */
  auditRecords: AuditRecord[];
  usage: EvidenceUsage;
  /** The audit chain's head when the bundle was made (null: the log was empty); anchors the log. */
  auditHead: AuditHead | null;
}

/** A sealed bundle: `sha256` is SHA-256 (hex) of the RFC 8785 canonical JSON of every other field. */
export interface EvidenceBundle extends UnsealedBundle {
  sha256: string;
}
