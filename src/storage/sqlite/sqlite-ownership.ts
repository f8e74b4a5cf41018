import { randomBytes } from 'node:crypto';
import { StoreError } from '../../errors';
import { currentProcess } from './process-identity';
import { describeError, type SqliteDatabase } from './sqlite-database';
import { describeOwner, judgeOwner, storeOwnerSchema, type StoreOwner } from './store-owner';

/** Timing of ownership; the defaults suit a bot (tests shorten them). */
export interface OwnershipOptions {
  /** How often the owner refreshes its heartbeat (ms). Default 10 s. */
  heartbeatMs?: number;
  /** A heartbeat older than this means a dead owner, where the process table cannot say (ms). Default 60 s. */
  staleMs?: number;
  /** Told once when an earlier owner was found dead and replaced (the composition root logs it). */
  onTakeover?: (previous: StoreOwner, reason: string) => void;
}

/** A second bot on the same data folder: the message names the running owner. */
export class StoreInUseError extends StoreError {
  constructor(
    readonly file: string,
    readonly owner: StoreOwner,
    sameProcess: boolean,
  ) {
    const who = sameProcess ? 'another store object of this process' : `GalleryOps ${describeOwner(owner, Date.now())}`;
    super(
      `${file} is in use by ${who}. One bot owns the embedded database: stop that process first (after a crash ` +
        'the next start takes over by itself), or use Azure Table Storage to run several instances.',
    );
  }
}

const OWNER_KEY = 'owner';

/**
 * The owner is a row in the database's `meta` table, claimed inside a write transaction, so of two processes
 * starting at once exactly one wins, and there is no lock file to go stale. The owner refreshes a heartbeat
 * (for other hosts, which cannot see its pid), releases the row on close, and every write transaction
 * checks the row still names this claim: if another host took over after the heartbeat stalled, this
 * process stops writing instead of interleaving with the new owner.
 */
export class SqliteOwnership {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly database: SqliteDatabase,
    readonly owner: StoreOwner,
  ) {}

  /** Takes ownership or throws `StoreInUseError`; a write that fails here means the database cannot be written. */
  static claim(database: SqliteDatabase, options: OwnershipOptions = {}): SqliteOwnership {
    const staleMs = options.staleMs ?? 60_000;
    const now = new Date().toISOString();
    const owner: StoreOwner = { ...currentProcess(), token: randomBytes(8).toString('hex'), since: now, heartbeatAt: now };
    let takeover: { previous: StoreOwner; reason: string } | undefined;
    try {
      database.transaction(() => {
        const previous = readOwner(database);
        if (previous) {
          const verdict = judgeOwner(previous, owner, Date.now(), staleMs);
          if (verdict.live) throw new StoreInUseError(database.file, previous, verdict.sameProcess);
          takeover = { previous, reason: verdict.reason };
        }
        writeOwner(database, owner);
      });
    } catch (err) {
      if (err instanceof StoreInUseError) throw err;
      // The claim is the first write of a start: failing here means the database cannot be written at all.
      const cause = err instanceof StoreError && err.cause !== undefined ? err.cause : err;
      throw new StoreError(`cannot write ${database.file}: ${describeError(cause)} (check the file's permissions and free disk space)`, { cause });
    }
    if (takeover) options.onTakeover?.(takeover.previous, takeover.reason);
    const ownership = new SqliteOwnership(database, owner);
    database.guardWrites(() => ownership.assertOwned());
    ownership.timer = setInterval(() => ownership.beat(), options.heartbeatMs ?? 10_000);
    // The heartbeat alone must never keep a process alive that has nothing else to do.
    ownership.timer.unref();
    return ownership;
  }

  /** Inside a write transaction: throws unless the owner row still names this claim. */
  assertOwned(): void {
    // Every write runs this: SQLite compares the token, so the row is parsed only when it names someone else.
    const mine = this.database.get<{ token: unknown }>(`SELECT json_extract(value, '$.token') AS token FROM meta WHERE key = ?`, OWNER_KEY);
    if (mine?.token === this.owner.token) return;
    const current = readOwner(this.database);
    if (current?.token === this.owner.token) return;
    this.stopBeating();
    const who = current ? describeOwner(current, Date.now()) : 'nobody';
    throw new StoreError(`this process no longer owns ${this.database.file} (now held by ${who}); restart it`);
  }

  /** Gives the database up (on close), unless someone already took it over. */
  release(): void {
    this.stopBeating();
    try {
      this.database.run(`DELETE FROM meta WHERE key = ? AND json_extract(value, '$.token') = ?`, OWNER_KEY, this.owner.token);
    } catch {
      // A row left behind is judged dead at the next start (this pid will be gone); nothing to do here.
    }
  }

  private beat(): void {
    try {
      const heartbeatAt = new Date().toISOString();
      const changed = this.database.run(
        `UPDATE meta SET value = json_set(value, '$.heartbeatAt', ?) WHERE key = ? AND json_extract(value, '$.token') = ?`,
        heartbeatAt,
        OWNER_KEY,
        this.owner.token,
      );
      // Taken over: the next write transaction says so (assertOwned); beating on would only mislead.
      if (changed === 0) this.stopBeating();
    } catch {
      // Busy or disk trouble: the next beat tries again, well within the stale limit.
    }
  }

  private stopBeating(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The recorded owner; an unreadable row counts as none (it cannot name a process to wait for). */
export function readOwner(database: SqliteDatabase): StoreOwner | undefined {
  const row = database.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', OWNER_KEY);
  if (!row) return undefined;
  try {
    const parsed = storeOwnerSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeOwner(database: SqliteDatabase, owner: StoreOwner): void {
  database.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', OWNER_KEY, JSON.stringify(owner));
}
