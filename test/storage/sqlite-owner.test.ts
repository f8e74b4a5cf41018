/**
 * How a recorded owner is judged, from owner rows written as a crashed or remote bot would leave them: a pid
 * that is gone or now belongs to another process, another boot, another host with a stale heartbeat.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { currentProcess, processStartTime } from '../../src/storage/sqlite/process-identity';
import { StoreInUseError } from '../../src/storage/sqlite/sqlite-ownership';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { StoreOwner } from '../../src/storage/sqlite/store-owner';
import { StoreError } from '../../src/errors';
import { pendingRequest } from '../approvals/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
let sleeper: ChildProcess | undefined;
beforeEach(async () => {
  dir = tempDataDir();
  await (await openSqliteStore(dir)).close(); // creates the schema, leaves no owner
});
afterEach(() => {
  sleeper?.kill('SIGKILL');
  sleeper = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const self = currentProcess();

function recordOwner(patch: Partial<StoreOwner>): StoreOwner {
  const owner: StoreOwner = { ...self, nonce: 'another-process', token: 'another-claim', since: ago(3_600_000), heartbeatAt: ago(1_000), ...patch };
  withRawDatabase(dir, (db) => db.prepare("INSERT INTO meta (key, value) VALUES ('owner', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(owner)));
  return owner;
}

/** Opens as owner and returns why the recorded owner was taken over (undefined: there was none). */
async function takeover(): Promise<string | undefined> {
  let reason: string | undefined;
  const store = await openSqliteStore(dir, { onTakeover: (_previous, why) => (reason = why) });
  await store.close();
  return reason;
}

/** A live process of this host that is not a GalleryOps owner. */
function livePid(): number {
  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return sleeper.pid as number;
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

test('same host: a live owner is refused with its pid, host and since', async () => {
  const pid = livePid();
  const owner = recordOwner({ pid, procStart: processStartTime(pid) });
  const open = openSqliteStore(dir);
  await expect(open).rejects.toBeInstanceOf(StoreInUseError);
  await expect(open).rejects.toThrow(`in use by GalleryOps process ${pid} on host ${hostname()} since ${owner.since}`);
});

test.each([
  ['its process is gone', () => ({ pid: deadPid() }), /^process \d+ is gone$/],
  ['the machine was restarted since', () => ({ pid: livePid(), bootId: 'another-boot' }), /^the machine was restarted since$/],
  ['its pid is this process now (a restarted container)', () => ({ pid: process.pid }), /^pid \d+ is this process now$/],
])('same host: an owner is taken over when %s', async (_name, patch, reason) => {
  recordOwner(patch());
  expect(await takeover()).toMatch(reason);
});

// Without /proc (macOS, Windows) a reused pid cannot be told from the owner; the heartbeat decides there.
(self.procStart ? test : test.skip)('same host: an owner is taken over when its pid now belongs to a process started at another time', async () => {
  recordOwner({ pid: livePid(), procStart: '1', heartbeatAt: ago(0) });
  expect(await takeover()).toMatch(/^pid \d+ now belongs to another process$/);
});

test('another host: refused while its heartbeat is fresh, taken over once it is stale', async () => {
  recordOwner({ host: 'bot-vm-2', pid: 4242, heartbeatAt: ago(5_000) });
  await expect(openSqliteStore(dir, { staleMs: 60_000 })).rejects.toThrow(/process 4242 on host bot-vm-2 since .* \(last heartbeat 5 s ago\)/);
  recordOwner({ host: 'bot-vm-2', pid: 4242, heartbeatAt: ago(90_000) });
  expect(await takeover()).toBe('host bot-vm-2 sent no heartbeat for 90 s');
});

test('an owner row that cannot be read names no process to wait for: taken over', async () => {
  withRawDatabase(dir, (db) => db.prepare("INSERT INTO meta (key, value) VALUES ('owner', 'garbage')").run());
  expect(await takeover()).toBeUndefined();
  const store = await openSqliteStore(dir);
  await store.close();
});

test('a second store object of this process is refused until the first closes', async () => {
  const first = await openSqliteStore(dir);
  await expect(openSqliteStore(dir)).rejects.toThrow(/in use by another store object of this process/);
  await first.close();
  await (await openSqliteStore(dir)).close();
});

test('the owner refreshes its heartbeat, and stops writing once another process took the database over', async () => {
  const store = await openSqliteStore(dir, { heartbeatMs: 20 });
  const read = () => withRawDatabase(dir, (db) => JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'owner'").get() as { value: string }).value) as StoreOwner);
  const first = read().heartbeatAt;
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(Date.parse(read().heartbeatAt)).toBeGreaterThan(Date.parse(first));
  expect(read()).toMatchObject({ pid: process.pid, host: hostname() });

  // Another host judged this process dead (its heartbeat stalled) and took over.
  recordOwner({ host: 'bot-vm-2', pid: 4242, heartbeatAt: ago(0) });
  const write = store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
  await expect(write).rejects.toBeInstanceOf(StoreError);
  await expect(write).rejects.toThrow(/no longer owns .*now held by process 4242 on host bot-vm-2/);
  expect(await store.requests.get(pendingRequest().id)).toBeUndefined();
  await store.close();
  // Closing does not remove the new owner's row.
  expect(read()).toMatchObject({ host: 'bot-vm-2' });
});

test('a read-only open takes no ownership and writes nothing', async () => {
  const cli = await openSqliteStore(dir, { readOnly: true });
  await expect(cli.requests.commit({ request: { create: pendingRequest() }, audit: [] })).rejects.toThrow(/read-only/);
  expect(withRawDatabase(dir, (db) => db.prepare("SELECT value FROM meta WHERE key = 'owner'").get())).toBeUndefined();
  const owner = await openSqliteStore(dir);
  await owner.close();
  await cli.close();
});
