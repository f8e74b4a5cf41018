import type { JsonValue } from '../json-value';
import type { EvidenceBundle, EvidenceSubject } from './evidence-bundle';

/** What `EvidenceStore.prune` removed. */
export interface PruneResult {
  bundles: number;
  /** Content-addressed parts (ARM snapshots, …) no remaining bundle refers to. */
  parts: number;
}

/**
 * Evidence bundles, kept so every instance can serve a link any instance made. Bundles about one version repeat
 * the same ARM snapshots, audit records and requests, so a store keeps each such part once, by the SHA-256 of
 * its canonical JSON, and a bundle costs its own fields plus references (see `bundle-parts.ts`).
 */
export interface EvidenceStore {
  /** Stores the bundle under its `sha256`; storing the same bundle again changes nothing. */
  put(bundle: EvidenceBundle, at: Date): Promise<void>;
  /**
   * The bundle under `sha256`, reassembled, unchecked: the caller recomputes the hash, which is what detects an
   * edited record. Undefined when there is none (never stored, or pruned).
   */
  get(sha256: string): Promise<JsonValue | undefined>;
  /**
   * Hashes of stored bundles that start with `prefix` (lower-case hex), at most `limit` of them, in order: the
   * short hash in a bundle's file name names the bundle when it is the only one.
   */
  hashesStartingWith(prefix: string, limit: number): Promise<string[]>;
  /**
   * Removes bundles stored before `storedBefore` unless `keep` says otherwise (a bundle about a version with
   * an open request), then the parts no bundle refers to any more.
   */
  prune(storedBefore: Date, keep: (subject: EvidenceSubject) => boolean): Promise<PruneResult>;
}
