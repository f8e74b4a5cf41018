/**
 * Test and demo control of a version's replication, as if Azure's replication moved on: a region can be set to a
 * state, or to finish replicating after a while. Seeded regions are static otherwise (the demo must keep showing
 * "Replicating 40 %"), so this is how a test or the E2E makes Southeast Asia finish and watches what follows.
 */
import { z } from 'zod';
import type { EmulatorContext } from './emulator-context';
import { FAILED_REGION_RETRIES, regionKey, type FailedRegionRetry, type RegionPlan } from './replication';

export const replicationChangeSchema = z
  .object({
    gallery: z.string(),
    image: z.string(),
    version: z.string(),
    region: z.string(),
    state: z.enum(['Replicating', 'Completed', 'Failed', 'Unknown']),
    progress: z.number().int().min(0).max(100).optional(),
    details: z.string().optional(),
    /** With state Replicating: complete after this many ms (progress then moves on by itself). */
    completesInMs: z.number().int().nonnegative().optional(),
  })
  .strict();

/** What to change; see the schema for each field. */
export type ReplicationChange = z.infer<typeof replicationChangeSchema>;

/** Applies the change to the stored version; throws an Error naming what was not found. */
export function setReplication(ctx: EmulatorContext, change: ReplicationChange): void {
  const names = [change.gallery, change.image, change.version].map((n) => n.toLowerCase());
  const version = ctx.store
    .all()
    .find((r) => r.address.kind === 'version' && r.address.names.map((n) => n.toLowerCase()).join('/') === names.join('/'));
  if (!version?.replication) throw new Error(`no version ${change.gallery}/${change.image}/${change.version}`);
  const at = version.replication.findIndex((p) => regionKey(p.region) === regionKey(change.region));
  if (at < 0) throw new Error(`${change.version} does not target ${change.region}`);
  const before = version.replication[at]!;
  const now = ctx.monotonic();
  const next: RegionPlan = {
    region: before.region,
    state: change.state,
    progress: change.progress ?? (change.state === 'Completed' ? 100 : change.state === 'Replicating' ? before.progress : 0),
    details: change.details ?? '',
    ...(change.state === 'Replicating' && change.completesInMs !== undefined ? { startedAt: now - progressSpan(change.progress ?? before.progress, change.completesInMs), completesAt: now + change.completesInMs } : {}),
  };
  version.replication[at] = next;
}

/** How long ago a replication "started" so that it shows `progress` % now and ends in `remainingMs`. */
function progressSpan(progress: number, remainingMs: number): number {
  if (progress <= 0 || progress >= 100) return 0;
  return Math.round((remainingMs * progress) / (100 - progress));
}

/** `POST /_emulator/failed-region-retry` body: what a re-driven Failed region does from now on. */
export const failedRegionRetrySchema = z.object({ failedRegionRetry: z.enum(FAILED_REGION_RETRIES as [FailedRegionRetry, ...FailedRegionRetry[]]) }).strict();

/** Applies to retries started from now on; replications already running end as they were told when they started. */
export function setFailedRegionRetry(ctx: EmulatorContext, mode: FailedRegionRetry): void {
  ctx.failedRegionRetry = mode;
}
