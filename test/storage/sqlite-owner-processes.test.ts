/**
 * One owner per embedded database, with real processes: a bot (child process) owns the data folder; a second
 * bot is refused with the owner's pid, host and since; CLIs read beside it; after kill -9 the next start takes
 * over with no manual cleanup.
 */
import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/audit-log';
import { StoreInUseError } from '../../src/storage/sqlite/sqlite-ownership';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { startTsWorker, type TsWorker } from '../helpers/ts-worker';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

const WORKER = join(__dirname, 'workers', 'sqlite-owner-worker.ts');

let dir: string;
const workers: TsWorker[] = [];
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function startOwner(): Promise<TsWorker> {
  const worker = await startTsWorker(WORKER, [dir]);
  workers.push(worker);
  return worker;
}

async function kill9(worker: TsWorker): Promise<void> {
  process.kill(worker.pid, 'SIGKILL');
  await worker.stop(); // resolves once it has exited
}

test('a second bot is refused naming the owner; a CLI reads beside it; after kill -9 the next start takes over', async () => {
  const owner = await startOwner();
  expect(await owner.ask('create CR-CHILD001', 'created')).toBe('CR-CHILD001');

  const refused = openSqliteStore(dir);
  await expect(refused).rejects.toBeInstanceOf(StoreInUseError);
  await expect(refused).rejects.toThrow(new RegExp(`process ${owner.pid} on host ${hostname()} since \\d{4}-\\d\\d-\\d\\dT`));

  // Read-only while the owner runs (its -wal and -shm exist): sees what it wrote, then what it writes next.
  expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(true);
  const cli = await openSqliteStore(dir, { readOnly: true });
  expect(await cli.requests.get('CR-CHILD001')).toMatchObject({ id: 'CR-CHILD001', auditAnchor: { seq: 1 } });
  expect(await owner.ask('create CR-CHILD002', 'created')).toBe('CR-CHILD002');
  expect((await cli.requests.listOpen()).map((r) => r.id)).toEqual(['CR-CHILD001', 'CR-CHILD002']);
  expect(await createAuditLog(cli.audit).verify()).toMatchObject({ ok: true, count: 2 });
  expect(await cli.check()).toMatchObject({ readable: true, writable: 'not-checked', damaged: [], problems: [] });
  await cli.close();

  // kill -9 runs no cleanup: the owner row, -wal and -shm stay. What it committed is still there.
  expect(await owner.ask('create CR-CHILD003', 'created')).toBe('CR-CHILD003');
  await kill9(owner);
  const reader = await openSqliteStore(dir, { readOnly: true });
  expect(await reader.requests.get('CR-CHILD003')).toMatchObject({ id: 'CR-CHILD003' });
  await reader.close();

  const takeovers: string[] = [];
  const next = await openSqliteStore(dir, { onTakeover: (previous, reason) => takeovers.push(`${previous.pid}: ${reason}`) });
  expect(takeovers).toEqual([`${owner.pid}: process ${owner.pid} is gone`]);
  expect((await next.requests.listOpen()).map((r) => r.id)).toEqual(['CR-CHILD001', 'CR-CHILD002', 'CR-CHILD003']);
  expect(await createAuditLog(next.audit).verify()).toMatchObject({ ok: true, count: 3 });
  await next.close();
});

test('a clean close releases the database: no -wal, -shm or owner left, a CLI reads, the next owner needs no takeover', async () => {
  const owner = await startOwner();
  expect(await owner.ask('create CR-CHILD001', 'created')).toBe('CR-CHILD001');
  expect(await owner.ask('quit', 'closed')).toBe(true);
  await owner.stop();
  // SQLite removes -wal and -shm when the last connection closes cleanly: the read-only open must do without them.
  expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(false);
  expect(existsSync(join(dir, `${DATABASE_FILE}-shm`))).toBe(false);
  expect(withRawDatabase(dir, (db) => db.prepare("SELECT value FROM meta WHERE key = 'owner'").get())).toBeUndefined();
  const cli = await openSqliteStore(dir, { readOnly: true });
  expect(await cli.requests.get('CR-CHILD001')).toMatchObject({ id: 'CR-CHILD001' });
  await cli.close();
  const takeovers: unknown[] = [];
  const next = await openSqliteStore(dir, { onTakeover: (previous) => takeovers.push(previous) });
  expect(await next.requests.get('CR-CHILD001')).toMatchObject({ id: 'CR-CHILD001' });
  await next.close();
  expect(takeovers).toEqual([]);
});

test('two bots starting at once on a new data folder: exactly one owns it, the other names it', async () => {
  const started = await Promise.allSettled([startTsWorker(WORKER, [dir]), startTsWorker(WORKER, [dir])]);
  for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
  const winners = started.filter((s): s is PromiseFulfilledResult<TsWorker> => s.status === 'fulfilled');
  expect(winners).toHaveLength(1);
  const loser = started.find((s) => s.status === 'rejected') as PromiseRejectedResult;
  expect(String(loser.reason)).toContain(`in use by GalleryOps process ${winners[0]!.value.pid} on host ${hostname()}`);
});
