import type { GalleryPort } from './gallery-port';
import { imageKeyPrefix } from './image-key-prefix';
import type { ImageKey, ImageVersion } from './model';

/** One live read of a version with its replication status, and when its answer arrived. */
export interface SharedVersionRead {
  version: ImageVersion;
  readAt: Date;
}

/**
 * How long `image status` shares a read: long enough that a crowd asking at once costs one GET a second or two,
 * short enough that replication progress (which moves over minutes) is never shown older than the card says.
 */
export const STATUS_READ_SHARE_MS = 2_000;

interface Entry {
  startedAt: number;
  value: Promise<SharedVersionRead>;
}

/**
 * `image status` reads one version live (a GET with `$expand=ReplicationStatus`). When many people ask for the
 * same version at once — an incident channel, a dashboard tab — each asking within `windowMs` of a read gets that
 * read (single-flight while it is in flight, reused briefly after), so the askers cost ARM one GET per version per
 * window instead of one each. That keeps a crowd inside ARM's read budget (250 burst, 25/s refill per principal:
 * 100 askers a second would otherwise be throttled within seconds) and off the command's critical path. Cards
 * say when the read was made, so a reused answer is never passed off as newer than it is. Failed reads are not
 * kept: the next asker tries again. The bot's own writes forget the definition at once. Gates never use this.
 */
export class SharedVersionReads {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly gallery: Pick<GalleryPort, 'getVersion'>,
    private readonly now: () => Date,
    private readonly windowMs: number,
  ) {}

  read(image: ImageKey, version: string): Promise<SharedVersionRead> {
    const key = `${imageKeyPrefix(image)}${version.toLowerCase()}`;
    const now = this.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.startedAt < this.windowMs) return hit.value;
    if (this.entries.size >= 1000) this.dropExpired(now);
    const value = this.gallery.getVersion(image, version, { withReplication: true }).then(
      (v) => ({ version: v, readAt: this.now() }),
      (err: unknown) => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
        throw err;
      },
    );
    if (this.windowMs > 0) this.entries.set(key, { startedAt: now, value });
    return value;
  }

  /** Forgets every read of the definition's versions (after the bot wrote to one of them). */
  invalidateImage(image: ImageKey): void {
    const prefix = imageKeyPrefix(image);
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.startedAt >= this.windowMs) this.entries.delete(key);
  }
}
