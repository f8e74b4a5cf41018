import type { GalleryPort } from './gallery-port';
import { parseImageReference } from './image-reference';
import type { ImageKey, ImageVersion } from './model';
import { findInNewestFirst, sortNewestFirst } from './version-match';

/** One definition's versions as ARM listed them, and when: what list views and `latest` resolve from. */
export interface VersionListing {
  /** Newest first. */
  versions: readonly ImageVersion[];
  /** The highest version eligible for latest when the list was read. */
  latest?: ImageVersion;
  /** When the list read started (a version created during the read may be missing: the older time is the honest one). */
  readAt: Date;
}

/** How the index reads and bounds itself; the composition root passes the commands' clock. */
export interface VersionIndexOptions {
  gallery: Pick<GalleryPort, 'listVersions'>;
  now?: () => Date;
  /** A listing older than this is still answered from, while a background read replaces it. Default 60 s. */
  ttlMs?: number;
  /** A listing older than this is read again before it is used (an idle definition's list is not worth showing). Default 10 × TTL. */
  maxAgeMs?: number;
  /** Versions held over all definitions (an empty definition counts as one); the least recently used go first. Default 20,000 (a listed version is about 1.6 KB of heap). */
  maxVersions?: number;
  /** `readAfterMiss` re-reads a definition at most once per this interval: a typo repeated by many must not become a stream of list reads. Default 5 s. */
  missRefreshIntervalMs?: number;
}

interface Entry {
  listing?: VersionListing;
  /** The read in progress; a result is kept only while this entry is still the current one (see `invalidate`). */
  inflight?: Promise<VersionListing>;
}

const weight = (listing: VersionListing | undefined): number => (listing === undefined ? 0 : Math.max(1, listing.versions.length));
const keyOf = (k: ImageKey): string => [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();

/**
 * Per-definition version lists, so `versions` and `image status … latest` cost ARM calls independent of how many
 * versions a definition holds: ARM's list is paged (50 a page), so 10,000 versions are 200 calls. Listings are
 * read once, answered from until they age past the TTL, then refreshed in the background while the old one is
 * still answered (labelled with its age by the cards). Reads are single-flight per definition. The bot's own
 * writes and, later, change events call `invalidate`. Approval gates never read from here: they read live.
 */
export class VersionIndex {
  private readonly port: Pick<GalleryPort, 'listVersions'>;
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly maxAgeMs: number;
  private readonly maxVersions: number;
  private readonly missRefreshIntervalMs: number;
  /** In least-recently-used order (a Map iterates in insertion order; use re-inserts). */
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(options: VersionIndexOptions) {
    this.port = options.gallery;
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * this.ttlMs;
    this.maxVersions = options.maxVersions ?? 20_000;
    this.missRefreshIntervalMs = options.missRefreshIntervalMs ?? 5_000;
  }

  /**
   * The definition's listing: from the index while younger than the TTL; past it, still from the index while a
   * background read replaces it; read now (once, shared by concurrent callers) when never read or too old.
   */
  async read(image: ImageKey): Promise<VersionListing> {
    const key = keyOf(image);
    const entry = this.entries.get(key);
    const listing = entry?.listing;
    if (entry === undefined || listing === undefined) return this.refresh(image);
    const age = this.now().getTime() - listing.readAt.getTime();
    if (age >= this.maxAgeMs) return this.refresh(image);
    this.touch(key, entry);
    // A failed background read keeps the old listing; the next command past the TTL tries again.
    if (age >= this.ttlMs) this.refresh(image).catch(() => undefined);
    return listing;
  }

  /**
   * The listing again after a version the user named was not in it (it may have been published since): read
   * now, unless the listing is younger than the miss interval (then it is as good as new).
   */
  readAfterMiss(image: ImageKey): Promise<VersionListing> {
    const entry = this.entries.get(keyOf(image));
    if (entry?.listing && !entry.inflight && this.now().getTime() - entry.listing.readAt.getTime() < this.missRefreshIntervalMs) return Promise.resolve(entry.listing);
    return this.refresh(image);
  }

  /** Reads the definition's list now, joining a read already running for it. */
  refresh(image: ImageKey): Promise<VersionListing> {
    const key = keyOf(image);
    const entry = this.entries.get(key) ?? {};
    if (entry.inflight) return entry.inflight;
    const readAt = this.now();
    const load = this.port.listVersions(image).then(
      (listed): VersionListing => {
        const versions = sortNewestFirst(listed);
        const latest = findInNewestFirst({ kind: 'latest' }, versions);
        const fresh: VersionListing = { versions, readAt, ...(latest ? { latest } : {}) };
        if (this.entries.get(key) === entry) this.store(key, entry, fresh);
        return fresh;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) {
          entry.inflight = undefined;
          if (entry.listing === undefined) this.entries.delete(key);
        }
        throw err;
      },
    );
    entry.inflight = load;
    this.touch(key, entry);
    return load;
  }

  /**
   * Forgets a definition, so its next use reads ARM's list again. Takes the definition's ARM id or the id of
   * anything under it (a version id, as change events carry); letter case does not matter. A read already
   * running is not kept: it may have started before the change. True when the id named a definition.
   */
  invalidate(definitionId: string): boolean {
    const ref = parseImageReference(definitionId);
    if (ref === undefined) return false;
    this.forget(keyOf(ref));
    return true;
  }

  /** `invalidate` for a definition the caller holds as a key. */
  invalidateImage(image: ImageKey): void {
    this.forget(keyOf(image));
  }

  /** Versions held now over all definitions (what the bound limits). */
  get heldVersions(): number {
    return this.held;
  }

  /** Definitions held now (with a listing or a read in progress). */
  get definitions(): number {
    return this.entries.size;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.held -= weight(entry.listing);
    this.entries.delete(key);
  }

  private store(key: string, entry: Entry, listing: VersionListing): void {
    this.held += weight(listing) - weight(entry.listing);
    entry.listing = listing;
    entry.inflight = undefined;
    this.touch(key, entry);
    this.evict(key);
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** Drops the least recently used listings until the bound holds; the one just read stays, however large. */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.held <= this.maxVersions) return;
      if (key === keep || entry.listing === undefined) continue;
      this.forget(key);
    }
  }
}
