import { z } from 'zod';
import { processExists, processStartTime, type ProcessIdentity } from './process-identity';

/** The process that owns the embedded database: the one bot allowed to write it. */
export interface StoreOwner extends ProcessIdentity {
  /** Per claim: a store object checks it before each write, so one that lost ownership stops writing. */
  token: string;
  /** ISO 8601 UTC: when it took ownership. */
  since: string;
  /** ISO 8601 UTC: refreshed while it runs; what another host judges it by. */
  heartbeatAt: string;
}

export const storeOwnerSchema: z.ZodType<StoreOwner> = z.object({
  pid: z.number().int(),
  host: z.string(),
  procStart: z.string().optional(),
  bootId: z.string().optional(),
  nonce: z.string(),
  token: z.string(),
  since: z.string(),
  heartbeatAt: z.string(),
});

/** Whether a recorded owner still holds the database, and why (for the refusal or the takeover log). */
export type OwnerVerdict = { live: true; sameProcess: boolean } | { live: false; reason: string };

/**
 * Judges a recorded owner from this process. On the same host the process table decides (a crash leaves the
 * record behind, and kill -9 runs no cleanup): gone, or its pid now belongs to a process started at another
 * time, means dead. Without /proc a live pid cannot be told from a reused one, so a stale heartbeat decides.
 * Another host's processes cannot be seen at all: there only the heartbeat counts.
 */
export function judgeOwner(owner: StoreOwner, self: ProcessIdentity, nowMs: number, staleMs: number): OwnerVerdict {
  const silentMs = nowMs - Date.parse(owner.heartbeatAt);
  const stale = !(silentMs <= staleMs);
  if (owner.host !== self.host) {
    return stale ? { live: false, reason: `host ${owner.host} sent no heartbeat for ${seconds(silentMs)}` } : { live: true, sameProcess: false };
  }
  if (owner.bootId && self.bootId && owner.bootId !== self.bootId) return { live: false, reason: 'the machine was restarted since' };
  if (owner.pid === self.pid) {
    // Same pid, other nonce: an earlier incarnation (a container restarted as the same pid).
    return owner.nonce === self.nonce ? { live: true, sameProcess: true } : { live: false, reason: `pid ${owner.pid} is this process now` };
  }
  if (!processExists(owner.pid)) return { live: false, reason: `process ${owner.pid} is gone` };
  const start = processStartTime(owner.pid);
  if (start !== undefined && owner.procStart !== undefined) {
    return start === owner.procStart ? { live: true, sameProcess: false } : { live: false, reason: `pid ${owner.pid} now belongs to another process` };
  }
  return stale ? { live: false, reason: `process ${owner.pid} sent no heartbeat for ${seconds(silentMs)}` } : { live: true, sameProcess: false };
}

/** "process 1234 on host web-1 since …, last heartbeat 3 s ago": who holds the database, for the refusal. */
export function describeOwner(owner: StoreOwner, nowMs: number): string {
  return `process ${owner.pid} on host ${owner.host} since ${owner.since} (last heartbeat ${seconds(nowMs - Date.parse(owner.heartbeatAt))} ago)`;
}

function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${Math.max(0, Math.round(ms / 1000))} s` : 'an unknown time';
}
