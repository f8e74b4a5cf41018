import type { Stage } from '../stages';
import type { GalleryPort } from './gallery-port';
import type { GalleryResolution, ImageResolution } from './name-resolution';
import { loadNameSnapshot, type NameSnapshot } from './name-snapshot';
import { galleryNotFound, imageNotFound, resolveGalleryName, resolveImageName } from './resolve-names';

/** How the index reads and refreshes; the composition root passes the same clock as the commands. */
export interface NameIndexOptions {
  gallery: GalleryPort;
  stages: readonly Stage[];
  now?: () => Date;
  /** A snapshot older than this is re-read before use. Default 60 s. */
  ttlMs?: number;
  /**
   * A name that is not in the snapshot may have just been created, so a miss forces a re-read, but at most
   * once per this interval: a typo repeated by many users must not turn into a stream of ARM list calls.
   * Default 5 s.
   */
  missRefreshIntervalMs?: number;
}

/**
 * Galleries and image definitions in scope, by name. Built once and refreshed on a TTL (not per message),
 * single-flight: however many commands arrive while a refresh runs, they all wait for that one refresh.
 */
export class NameIndex {
  private readonly port: GalleryPort;
  private readonly stages: readonly Stage[];
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly missRefreshIntervalMs: number;
  private current?: NameSnapshot;
  private inflight?: Promise<NameSnapshot>;
  private lastLoadStartedAt = Number.NEGATIVE_INFINITY;

  constructor(options: NameIndexOptions) {
    this.port = options.gallery;
    this.stages = options.stages;
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.ttlMs ?? 60_000;
    this.missRefreshIntervalMs = options.missRefreshIntervalMs ?? 5_000;
  }

  /**
   * The current snapshot. Past the TTL it is still answered from (names rarely change, and a miss forces a
   * re-read anyway) while a background refresh replaces it: no command waits for ARM list calls once warm.
   */
  async snapshot(): Promise<NameSnapshot> {
    const s = this.current;
    if (!s) return this.refresh();
    if (this.now().getTime() - s.readAt.getTime() >= this.ttlMs) {
      // A failed background refresh keeps the old names; the next command past the TTL tries again.
      this.refresh().catch(() => undefined);
    }
    return s;
  }

  /** True once names have been read at least once (the bot's readiness). */
  get loaded(): boolean {
    return this.current !== undefined;
  }

  /** Re-reads now, joining a refresh that is already running. */
  refresh(): Promise<NameSnapshot> {
    if (this.inflight) return this.inflight;
    this.lastLoadStartedAt = this.now().getTime();
    const load = loadNameSnapshot(this.port, this.now).then(
      (s) => {
        this.current = s;
        this.inflight = undefined;
        return s;
      },
      (err: unknown) => {
        this.inflight = undefined;
        throw err;
      },
    );
    this.inflight = load;
    return load;
  }

  /** Resolves `<image>` or `gallery/image`; throws NoSuchNameError (with suggestions) when nothing matches. */
  async resolveImage(input: string): Promise<ImageResolution> {
    const found = await this.lookup((s) => resolveImageName(s, input, this.stages));
    if (found.result) return found.result;
    throw imageNotFound(found.snapshot, input);
  }

  /** Resolves `<gallery>`; throws NoSuchNameError when nothing matches. */
  async resolveGallery(input: string): Promise<GalleryResolution> {
    const found = await this.lookup((s) => resolveGalleryName(s, input));
    if (found.result) return found.result;
    throw galleryNotFound(found.snapshot, input);
  }

  private async lookup<R>(resolve: (s: NameSnapshot) => R | undefined): Promise<{ result?: R; snapshot: NameSnapshot }> {
    let snapshot = await this.snapshot();
    let result = resolve(snapshot);
    if (result === undefined && this.mayRefreshOnMiss()) {
      snapshot = await this.refresh();
      result = resolve(snapshot);
    }
    return { result, snapshot };
  }

  private mayRefreshOnMiss(): boolean {
    return this.inflight !== undefined || this.now().getTime() - this.lastLoadStartedAt >= this.missRefreshIntervalMs;
  }
}
