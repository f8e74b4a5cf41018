import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createAuditLog } from '../../src/audit/audit-log';
import { GENESIS_HASH } from '../../src/audit/audit-record';
import { hashAuditRecord } from '../../src/audit/hash-record';
import { openFileStore } from '../../src/storage/file/file-store';
import { LockFile } from '../../src/storage/file/lock-file';
import { StoreError } from '../../src/storage/store-error';
import { pendingRequest } from '../approvals/fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belongs to no running process: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('file store on disk', () => {
  it('leaves no temp files or lock behind', async () => {
    const store = await openFileStore(dir);
    await store.requests.create(pendingRequest());
    await createAuditLog(store.audit).append({ at: 'now', actor: { id: 's', name: 's' }, action: 'a', details: {} });
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['audit', 'conversations', 'requests']);
    expect(readdirSync(join(dir, 'requests'))).toEqual(['CR-TEST0001.json']);
    expect(readdirSync(join(dir, 'audit')).sort()).toEqual(['000000000001.json', 'head.json']);
  });

  it('names conversation files by the key\'s hash, so no key reaches outside the folder', async () => {
    const store = await openFileStore(dir);
    for (const key of ['../../outside', '/etc/passwd', 'channel:19:abc@thread.tacv2', 'C:\\x', '']) {
      await store.conversations.put({ key, value: { key }, updatedAt: 'now' });
    }
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['audit', 'conversations', 'requests']);
    const names = readdirSync(join(dir, 'conversations'));
    expect(names).toHaveLength(5);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it('refuses to answer for a key with another key\'s file', async () => {
    const store = await openFileStore(dir);
    await store.conversations.put({ key: 'user:a', value: 1, updatedAt: 'now' });
    await store.conversations.put({ key: 'user:b', value: 2, updatedAt: 'now' });
    const [a, b] = readdirSync(join(dir, 'conversations')).map((n) => join(dir, 'conversations', n)) as [string, string];
    writeFileSync(a, readFileSync(b));
    const answers = await Promise.allSettled([store.conversations.get('user:a'), store.conversations.get('user:b')]);
    expect(answers.filter((x) => x.status === 'rejected')).toHaveLength(1);
    expect(answers.find((x) => x.status === 'rejected')).toMatchObject({ reason: expect.any(StoreError) });
  });

  it('reports a corrupt file as a storage error, not as a missing request', async () => {
    const store = await openFileStore(dir);
    writeFileSync(join(dir, 'requests', 'CR-BROKEN01.json'), '{"id": "CR-BROKEN01", "revis');
    await expect(store.requests.get('CR-BROKEN01')).rejects.toBeInstanceOf(StoreError);
    writeFileSync(join(dir, 'requests', 'CR-BROKEN01.json'), '{"id": "CR-BROKEN01"}');
    await expect(store.requests.get('CR-BROKEN01')).rejects.toThrow(/does not hold what GalleryOps wrote/);
  });

  it('rolls forward to a record written just before a crash that kept the head from moving', async () => {
    const store = await openFileStore(dir);
    const body = { at: 'now', actor: { id: 's', name: 's' }, action: 'before-crash', details: {}, seq: 1, prevHash: GENESIS_HASH };
    writeFileSync(join(dir, 'audit', '000000000001.json'), JSON.stringify({ ...body, hash: hashAuditRecord(body) }));
    expect(await store.audit.head()).toEqual({ seq: 1, hash: hashAuditRecord(body) });
    const [next] = await createAuditLog(store.audit).append({ at: 'later', actor: { id: 's', name: 's' }, action: 'after', details: {} });
    expect(next?.seq).toBe(2);
    expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 2 });
  });
});

describe('lock file', () => {
  const lockPath = () => join(dir, '.lock');
  const holder = (pid: number, at = Date.now(), host = hostname()) => JSON.stringify({ pid, host, nonce: 'other', at });

  it('waits for a live holder and times out with a storage error', async () => {
    writeFileSync(lockPath(), holder(process.ppid));
    const lock = new LockFile(lockPath(), { timeoutMs: 150 });
    await expect(lock.run(async () => 'ran')).rejects.toThrow(/timed out waiting/);
    expect(existsSync(lockPath())).toBe(true);
  });

  it('proceeds once the holder releases', async () => {
    writeFileSync(lockPath(), holder(process.ppid));
    setTimeout(() => rmSync(lockPath()), 50);
    expect(await new LockFile(lockPath()).run(async () => 'ran')).toBe('ran');
  });

  it.each([
    ['a dead process on this host', () => holder(deadPid())],
    ['an old lock from another host', () => holder(1, Date.now() - 60_000, 'elsewhere')],
    ['this pid from a previous incarnation (a container restart)', () => holder(process.pid)],
  ])('breaks a stale lock left by %s', async (_name, content) => {
    writeFileSync(lockPath(), content());
    expect(await new LockFile(lockPath(), { timeoutMs: 1000 }).run(async () => 'ran')).toBe('ran');
    expect(existsSync(lockPath())).toBe(false);
  });

  it('breaks an empty lock file only once it is old (its writer crashed before writing)', async () => {
    writeFileSync(lockPath(), '');
    await expect(new LockFile(lockPath(), { timeoutMs: 100 }).run(async () => 'ran')).rejects.toBeInstanceOf(StoreError);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPath(), old, old);
    expect(await new LockFile(lockPath()).run(async () => 'ran')).toBe('ran');
  });

  it('respects a recent lock from another host', async () => {
    writeFileSync(lockPath(), holder(1, Date.now(), 'elsewhere'));
    await expect(new LockFile(lockPath(), { timeoutMs: 100 }).run(async () => 'ran')).rejects.toBeInstanceOf(StoreError);
  });

  it('serialises two store objects on one folder (each has its own in-process queue)', async () => {
    const a = await openFileStore(dir);
    const b = await openFileStore(dir);
    const r = pendingRequest();
    await a.requests.create(r);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).requests.replace({ ...r, revision: 2, reason: String(i) }, 1)),
    );
    expect(results.filter((x) => x.ok)).toHaveLength(1);
  });
});

describe('file store across processes', () => {
  it('two processes on one folder: one compare-and-set winner and one intact audit chain', async () => {
    const store = await openFileStore(dir);
    const r = pendingRequest();
    await store.requests.create(r);
    const root = join(__dirname, '..', '..');
    const run = (name: string) =>
      new Promise<{ wins: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['-r', join(root, 'test/helpers/ts-register.cjs'), join(__dirname, 'workers/file-store-worker.ts'), dir, name, '25', r.id]);
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { wins: number }) : reject(new Error(err))));
      });
    const [a, b] = await Promise.all([run('one'), run('two')]);
    expect(a.wins + b.wins).toBe(1);
    const verdict = await createAuditLog(store.audit).verify();
    expect(verdict).toMatchObject({ ok: true, count: 50 });
    expect(readdirSync(dir).sort()).toEqual(['audit', 'conversations', 'requests']);
  });
});
