import { NotFoundError } from '../errors';
import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageKey, ImageVersion, RegionReplication } from '../gallery/model';
import { parseImageReference } from '../gallery/image-reference';
import { mapLimit } from '../gallery/name-snapshot';
import { regionKey } from '../gallery/region-names';
import type { ImageObservation } from './detect-events';
import type { ScopeTest } from './scope-test';
import { imageKeyText } from './watch-event';

/** Versions marked changed by events and not read yet, at most (see `markChanged`). */
const MAX_CHANGED = 10_000;

/** What the watcher remembers of one version's replication between cycles. */
interface KnownReplication {
  /** The target regions when it was read: a change (promote to regions, repair) means reading it again. */
  targets: string;
  regions: RegionReplication[];
  /** The cycle that read it last: unfinished versions are read oldest first, so none is starved by the budget. */
  cycle: number;
  /** Per Replicating region (by regionKey): the progress read, and since when (ms) it has read so. */
  steady: Map<string, { progress: number | undefined; since: number }>;
}

/** One cycle's reads: the observations, and whether every version in scope has been read at least once. */
export interface InventoryRead {
  images: ImageObservation[];
  complete: boolean;
}

/**
 * Reads the subscribed part of the galleries within ARM's read budget: per cycle one gallery list, one image
 * list per subscribed gallery and one version list per subscribed definition; then replication reads
 * (`$expand=ReplicationStatus`, one GET each) only for versions that are new to this process, not finished
 * (any region not Completed), or whose target regions changed, at most `maxReads` per cycle. A version whose
 * regions are all Completed is not read again. Throws ThrottledError on a 429 (the job then waits).
 */
export class WatchInventory {
  private readonly known = new Map<string, KnownReplication>();
  /** Versions an Event Grid event said changed: read again next cycle even when Completed everywhere. */
  private readonly changed = new Set<string>();
  private cycle = 0;

  constructor(
    private readonly gallery: GalleryPort,
    private readonly maxReads: number,
    private readonly now: () => Date,
  ) {}

  /**
   * A version (by ARM id) changed: its replication is read again next cycle. Definitions and galleries need
   * nothing: every cycle lists them. Returns whether the id named a version.
   */
  markChanged(resourceId: string): boolean {
    const ref = parseImageReference(resourceId);
    if (ref?.version === undefined) return false;
    const key = versionKey(ref, { version: ref.version }).toLowerCase();
    this.changed.delete(key);
    this.changed.add(key);
    // A version outside every subscription (or on an instance that does not lead) is never read, so never
    // cleared: the oldest marks go first. Forgetting one costs nothing the schedule does not catch.
    for (const old of this.changed) {
      if (this.changed.size <= MAX_CHANGED) break;
      this.changed.delete(old);
    }
    return true;
  }

  /** Reads what any of `scopes` (subscriptions' and outgoing hooks') covers. */
  async read(scopes: readonly ScopeTest[]): Promise<InventoryRead> {
    const covered = (k: ImageKey) => scopes.some((s) => s.covers(k));
    const galleries = (await this.gallery.listGalleries()).filter((g) => scopes.some((s) => s.touchesGallery(g)));
    const images = (await mapLimit(galleries, 4, (g) => this.gallery.listImages(g))).flat().filter(covered);
    const listed = await mapLimit(images, 4, async (image) => ({ image, versions: await this.gallery.listVersions(image) }));
    const due = listed.flatMap(({ image, versions }) => versions.filter((v) => this.needsRead(image, v)).map((v) => ({ image, v })));
    // Versions never read come first (until each has been read once, the cycle cannot tell new from old), then
    // the one read longest ago.
    const lastRead = (d: { image: ImageKey; v: ImageVersion }) => this.known.get(versionKey(d.image, d.v))?.cycle ?? -1;
    due.sort((a, b) => lastRead(a) - lastRead(b));
    const cycle = ++this.cycle;
    const now = due.slice(0, this.maxReads);
    await mapLimit(now, 4, async ({ image, v }) => {
      try {
        const read = await this.gallery.getVersion(image, v.version, { withReplication: true });
        const regions = read.replication?.regions ?? [];
        const before = this.known.get(versionKey(image, v));
        this.changed.delete(versionKey(image, v).toLowerCase());
        this.known.set(versionKey(image, v), { targets: targetsOf(v), regions, cycle, steady: steadyRegions(regions, before?.steady, this.now().getTime()) });
      } catch (err) {
        // Deleted between the list and the read: the next list drops it.
        if (!(err instanceof NotFoundError)) throw err;
      }
    });
    const complete = listed.every(({ image, versions }) => versions.every((v) => this.known.has(versionKey(image, v))));
    return {
      complete,
      images: listed.map(({ image, versions }) => ({
        image,
        versions,
        replication: new Map(versions.map((v) => [v.version, this.known.get(versionKey(image, v))?.regions ?? []])),
        stalls: new Map(versions.flatMap((v) => stallsOf(this.known.get(versionKey(image, v))).map((s) => [`${v.version}|${s.region}`, s.since] as const))),
      })),
    };
  }

  private needsRead(image: ImageKey, v: ImageVersion): boolean {
    const known = this.known.get(versionKey(image, v));
    return !known || this.changed.has(versionKey(image, v).toLowerCase()) || known.targets !== targetsOf(v) || known.regions.length === 0 || known.regions.some((r) => r.state !== 'Completed');
  }
}

function versionKey(image: ImageKey, v: Pick<ImageVersion, 'version'>): string {
  return `${imageKeyText(image)}/${v.version}`;
}

function targetsOf(v: ImageVersion): string {
  return v.targetRegions.map((r) => r.name.toLowerCase()).sort().join(',');
}

/**
 * Replicating regions with the time their progress was first read at its current value: kept from the last read
 * when the progress has not moved, restarted when it has (or the region was not replicating). Only this process
 * knows it: after a restart a stall is measured again from the first read.
 */
function steadyRegions(regions: readonly RegionReplication[], before: KnownReplication['steady'] | undefined, now: number): KnownReplication['steady'] {
  const out: KnownReplication['steady'] = new Map();
  for (const r of regions) {
    if (r.state !== 'Replicating') continue;
    const key = regionKey(r.region);
    const seen = before?.get(key);
    out.set(key, seen && seen.progress === r.progress ? seen : { progress: r.progress, since: now });
  }
  return out;
}

function stallsOf(known: KnownReplication | undefined): { region: string; since: Date }[] {
  return [...(known?.steady ?? [])].map(([region, s]) => ({ region, since: new Date(s.since) }));
}
