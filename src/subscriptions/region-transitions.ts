import type { ReachedState, WatchEvent } from './watch-event';

/** A delivered replication id: the region's part (`replication|<image>/<version>|<region>|`), its state, its number. */
const DELIVERED_STATE = /^(replication\|.+\|)(Completed|Failed)(?:#(\d+))?$/;

/**
 * The id of a region's n-th announced state. The first keeps the plain id (`…|Completed`) that was stored before
 * transitions were counted, so records made then still count as the first.
 */
export function transitionId(region: string, state: ReachedState, n: number): string {
  return n <= 1 ? `${region}${state}` : `${region}${state}#${n}`;
}

/** `replication|<image>/<version>|<region>|` of a replication id. */
export function regionPart(id: string): string {
  return id.slice(0, id.lastIndexOf('|') + 1);
}

/**
 * Gives each Completed or Failed region the id of the transition it is for this recipient (a subscription or a
 * hook), so a region that fails after completing, or completes after failing (a repair), is news again.
 * Facts only say a region's state now; the recipient's delivered ids say what it was last told: the same state
 * keeps that id (already delivered, so nothing new), another state takes the next number and says what it was
 * before. Derived from the stored ids only, it gives the same ids after a restart and on another instance; a
 * change and its undoing between two reads is not seen, as with any state read by polling. Pure; facts are
 * copied, not changed (they are shared by every recipient).
 */
export function numberTransitions(facts: readonly WatchEvent[], delivered: ReadonlySet<string>): WatchEvent[] {
  const told = lastTold(delivered);
  return facts.map((f) => {
    if (f.kind !== 'replication' || !f.state || f.stuck) return f;
    const region = regionPart(f.id);
    const last = told.get(region);
    if (!last) return f;
    if (last.state === f.state) return { ...f, id: transitionId(region, f.state, last.n) };
    const seenAt = f.stateSeenAt?.[last.state];
    return { ...f, id: transitionId(region, f.state, last.n + 1), before: { state: last.state, ...(seenAt ? { seenAt } : {}) } };
  });
}

/**
 * Per region, the newest state the recipient was told of, and its number. Both states under one number only
 * come from records made before transitions were counted (both plain ids): Failed is taken as the newer, so such
 * a region repeats at most one Completed card, never a failure (which would page someone again).
 */
function lastTold(delivered: ReadonlySet<string>): Map<string, { state: ReachedState; n: number }> {
  const told = new Map<string, { state: ReachedState; n: number }>();
  for (const id of delivered) {
    const m = DELIVERED_STATE.exec(id);
    if (!m) continue;
    const n = m[3] === undefined ? 1 : Number(m[3]);
    const state = m[2] as ReachedState;
    const known = told.get(m[1]!);
    if (!known || n > known.n || (n === known.n && state === 'Failed')) told.set(m[1]!, { state, n });
  }
  return told;
}
