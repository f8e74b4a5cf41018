/**
 * Replication status per region. Seeded states are static (the demo must keep showing "Replicating 40 %");
 * regions added at runtime start Replicating and complete after a configured time, so a new version behaves
 * like Azure's (Replicating → Completed) without anyone driving it. A write that lists a Failed region again
 * makes Azure retry it (users re-drive replication that way): see `replan`'s `redrive`.
 */

export type RegionState = 'Replicating' | 'Completed' | 'Failed' | 'Unknown';

export interface RegionPlan {
  /** As the version's targetRegions name it. */
  region: string;
  state: RegionState;
  progress: number;
  details: string;
  /** Monotonic ms; present only for runtime replications, which move to Completed at `completesAt`. */
  startedAt?: number;
  completesAt?: number;
  /** A runtime replication that ends Failed at `completesAt` (a retry configured to fail again), with Azure's words. */
  failsWith?: RegionFailure;
}

/** How a region's replication failed: Azure's text and how far it got. */
export interface RegionFailure {
  details: string;
  progress: number;
}

/**
 * What re-driving a Failed region does (users report both in the Azure CLI's issue tracker): `succeed`, Azure's
 * retry after an update completes; `stay-failed`, the retry fails again, but a region removed and added back
 * replicates afresh and completes; `stay-failed-after-re-add`, even that fails again.
 */
export type FailedRegionRetry = 'succeed' | 'stay-failed' | 'stay-failed-after-re-add';
export const FAILED_REGION_RETRIES: readonly FailedRegionRetry[] = ['succeed', 'stay-failed', 'stay-failed-after-re-add'];

/** A write that lists target regions: Failed ones are retried, `removedFailures` remembers Failed regions dropped earlier. */
export interface Redrive {
  retry: FailedRegionRetry;
  removedFailures: ReadonlyMap<string, RegionFailure>;
}

/** ARM's `replicationStatus` body. */
export interface ReplicationStatusBody {
  aggregatedState: 'Completed' | 'InProgress' | 'Failed' | 'Unknown';
  summary: Array<{ region: string; state: RegionState; details: string; progress: number }>;
}

/** Region names compare as Azure does: case- and space-insensitive ("East US 2" = "eastus2"). */
export function regionKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

const STATES: readonly string[] = ['Replicating', 'Completed', 'Failed', 'Unknown'];

/**
 * A static plan from a seed document's `replicationStatus`. A target region it does not mention (or a seed with
 * no replicationStatus at all, like most of Microsoft's examples) is Unknown, as ARM reports a region it has no
 * status for: the emulator must not claim a replica it was never told about.
 */
export function planFromSeed(targetRegions: string[], seeded: unknown): RegionPlan[] {
  const summary = (seeded as { summary?: unknown } | undefined)?.summary;
  const entries = Array.isArray(summary) ? (summary as Array<Record<string, unknown>>) : [];
  const byRegion = new Map(entries.map((e) => [regionKey(String(e['region'] ?? '')), e]));
  return targetRegions.map((region) => {
    const entry = byRegion.get(regionKey(region));
    const state = STATES.includes(String(entry?.['state'])) ? (entry?.['state'] as RegionState) : 'Unknown';
    const progress = typeof entry?.['progress'] === 'number' ? entry['progress'] : state === 'Completed' ? 100 : 0;
    return { region: typeof entry?.['region'] === 'string' ? entry['region'] : region, state, progress, details: String(entry?.['details'] ?? '') };
  });
}

/**
 * The plan after the target regions changed: regions kept keep their state, new ones start replicating at
 * `now` for `durationMs`, removed ones disappear. With `redrive` (the write listed the target regions), a kept
 * region that is Failed at `now` replicates again, and ends as `redrive.retry` says; a region added back after
 * it was removed while Failed fails again only under `stay-failed-after-re-add`.
 */
