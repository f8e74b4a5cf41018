import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { StoreError } from '../store-error';

/** Options for `LockFile`; the defaults suit critical sections of a few milliseconds. */
export interface LockFileOptions {
  /** Give up acquiring after this long. */
  timeoutMs?: number;
  /** A lock older than this is a crashed holder's leftover, whoever wrote it. */
  staleMs?: number;
}

// One per process: locks held by other LockFile objects of this process are live, not leftovers.
const PROCESS_NONCE = randomBytes(8).toString('hex');

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  at: number;
}

/**
 * A cross-process lock on one host (or a shared folder): the lock file is created with O_EXCL, so exactly one
 * creator wins. A lock left by a crashed process is broken when its process is gone (same host) or it is
 * older than `staleMs`. Breaking renames the file away first and puts it back if it turns out to be live,
 * which leaves a race only between a crash leftover and three simultaneous contenders.
 */
export class LockFile {
  private readonly timeoutMs: number;
  private readonly staleMs: number;

  constructor(private readonly path: string, options: LockFileOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.staleMs = options.staleMs ?? 30_000;
  }

  /** Runs `fn` holding the lock. Callers serialise their own concurrent calls (see AsyncMutex). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await unlink(this.path).catch(() => undefined);
    }
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const owner: LockOwner = { pid: process.pid, host: hostname(), nonce: PROCESS_NONCE, at: Date.now() };
      try {
        const file = await open(this.path, 'wx');
        await file.writeFile(JSON.stringify(owner)).finally(() => file.close());
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`cannot create ${this.path}`, { cause: err });
      }
      if (await this.breakIfStale()) continue;
      if (Date.now() > deadline) throw new StoreError(`timed out waiting for ${this.path} (held by another process?)`);
      await new Promise((r) => setTimeout(r, Math.min(2 + attempt * 2, 25) + Math.random() * 5));
    }
  }

  private async breakIfStale(): Promise<boolean> {
    const seen = await this.inspect();
    if (seen.kind !== 'stale') return seen.kind === 'gone';
    const aside = `${this.path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await rename(this.path, aside);
    } catch {
      return true; // someone else broke it first; just try again
    }
    const taken = await readFile(aside, 'utf8').catch(() => seen.raw);
    // We moved a lock that was re-created after we looked: put it back unless someone already holds a new one.
    if (taken !== seen.raw) await link(aside, this.path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return true;
  }

  private async inspect(): Promise<{ kind: 'gone' | 'live' } | { kind: 'stale'; raw: string }> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'gone' } : { kind: 'live' };
    }
    let owner: Partial<LockOwner> = {};
    try {
      owner = JSON.parse(raw) as Partial<LockOwner>;
    } catch {
      // A holder that crashed between create and write leaves an empty file: judge it by its age below.
    }
    if (typeof owner.pid !== 'number' || typeof owner.at !== 'number') {
      const mtime = await stat(this.path).then((s) => s.mtimeMs).catch(() => Date.now());
      return Date.now() - mtime > this.staleMs ? { kind: 'stale', raw } : { kind: 'live' };
    }
    const full: LockOwner = { pid: owner.pid, at: owner.at, host: String(owner.host), nonce: String(owner.nonce) };
    return this.isStale(full) ? { kind: 'stale', raw } : { kind: 'live' };
  }

  private isStale(owner: LockOwner): boolean {
    if (Date.now() - owner.at > this.staleMs) return true;
    if (owner.host !== hostname()) return false;
    // Our own pid with another nonce is a previous incarnation (containers reuse pid 1).
    if (owner.pid === process.pid) return owner.nonce !== PROCESS_NONCE;
    return !processAlive(owner.pid);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
