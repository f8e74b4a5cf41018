import { NotFoundError } from '../errors';
import type { GalleryPort } from './gallery-port';
import { imageKeyPrefix } from './image-key-prefix';
import type { ImageKey, ImageVersion, VersionValidation } from './model';

/**
 * A version's replication as read, or why it could not be read. The same GET carries the validation results
 * (`$expand=ValidationProfile`), which list views need for their safety flag: kept when ARM sent them.
 */
export type ReplicationRead =
  | { ok: true; replication: NonNullable<ImageVersion['replication']>; readAt: Date; validation?: VersionValidation; provisioningState?: string }
  | { ok: false; reason: string; /** ARM answered 404: the version is gone (a list that names it is out of date). */ notFound?: true };

interface Entry {
  at: number;
  value: Promise<ReplicationRead>;
}

/**
 * Replication status for a page of versions. ARM's version list cannot expand replication, so `versions`
 * needs one GET per version shown: this bounds that cost with a short cache (reused across users and
 * commands, single-flight per version) and a concurrency cap, so a burst of `versions` commands stays far
 * below ARM's read budget (250 burst, 25/s refill per principal).
 */
export class ReplicationReader {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly gallery: GalleryPort,
    private readonly now: () => Date,
    options: { ttlMs?: number; concurrency?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.concurrency = options.concurrency ?? 5;
  }

  /** Replication of each named version of one definition, by version name. Never throws. */
  async readMany(image: ImageKey, versions: readonly string[]): Promise<Map<string, ReplicationRead>> {
    const out = new Map<string, ReplicationRead>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < versions.length) {
        const version = versions[next++]!;
        out.set(version, await this.read(image, version));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, versions.length) }, worker));
    return out;
  }

  private read(image: ImageKey, version: string): Promise<ReplicationRead> {
    const key = `${imageKeyPrefix(image)}${version.toLowerCase()}`;
    const now = this.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.cache.size > 5000) this.evictExpired(now);
    const value = this.gallery.getVersion(image, version, { withReplication: true }).then(
      (v): ReplicationRead =>
        v.replication
          ? {
              ok: true,
              replication: v.replication,
              readAt: new Date(now),
              ...(v.validation ? { validation: v.validation } : {}),
              ...(v.provisioningState ? { provisioningState: v.provisioningState } : {}),
            }
          : { ok: false, reason: 'Azure returned no replication status' },
      (err: unknown): ReplicationRead => {
        // A failed read is not cached: the next command tries again.
        this.cache.delete(key);
        return { ok: false, reason: err instanceof Error ? err.message : 'unreadable', ...(err instanceof NotFoundError ? { notFound: true as const } : {}) };
      },
    );
    this.cache.set(key, { at: now, value });
    return value;
  }

  /** Forgets the definition's versions (the bot wrote to one of them: `versions` must show it at once). */
  invalidateImage(image: ImageKey): void {
    const prefix = imageKeyPrefix(image);
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.cache) if (now - entry.at >= this.ttlMs) this.cache.delete(key);
  }
}
