import { normaliseArmId } from '../gallery/image-reference';
import type { ImageVersion } from '../gallery/model';
import type { ReplicationRead } from '../gallery/replication-reader';
import { ReadBudget } from '../gallery/read-budget';

/**
 * What the last report read of each version's replication: a version not Completed then (Replicating, Failed,
 * unreadable) is read again next time even when nothing else makes it worth a GET. Process memory, so a
 * restart starts without it (the first report then reads by the other reasons only); bounded, oldest dropped.
 */
export class ReplicationMemory {
  private readonly unfinished = new Map<string, true>();

  constructor(private readonly max = 100_000) {}

  /** Records what a read said: unfinished, or Completed in every region (forgotten). */
  record(v: Pick<ImageVersion, 'id'>, read: ReplicationRead): void {
    const key = normaliseArmId(v.id);
    const completed = read.ok && read.replication.regions.length > 0 && read.replication.regions.every((r) => r.state === 'Completed');
    this.unfinished.delete(key);
    if (completed || (!read.ok && read.notFound)) return;
    this.unfinished.set(key, true);
    if (this.unfinished.size > this.max) this.unfinished.delete(this.unfinished.keys().next().value as string);
  }

  /** True when the last read found it not Completed everywhere (or could not read it). */
  lastNotCompleted(v: Pick<ImageVersion, 'id'>): boolean {
    return this.unfinished.has(normaliseArmId(v.id));
  }
}

/** The report's per-process state: what replication looked like last time, and the pace of its ARM reads. */
export interface ReportReads {
  memory: ReplicationMemory;
  budget: ReadBudget;
}

/** Fresh state for a process (the app makes one; a one-off CLI run makes its own). */
export function reportReads(readsPerSecond: number): ReportReads {
  return { memory: new ReplicationMemory(), budget: new ReadBudget(readsPerSecond) };
}
