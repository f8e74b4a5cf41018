import type { JsonValue } from '../json-value';

/** Who did something: an Entra object id and a display name, or the bot itself (`system`). */
export interface AuditActor {
  id: string;
  name: string;
}

/** The bot acting on its own (expiry, execution, reconciliation). */
export const SYSTEM_ACTOR: AuditActor = Object.freeze({ id: 'system', name: 'GalleryOps' });

/** What happened, before it is placed in the chain. Transitions and the executor produce these. */
export interface AuditEntry {
  /** ISO 8601 UTC. */
  at: string;
  actor: AuditActor;
  /** Dotted verb, e.g. `request.created`, `request.refused`, `execution.failed`. */
  action: string;
  requestId?: string;
  /** `gallery/image`, lower case. */
  image?: string;
  version?: string;
  details: { [key: string]: JsonValue };
}

/** An entry placed in the chain: `hash` is SHA-256 (hex) of the canonical JSON of every other field. */
export interface AuditRecord extends AuditEntry {
  /** 1 for the first record; consecutive. */
  seq: number;
  /** The previous record's hash; GENESIS_HASH for seq 1. */
  prevHash: string;
  hash: string;
}

/** The chain's head: the last record's position and hash. Appends are conditional on it. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);
