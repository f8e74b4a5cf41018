import { regionPart } from './region-transitions';
import type { ReachedState, WatchEvent } from './watch-event';

/** Regions remembered at most (the oldest are forgotten: they lose only the time on a recovery card). */
const MAX_REGIONS = 50_000;

/**
 * When this process saw each region enter Completed or Failed, so a recovery card can say when the region had
 * failed ("completed after failing at 19:20 UTC"). ARM gives no time for a region's state, so the time is the
 * first cycle that saw it; only a change this process saw happen has a time (a region already Failed at its
 * first read failed at some unknown earlier time). In memory only: after a restart a recovery still says
 * "after failing", without the time.
 */
export class RegionStateMemory {
  /** Per region (see regionPart): the state read last (undefined: neither Completed nor Failed), and when each state was entered. */
  private readonly regions = new Map<string, { now: ReachedState | undefined; entered: Partial<Record<ReachedState, string>> }>();

  /** Takes one complete cycle's facts: notes the states entered, and sets each replication fact's `stateSeenAt`. */
  note(facts: WatchEvent[], now: Date): void {
    const present = new Set<string>();
    for (const f of facts) {
      if (f.kind !== 'replication' || !f.state || f.stuck) continue;
      const key = regionPart(f.id);
      present.add(key);
      const known = this.regions.get(key);
      if (!known) this.regions.set(key, { now: f.state, entered: {} });
      else if (known.now !== f.state) {
        known.entered[f.state] = now.toISOString();
        known.now = f.state;
      }
      f.stateSeenAt = { ...this.regions.get(key)!.entered };
    }
    // A region without a Completed or Failed fact is replicating again (a repair): what it enters next is a change.
    for (const [key, known] of this.regions) if (!present.has(key)) known.now = undefined;
    for (const key of this.regions.keys()) {
      if (this.regions.size <= MAX_REGIONS) break;
      this.regions.delete(key);
    }
  }
}
