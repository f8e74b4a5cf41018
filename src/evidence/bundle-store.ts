import type { JsonValue } from '../json-value';
import type { ConversationStore } from '../storage/store-port';
import type { EvidenceBundle } from './evidence-bundle';

/** The key-value slot of a bundle. The key is the hash, so a slot can only ever be meant for one content. */
export const bundleKey = (sha256: string): string => `evidence:${sha256}`;

/**
 * Bundles kept in the store's key-value records (file store and Table Storage alike), so every instance can
 * serve a link any instance made. The bundle is stored as its JSON value; its canonical bytes are recomputed on
 * read, and that recomputation is what detects an edit of the stored record.
 */
export interface BundleStore {
  put(bundle: EvidenceBundle, at: Date): Promise<void>;
  /** What is stored under the hash, unchecked (the caller decides what an altered record means). */
  get(sha256: string): Promise<JsonValue | undefined>;
}

export function createBundleStore(kv: ConversationStore): BundleStore {
  return {
    async put(bundle, at) {
      await kv.put({ key: bundleKey(bundle.sha256), value: bundle as unknown as JsonValue, updatedAt: at.toISOString() });
    },
    async get(sha256) {
      return (await kv.get(bundleKey(sha256)))?.value;
    },
  };
}
