import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { StoreError, UserFacingError } from '../../errors';
import { SCHEMA_STEPS, SCHEMA_VERSION } from './sqlite-schema';

/** Options for opening the embedded database. */
export interface SqliteOpenOptions {
  /** CLIs (`audit:verify`, `report`, `store:check`) read while the bot runs: no schema changes, no writes. */
  readOnly?: boolean;
  /** How long a statement waits for another connection's write lock (ms). Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * One connection to the embedded SQLite database (Node's built-in `node:sqlite`: no native build). node:sqlite
 * is synchronous, so a transaction never interleaves with another call of this process: the process is its
 * own writer queue. WAL lets read-only CLIs read while the bot writes. `synchronous = NORMAL` in WAL mode
 * survives a crash of the process (kill -9) without losing a committed transaction; an OS crash or power cut
 * can lose the last few (use Azure Table Storage where that matters).
 */
export class SqliteDatabase {
  /** Runs first in every write transaction (see `guardWrites`). */
  private guard: (() => void) | undefined;
  /**
   * Prepared statements by SQL text. Compiling a statement costs more than running it (a third of a
   * conversation reference's write was `prepare`), and the stores' SQL is a small fixed set, so each is compiled
   * once; bounded all the same, in case a caller ever builds SQL text per call.
   */
  private readonly statements = new Map<string, StatementSync>();

  private constructor(
    readonly file: string,
    readonly db: DatabaseSync,
    readonly readOnly: boolean,
  ) {}

  static open(file: string, options: SqliteOpenOptions = {}): SqliteDatabase {
    const readOnly = options.readOnly === true;
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(file, { readOnly, timeout: options.busyTimeoutMs ?? 5000 });
    } catch (err) {
      throw new StoreError(`cannot open ${file}: ${describeError(err)}`, { cause: err });
    }
    const database = new SqliteDatabase(file, db, readOnly);
    try {
      database.prepareSchema();
    } catch (err) {
      db.close();
      throw err instanceof StoreError ? err : new StoreError(`${file} is not a usable GalleryOps database: ${describeError(err)}`, { cause: err });
    }
    return database;
  }

  /**
   * Runs `guard` at the start of every later write transaction, under the write lock: a check there (this
   * process still owns the database) cannot be overtaken by another process between the check and the write.
   */
  guardWrites(guard: () => void): void {
    this.guard = guard;
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE: the write lock is taken up front, never upgraded). */
  transaction<T>(work: () => T): T {
    if (this.readOnly) throw new StoreError(`${this.file} is open read-only`);
    if (!this.db.isOpen) throw new StoreError(`${this.file} is closed`);
    try {
      this.statement('BEGIN IMMEDIATE').run();
      this.guard?.();
      const result = work();
      this.statement('COMMIT').run();
      return result;
    } catch (err) {
      if (this.db.isOpen && this.db.isTransaction) this.db.exec('ROLLBACK');
      // Nothing of the unit is stored: callers (a decision, an append) must hear it as a storage failure, in
      // words, not as SQLite's exception (disk full, I/O error, a lock held past the busy timeout).
      if (err instanceof UserFacingError) throw err;
      throw new StoreError(`a write to ${this.file} failed and was rolled back: ${describeError(err)}`, { cause: err });
    }
  }

  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Runs one statement; returns how many rows it changed. */
  run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  private statement(sql: string): StatementSync {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      if (this.statements.size >= 256) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  private schemaVersion(): number {
    return (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  }

  private prepareSchema(): void {
    // The first read of a file that is not SQLite fails here with "file is not a database".
    const version = this.schemaVersion();
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`${this.file} has schema version ${version}, newer than this GalleryOps understands (${SCHEMA_VERSION}); run the newer version or restore a backup`);
    }
    if (this.readOnly) {
      if (version < SCHEMA_VERSION) throw new StoreError(`${this.file} has schema version ${version}; start the bot once to upgrade it to ${SCHEMA_VERSION}`);
      return;
    }
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
    if (version === SCHEMA_VERSION) return;
    this.transaction(() => {
      // Read again under the write lock: two processes starting on a new file both saw version 0 above.
      for (const step of SCHEMA_STEPS.slice(this.schemaVersion())) this.db.exec(step);
      this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  }
}

/**
 * The message of anything thrown. node:sqlite's errors may come from another realm (jest's module sandbox),
 * where `instanceof Error` is false although they carry a message.
 */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}
