/**
 * Replication that goes wrong on its own, configured before the write that starts it: a rule names regions of
 * versions (a case-insensitive regex on `gallery/image/version/region`, the region as the write named it) whose
 * new replication fails when its time is up, or stalls at a progress and never moves (until a later write or
 * `setReplication` moves it). This is how the demo and tests make a version published by an approved promotion
 * fail or get stuck in one region, as Azure sometimes does, without driving it by hand afterwards.
 */
import { z } from 'zod';
import { defaultFailure, type RegionPlan } from './replication';

export const replicationFaultSchema = z
  .object({
    /** Case-insensitive regex on `gallery/image/version/region`, e.g. `dispatch/2026\.6\.0/central ?us`. */
    match: z.string().min(1),
    /** `fail`: Failed once its replication time is up; `stall`: Replicating at `progress`, never finishing. */
    outcome: z.enum(['fail', 'stall']),
    /** Where it fails or stalls (default 60 for a failure, 40 for a stall). */
    progress: z.number().int().min(0).max(99).optional(),
    /** Azure's words for a failure (default: the emulator's usual replication failure). */
    details: z.string().min(1).optional(),
  })
  .strict();

/** One rule; see the schema. */
export type ReplicationFault = z.infer<typeof replicationFaultSchema>;

/** Checks rules given as data (CLI, environment, start options); throws an Error naming what is wrong. */
export function parseReplicationFaults(value: unknown): ReplicationFault[] {
  const parsed = z.array(replicationFaultSchema).safeParse(value);
  if (!parsed.success) throw new Error(`replication faults: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(list)'}: ${i.message}`).join('; ')}`);
  for (const rule of parsed.data) {
    try {
      new RegExp(rule.match, 'i');
    } catch {
      throw new Error(`replication faults: match '${rule.match}' is not a regular expression.`);
    }
  }
  return parsed.data;
}

/**
 * The plan with the first matching rule applied to each region whose replication starts at `now` (new, or
 * retried by this write); regions already replicating, finished or seeded keep their course.
 */
export function withReplicationFaults(plan: RegionPlan[], version: readonly string[], now: number, faults: readonly ReplicationFault[]): RegionPlan[] {
  if (faults.length === 0) return plan;
  return plan.map((p) => {
    if (p.startedAt !== now) return p;
    const rule = faults.find((f) => new RegExp(f.match, 'i').test([...version, p.region].join('/')));
    if (!rule) return p;
    if (rule.outcome === 'stall') return { region: p.region, state: 'Replicating', progress: rule.progress ?? 40, details: '' };
    const { failsWith: _retry, ...rest } = p;
    return { ...rest, failsWith: { details: rule.details ?? defaultFailure(p.region), progress: rule.progress ?? 60 } };
  });
}