export function replan(previous: RegionPlan[], targetRegions: string[], now: number, durationMs: number, redrive?: Redrive): RegionPlan[] {
  const byRegion = new Map(previous.map((p) => [regionKey(p.region), p]));
  const fresh = (region: string, failsWith: RegionFailure | undefined): RegionPlan => ({
    region,
    state: 'Replicating',
    progress: 0,
    details: '',
    startedAt: now,
    completesAt: now + durationMs,
    ...(failsWith ? { failsWith } : {}),
  });
  return targetRegions.map((region) => {
    const kept = byRegion.get(regionKey(region));
    if (kept === undefined) {
      const scar = redrive?.retry === 'stay-failed-after-re-add' ? redrive.removedFailures.get(regionKey(region)) : undefined;
      return fresh(region, scar);
    }
    const failure = redrive ? failureAt(kept, now) : undefined;
    if (failure === undefined) return kept;
    return fresh(kept.region, redrive?.retry === 'succeed' ? undefined : failure);
  });
}

/** How the regions a write starts replicating finish: all at once, or one after another (as Azure shows it). */
export type ReplicationOrder = 'together' | 'region-by-region';
export const REPLICATION_ORDERS: readonly ReplicationOrder[] = ['together', 'region-by-region'];

/**
 * `region-by-region`: the regions whose replication starts at `now` (in target order) take `durationMs` each,
 * one after another, so a new version's regions complete over time, the last after n × `durationMs`; a later
 * region shows Replicating at 0 % until its turn. Regions that never finish (stalled) take no turn.
 */
export function inOrder(plan: RegionPlan[], now: number, durationMs: number, order: ReplicationOrder): RegionPlan[] {
  if (order === 'together') return plan;
  let turn = 0;
  return plan.map((p) => {
    if (p.startedAt !== now || p.completesAt === undefined) return p;
    const startedAt = now + turn * durationMs;
    turn += 1;
    return { ...p, startedAt, completesAt: startedAt + durationMs };
  });
}

/**
 * The Failed regions a write drops (and those dropped earlier that it does not add back), for `Redrive`:
 * Azure keeps no replica there, but a broken storage account in that region would fail the next copy too.
 */
export function removedFailures(previous: RegionPlan[], targetRegions: string[], now: number, before: ReadonlyMap<string, RegionFailure> = new Map()): Map<string, RegionFailure> {
  const kept = new Set(targetRegions.map(regionKey));
  const next = new Map([...before].filter(([key]) => !kept.has(key)));
  for (const p of previous) {
    const failure = failureAt(p, now);
    if (failure !== undefined && !kept.has(regionKey(p.region))) next.set(regionKey(p.region), failure);
  }
  return next;
}

/** The failure a region shows at `now`, if it is Failed then. */
function failureAt(p: RegionPlan, now: number): RegionFailure | undefined {
  const shown = regionAt(p, now);
  return shown.state === 'Failed' ? { details: shown.details || defaultFailure(p.region), progress: shown.progress } : undefined;
}

/** Azure's words for a failed regional copy, when no one gave other words. */
export function defaultFailure(region: string): string {
  return `Replication to region '${regionKey(region)}' failed: the copy to the regional storage account did not complete (ErrorCode: ReplicationJobFailed). Update the image version's target regions to retry the replication.`;
}

/** One region's status at monotonic time `now`. */
function regionAt(p: RegionPlan, now: number): { region: string; state: RegionState; details: string; progress: number } {
  if (p.completesAt === undefined || p.startedAt === undefined) return { region: p.region, state: p.state, details: p.details, progress: p.progress };
  if (now >= p.completesAt) {
    return p.failsWith ? { region: p.region, state: 'Failed', details: p.failsWith.details, progress: p.failsWith.progress } : { region: p.region, state: 'Completed', details: '', progress: 100 };
  }
  const span = Math.max(1, p.completesAt - p.startedAt);
  // Before its turn (region by region) a region waits at 0 %.
  const progress = Math.max(0, Math.min(99, Math.floor((100 * (now - p.startedAt)) / span)));
  return { region: p.region, state: 'Replicating', details: '', progress };
}

/** The status ARM would report at monotonic time `now`. */
export function replicationStatus(plan: RegionPlan[], now: number): ReplicationStatusBody {
  const summary = plan.map((p) => regionAt(p, now));
  const states = summary.map((s) => s.state);
  const aggregatedState = states.includes('Failed')
    ? 'Failed'
    : states.includes('Replicating')
      ? 'InProgress'
      : states.includes('Unknown')
        ? 'Unknown'
        : 'Completed';
  return { aggregatedState, summary };
}
