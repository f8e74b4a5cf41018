import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What tells one process apart from every other, now and after the fact: a pid alone is not enough, because
 * pids are reused (after a kill -9, a new process may get the old owner's pid; containers restart as pid 1).
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Start time of the process in clock ticks since boot (`/proc/<pid>/stat` field 22); absent off Linux. */
  procStart?: string;
  /** The kernel's boot id: a pid and start time only mean something within one boot. Absent off Linux. */
  bootId?: string;
  /** Random per process: two store objects of one process recognise each other. */
  nonce: string;
}

// One per process, so a second open in this process is recognised as this process (not a dead predecessor).
const PROCESS_NONCE = randomBytes(8).toString('hex');

/** This process. */
export function currentProcess(): ProcessIdentity {
  const procStart = processStartTime(process.pid);
  const bootId = readBootId();
  return {
    pid: process.pid,
    host: hostname(),
    nonce: PROCESS_NONCE,
    ...(procStart !== undefined ? { procStart } : {}),
    ...(bootId !== undefined ? { bootId } : {}),
  };
}

/** True while a process with this pid exists on this host (it may be another program that reused the pid). */
export function processExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's start time from `/proc/<pid>/stat`, or undefined where there is no /proc (macOS, Windows). */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or ')': fields resume after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Field 22 overall; the rest starts at field 3.
  const start = fields[22 - 3];
  return start && /^\d+$/.test(start) ? start : undefined;
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
