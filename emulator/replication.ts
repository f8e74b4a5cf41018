/**
 * Replication status per region. Seeded states are static (the demo must keep showing "Replicating 40 %");
 * regions added at runtime start Replicating and complete after a configured time, so a new version behaves
 * like Azure's (Replicating → Completed) without anyone driving it.
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

/** A static plan from a seed document's `replicationStatus` (regions it does not mention count as Completed). */
export function planFromSeed(targetRegions: string[], seeded: unknown): RegionPlan[] {
  const summary = (seeded as { summary?: unknown } | undefined)?.summary;
  const entries = Array.isArray(summary) ? (summary as Array<Record<string, unknown>>) : [];
  const byRegion = new Map(entries.map((e) => [regionKey(String(e['region'] ?? '')), e]));
  return targetRegions.map((region) => {
    const entry = byRegion.get(regionKey(region));
    const state = STATES.includes(String(entry?.['state'])) ? (entry?.['state'] as RegionState) : 'Completed';
    const progress = typeof entry?.['progress'] === 'number' ? entry['progress'] : state === 'Completed' ? 100 : 0;
    return { region: typeof entry?.['region'] === 'string' ? entry['region'] : region, state, progress, details: String(entry?.['details'] ?? '') };
  });
}

/**
 * The plan after the target regions changed: regions kept keep their state, new ones start replicating at
 * `now` for `durationMs`, removed ones disappear.
 */
export function replan(previous: RegionPlan[], targetRegions: string[], now: number, durationMs: number): RegionPlan[] {
  const byRegion = new Map(previous.map((p) => [regionKey(p.region), p]));
  return targetRegions.map(
    (region) =>
      byRegion.get(regionKey(region)) ?? {
        region,
        state: 'Replicating',
        progress: 0,
        details: '',
        startedAt: now,
        completesAt: now + durationMs,
      },
  );
}

/** The status ARM would report at monotonic time `now`. */
export function replicationStatus(plan: RegionPlan[], now: number): ReplicationStatusBody {
  const summary = plan.map((p) => {
    if (p.completesAt === undefined || p.startedAt === undefined) {
      return { region: p.region, state: p.state, details: p.details, progress: p.progress };
    }
    if (now >= p.completesAt) return { region: p.region, state: 'Completed' as const, details: '', progress: 100 };
    const span = Math.max(1, p.completesAt - p.startedAt);
    const progress = Math.min(99, Math.floor((100 * (now - p.startedAt)) / span));
    return { region: p.region, state: 'Replicating' as const, details: '', progress };
  });
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
