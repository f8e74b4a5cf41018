import type { AuditHead, AuditRecord } from '../audit/audit-record';
import type { JsonValue } from '../json-value';

/**
 * Names the bundle's layout; a reader that meets another value must not guess at the fields. Version 2 added
 * each snapshot's `verbatim` (ARM's answers as received); version 1 bundles stay verifiable as stored.
 */
export const EVIDENCE_SCHEMA = 'galleryops.evidence/2';

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
  /** `$expand` when the read asked for it (`ReplicationStatus,ValidationProfile`). */
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
   * bot's card and decisions were based on. Not ARM's JSON: that is in `verbatim`, beside it.
   */
  body: JsonValue;
  /** ARM's answers to this read exactly as received (every page and retry), or why the bundle lacks them. */
  verbatim: EvidenceVerbatim;
}

/**
 * One ARM answer as received. `body` is the response text itself, kept as a string because parsing and
 * re-serialising (as canonical JSON does to objects) would reorder keys and respell numbers: an auditor who
 * replays `url` with `az rest` can diff the bytes. Fields the bot does not model are in it too.
 */
export interface EvidenceArmResponse {
  method: string;
  url: string;
  apiVersion: string | null;
  status: number;
  /** `x-ms-request-id`: what Microsoft support asks for. */
  requestId: string | null;
  /** ISO 8601 UTC, when the answer arrived. */
  readAt: string;
  contentType: string | null;
  body: string | null;
}

/** The answers a snapshot was made from, or why there are none (a gallery port that is not ARM, a cached read). */
export type EvidenceVerbatim = { responses: EvidenceArmResponse[] } | { unavailable: string };

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
