import type { ImageVersion } from '../gallery/model';
import type { ReplicationRead } from '../gallery/replication-reader';
import { isProvisioned } from '../gallery/version-state';
import type { Tone } from './status-mark';

/** One line about a version's replication across all its regions, for list views, and how much it needs noticing. */
export interface ReplicationSummary {
  text: string;
  tone: Tone;
}

const count = (n: number): string => `${n} ${n === 1 ? 'region' : 'regions'}`;

/**
 * Aggregates per-region replication: a failure anywhere dominates (it names the regions, since "latest" may
 * send deployments there), then regions still replicating, then all completed. A version still being
 * provisioned (Creating, Updating, Deleting, Migrating) says so first and is never "completed"; regions ARM
 * gave no state for are counted as not reported, never as completed.
 */
export function replicationSummary(v: ImageVersion, read: ReplicationRead | undefined): ReplicationSummary {
  const state = read?.ok && read.provisioningState ? read.provisioningState : v.provisioningState;
  const provisioned = isProvisioned({ provisioningState: state });
  const n = v.targetRegions.length;
  if (state === 'Failed') return { text: `Provisioning failed · ${count(n)}`, tone: 'attention' };
  const lead = provisioned ? '' : `Provisioning: ${state} · `;
  if (!read || !read.ok) return { text: `${lead}${count(n)} · replication not read${read && !read.ok ? ` (${read.reason})` : ''}`, tone: provisioned ? 'default' : 'progress' };
  const all = read.replication.regions;
  if (all.length === 0 && n === 0) return { text: `${lead}no target regions yet`, tone: provisioned ? 'default' : 'progress' };
  const failed = all.filter((r) => r.state === 'Failed');
  if (failed.length) return { text: `${lead}Replication FAILED in ${failed.map((r) => r.region).join(', ')} (${failed.length} of ${count(all.length)})`, tone: 'attention' };
  const pending = all.filter((r) => r.state !== 'Completed');
  const total = Math.max(all.length, n);
  if (pending.length || all.length < n) {
    const detail = pending.map((r) => `${r.region}${r.state === 'Replicating' ? (r.progress !== undefined ? ` ${r.progress} %` : '') : ` ${r.state}`}`).join(', ');
    const copying = pending.some((r) => r.state === 'Replicating');
    const done = all.length - pending.length;
    return { text: `${lead}${copying ? 'Replicating: ' : 'Replication: '}${done} of ${count(total)} completed${detail ? ` (${detail})` : ''}`, tone: copying || !provisioned ? 'progress' : 'warning' };
  }
  if (!provisioned) return { text: `${lead}${all.length} of ${count(total)} completed so far`, tone: 'progress' };
  return { text: `Replication completed in ${count(all.length)}`, tone: 'good' };
}
