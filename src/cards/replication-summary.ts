import type { ImageVersion } from '../gallery/model';
import type { ReplicationRead } from '../gallery/replication-reader';
import type { Tone } from './status-mark';

/** One line about a version's replication across all its regions, for list views, and how much it needs noticing. */
export interface ReplicationSummary {
  text: string;
  tone: Tone;
}

/**
 * Aggregates per-region replication: a failure anywhere dominates (it names the regions, since "latest" may
 * send deployments there), then regions still replicating, then all completed.
 */
export function replicationSummary(v: ImageVersion, read: ReplicationRead | undefined): ReplicationSummary {
  const n = v.targetRegions.length;
  const regions = `${n} ${n === 1 ? 'region' : 'regions'}`;
  if (v.provisioningState === 'Failed') return { text: `Provisioning failed · ${regions}`, tone: 'attention' };
  if (!read || !read.ok) return { text: `${regions} · replication not read${read && !read.ok ? ` (${read.reason})` : ''}`, tone: 'default' };
  const all = read.replication.regions;
  const failed = all.filter((r) => r.state === 'Failed');
  if (failed.length) return { text: `Replication FAILED in ${failed.map((r) => r.region).join(', ')} (${failed.length} of ${all.length} ${all.length === 1 ? 'region' : 'regions'})`, tone: 'attention' };
  const pending = all.filter((r) => r.state !== 'Completed');
  if (pending.length) {
    const detail = pending.map((r) => `${r.region}${r.progress !== undefined ? ` ${r.progress} %` : ''}`).join(', ');
    return { text: `Replicating: ${all.length - pending.length} of ${all.length} ${all.length === 1 ? 'region' : 'regions'} completed (${detail})`, tone: 'progress' };
  }
  return { text: `Replication completed in ${all.length === 0 ? regions : `${all.length} ${all.length === 1 ? 'region' : 'regions'}`}`, tone: 'good' };
}
