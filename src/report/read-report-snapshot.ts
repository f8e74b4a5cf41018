import type { DesiredState } from '../drift/desired-state';
import type { GalleryPort } from '../gallery/gallery-port';
import type { FleetUsage, InventoryReader } from '../gallery/inventory-port';
import type { ImageDefinition, ImageVersion } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import { pacedReads } from '../gallery/paced-reads';
import { ReplicationReader, type ReplicationRead } from '../gallery/replication-reader';
import type { UsageReader, VersionUsage } from '../gallery/usage-port';
import { latestVersion } from '../gallery/version-match';
import { isPastEndOfLife } from '../utc-day';
import { describeReadError } from './describe-read-error';
import { inventoryOf } from './listed-inventory';
import { reportReads, type ReportReads } from './replication-memory';
import { selectReplicationReads } from './replication-selection';
import type { DefinitionSnapshot, ReportSnapshot } from './report-types';

/** What the reader reads through. */
export interface ReportSources {
  gallery: GalleryPort;
  /** The inventory; default: the port's own when it has one (Resource Graph), else its ARM lists. */
  inventory?: InventoryReader;
  /** Who runs what, for the ARM-list inventory (the Resource Graph one reads the fleet itself). */
  usage?: UsageReader;
  desired?: DesiredState;
  now: () => Date;
  /** Versions published within this many days have their replication read. Default 30. */
  replicationDays?: number;
  /** The process's memory of unfinished replication and its ARM read pace; default: fresh, 20 reads/s. */
  reads?: ReportReads;
}

/** Replication GETs in flight at once; the read budget sets their pace. */
const CONCURRENCY = 8;

/**
 * Reads what the report needs at a cost set by what matters, not by how many versions exist: the inventory
 * (Resource Graph pages, or ARM lists for fakes), the fleet's image references once, and one replication GET
 * (`$expand=ReplicationStatus,ValidationProfile`) only for versions that are latest, in use, recent or were not
 * Completed last time (see replication-selection.ts), paced by the read budget. A read that fails is named in
 * `problems` and that part is skipped: a partial report that says so beats no report.
 */
export async function readReportSnapshot(sources: ReportSources): Promise<ReportSnapshot> {
  const now = sources.now();
  const reads = sources.reads ?? reportReads(20);
  const replicationDays = sources.replicationDays ?? 30;
  const inventory = sources.inventory ?? inventoryOf(sources.gallery, sources.usage);
  const found = await inventory.readInventory();
  const problems = [...found.problems];
  const fleet = await readFleet(inventory, found.galleries, found.definitions, problems);
  const perDefinition = groupVersions(found.definitions, found.versions);

  const wanted: { definition: ImageDefinition; version: ImageVersion }[] = [];
  const plans = perDefinition.map(({ definition, versions }) => {
    const usage = fleet.of(definition);
    const selected = selectReplicationReads({ versions, latest: latestVersion(versions), usage, now, replicationDays, lastNotCompleted: (v) => reads.memory.lastNotCompleted(v) });
    for (const version of selected.keys()) wanted.push({ definition, version });
    return { definition, versions, usage };
  });

  const reader = new ReplicationReader(pacedReads(sources.gallery, reads.budget), sources.now, { concurrency: CONCURRENCY, ttlMs: 0 });
  const replication = await readAll(reader, wanted);
  for (const { version } of wanted) reads.memory.record(version, replication.get(version)!);

  const definitions: DefinitionSnapshot[] = plans.map(({ definition, versions, usage }) => ({
    definition,
    versions,
    replication: new Map(versions.filter((v) => replication.has(v)).map((v) => [v.version, replication.get(v)!])),
    usage: usageOfPastEndOfLife(versions, usage, now),
  }));
  return {
    galleries: found.galleries,
    definitions,
    ...(sources.desired ? { desired: sources.desired } : {}),
    readAt: now,
    problems,
    usageChecked: fleet.checked,
    coverage: { checked: wanted.length, versions: found.versions.length, replicationDays },
  };
}

async function readFleet(inventory: InventoryReader, galleries: Parameters<InventoryReader['readFleetUsage']>[0], definitions: readonly ImageDefinition[], problems: string[]): Promise<FleetUsage> {
  try {
    const fleet = await inventory.readFleetUsage(galleries, definitions);
    problems.push(...fleet.problems);
    return fleet;
  } catch (err) {
    problems.push(`Could not read which scale sets and VMs run gallery images: ${describeReadError(err)}`);
    return { checked: true, problems: [], of: () => undefined };
  }
}

/** Versions under their definitions (ids compare without case); versions whose definition was not read are left out. */
export function groupVersions(definitions: readonly ImageDefinition[], versions: readonly ImageVersion[]): { definition: ImageDefinition; versions: ImageVersion[] }[] {
  const key = (k: ImageDefinition | ImageVersion): string => [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();
  const groups = new Map(definitions.map((d) => [key(d), { definition: d, versions: [] as ImageVersion[] }]));
  for (const v of versions) groups.get(key(v))?.versions.push(v);
  return [...groups.values()];
}

/** Every wanted version's replication; the budget paces them, the cap bounds how many wait at once. */
async function readAll(reader: ReplicationReader, wanted: readonly { definition: ImageDefinition; version: ImageVersion }[]): Promise<Map<ImageVersion, ReplicationRead>> {
  const reads = await mapLimit(wanted, CONCURRENCY, async ({ definition, version }) => (await reader.readMany(definition, [version.version])).get(version.version)!);
  return new Map(wanted.map((w, i) => [w.version, reads[i]!]));
}

/** The definition's users for each version past its end of life (the finding names who still runs it). */
function usageOfPastEndOfLife(versions: readonly ImageVersion[], usage: VersionUsage | undefined, now: Date): Map<string, VersionUsage> {
  if (!usage) return new Map();
  return new Map(versions.filter((v) => isPastEndOfLife(v.endOfLifeDate, now)).map((v) => [v.version, usage]));
}
