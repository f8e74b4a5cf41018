import { NotFoundError } from '../errors';
import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageKey, ImageVersion, RegionReplication } from '../gallery/model';
import { parseImageReference } from '../gallery/image-reference';
import { mapLimit } from '../gallery/name-snapshot';
import { regionKey } from '../gallery/region-names';
import type { ImageObservation } from './detect-events';
import { listInScope, type ListedDefinition } from './inventory-in-scope';
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
 * Reads the watched part of the galleries within ARM's read budget: per cycle one inventory read (Resource Graph
 * pages for the ARM adapter, see listInScope), one targeted read for each version an event named that the
 * inventory does not show yet, then replication reads (`$expand=ReplicationStatus`, one GET each) only for
 * versions that are new to this process, not finished (any region not Completed), named by an event, or whose
 * target regions changed, at most `maxReads` per cycle in all. A version whose regions are all Completed is not
 * read again. Throws ThrottledError on a 429 (the job then waits).
 */
export class WatchInventory {
  private readonly known = new Map<string, KnownReplication>();
  /** Versions an Event Grid event said changed (by lower-cased key): read again next cycle even when Completed everywhere. */
  private readonly changed = new Map<string, ImageKey & { version: string }>();
  private cycle = 0;

  constructor(
    private readonly gallery: GalleryPort,
    private readonly maxReads: number,
    private readonly now: () => Date,
  ) {}

  /**
   * A version (by ARM id) changed: its replication is read again next cycle, from ARM directly when the inventory
   * does not list it yet. Definitions and galleries need nothing: every cycle reads the inventory. Returns whether
   * the id named a version.
   */
  markChanged(resourceId: string): boolean {
    const ref = parseImageReference(resourceId);
    if (ref?.version === undefined) return false;
    const { version, ...image } = ref;
    this.markVersionChanged(image, version);
    return true;
  }

  /** As `markChanged`, for a version the bot itself just wrote. */
  markVersionChanged(image: ImageKey, version: string): void {
    const key = versionKey(image, { version });
    this.changed.delete(key);
    this.changed.set(key, { subscriptionId: image.subscriptionId, resourceGroup: image.resourceGroup, gallery: image.gallery, image: image.image, version });
    // A version outside every subscription (or on an instance that does not lead) is never read, so never
    // cleared: the oldest marks go first. Forgetting one costs nothing the schedule does not catch.
    for (const old of this.changed.keys()) {
      if (this.changed.size <= MAX_CHANGED) break;
      this.changed.delete(old);
    }
  }

  /** Reads what any of `scopes` (subscriptions' and outgoing hooks') covers. */
  async read(scopes: readonly ScopeTest[]): Promise<InventoryRead> {
    const cycle = ++this.cycle;
    const listed = await listInScope(this.gallery, scopes);
    const targeted = await this.readChangedNotListed(listed, scopes, cycle);
    // Read this cycle already (named by an event, not in the inventory yet): not read twice.
    const due = listed.flatMap(({ image, versions }) => versions.filter((v) => this.known.get(versionKey(image, v))?.cycle !== cycle && this.needsRead(image, v)).map((v) => ({ image, v })));
    // Versions never read come first (until each has been read once, the cycle cannot tell new from old), then
    // the one read longest ago.
    const lastRead = (d: { image: ImageKey; v: ImageVersion }) => this.known.get(versionKey(d.image, d.v))?.cycle ?? -1;
    due.sort((a, b) => lastRead(a) - lastRead(b));
    const gone = new Set<string>();
    await mapLimit(due.slice(0, Math.max(0, this.maxReads - targeted)), 4, async ({ image, v }) => {
      // Deleted, though the inventory still lists it (Resource Graph lags ARM): left out until the index drops it.
      if ((await this.readReplication(image, v.version, cycle)) === undefined) gone.add(versionKey(image, v));
    });
    const present = listed.map(({ image, versions }) => ({ image, versions: versions.filter((v) => !gone.has(versionKey(image, v))) }));
    const complete = present.every(({ image, versions }) => versions.every((v) => this.known.has(versionKey(image, v))));
    return {
      complete,
      images: present.map(({ image, versions }) => ({
        image,
        versions,
        replication: new Map(versions.map((v) => [v.version, this.known.get(versionKey(image, v))?.regions ?? []])),
        stalls: new Map(versions.flatMap((v) => stallsOf(this.known.get(versionKey(image, v))).map((s) => [`${v.version}|${s.region}`, s.since] as const))),
      })),
    };
  }

  /**
   * Versions an event named that the inventory does not list yet (just created: Resource Graph indexes writes
   * seconds to minutes after ARM) get one targeted read each, within the cycle's budget, and join the listing:
   * a version published through the bot or announced by Event Grid shows up at once. Returns how many were read.
   */
  private async readChangedNotListed(listed: ListedDefinition[], scopes: readonly ScopeTest[], cycle: number): Promise<number> {
    const present = new Set(listed.flatMap(({ image, versions }) => versions.map((v) => versionKey(image, v))));
    const missing = [...this.changed.entries()].filter(([key, ref]) => !present.has(key) && scopes.some((s) => s.covers(ref))).slice(0, this.maxReads);
    await mapLimit(missing, 4, async ([key, { version, ...image }]) => {
      const read = await this.readReplication(image, version, cycle);
      // Deleted since the event: nothing to read, and nothing left to remember.
      if (read === undefined) return void this.changed.delete(key);
      const entry = listed.find((l) => imageKeyText(l.image).toLowerCase() === imageKeyText(image).toLowerCase());
      if (entry) entry.versions.push(read);
      else listed.push({ image, versions: [read] });
    });
    return missing.length;
  }

  /** One replication read (`$expand=ReplicationStatus`), remembered; undefined when ARM says the version is gone. */
  private async readReplication(image: ImageKey, version: string, cycle: number): Promise<ImageVersion | undefined> {
    let read: ImageVersion;
    try {
      read = await this.gallery.getVersion(image, version, { withReplication: true });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      return undefined;
    }
    const regions = read.replication?.regions ?? [];
    const key = versionKey(image, read);
    this.changed.delete(key);
    this.known.set(key, { targets: targetsOf(read), regions, cycle, steady: steadyRegions(regions, this.known.get(key)?.steady, this.now().getTime()) });
    return read;
  }

  private needsRead(image: ImageKey, v: ImageVersion): boolean {
    const known = this.known.get(versionKey(image, v));
    return !known || this.changed.has(versionKey(image, v)) || known.targets !== targetsOf(v) || known.regions.length === 0 || known.regions.some((r) => r.state !== 'Completed');
  }
}

/** ARM ids vary in letter case (an event's, Resource Graph's, a GET's): one key for all of them. */
function versionKey(image: ImageKey, v: Pick<ImageVersion, 'version'>): string {
  return `${imageKeyText(image)}/${v.version}`.toLowerCase();
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
