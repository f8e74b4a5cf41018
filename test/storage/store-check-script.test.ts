/** `npm run store:check` as operators run it: a separate process reading the configured data folder read-only. */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/audit-log';
import { projectPath } from '../../src/project-root';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { pendingRequest } from '../approvals/fixtures';
import { create, entry } from './conformance/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

function storeCheck(dataDir: string) {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'store-check.ts')], {
    // A deployment's data folder (outside the demo, which keeps its own in <dir>/demo).
    env: { ...process.env, GALLERYOPS_DATA_DIR: dataDir, GALLERY_SCOPES: '/subscriptions/11111111-2222-3333-4444-555555555555', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let dir: string;
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('exit 0 for an intact store, while the bot owns it; 1 naming each damaged record', async () => {
  const bot = await openSqliteStore(dir);
  try {
    await create(bot, pendingRequest(), [entry(1), entry(2)]);
    await createAuditLog(bot.audit).append(entry(3));
    await bot.conversations.put({ key: 'user:a', value: { serviceUrl: 'https://smba.example/' }, updatedAt: new Date().toISOString() });

    const intact = storeCheck(dir);
    expect(intact.out).toContain(`Store: ${join(dir, DATABASE_FILE)} (read-only check)`);
    expect(intact.out).toContain('Records: 1 change requests, 3 audit records, 1 conversation references, 0 evidence bundles');
    expect(intact.out).toContain('Audit log intact: 3 records');
    expect(intact.out).toContain('Result: intact.');
    expect(intact.code).toBe(0);

    withRawDatabase(dir, (db) => {
      db.prepare("INSERT INTO requests (id, revision, state, is_open, source_image, scope_image, created_at, body) VALUES ('CR-BROKEN01', 1, 'pending', 1, 'a/b', 'a/b', '2026-01-01', 'garbage')").run();
      db.prepare("UPDATE audit SET body = '' WHERE seq = 2").run();
    });
    const damaged = storeCheck(dir);
    expect(damaged.out).toContain('Damaged records (2):');
    expect(damaged.out).toContain('  - change request CR-BROKEN01: the record is not valid JSON');
    expect(damaged.out).toContain('  - audit record #2: the record is empty');
    expect(damaged.out).toMatch(/Audit log BROKEN: record #2 is missing/);
    expect(damaged.out).toContain('Result: DAMAGED.');
    expect(damaged.code).toBe(1);
    // The bot carries on with everything else.
    expect(await bot.requests.get(pendingRequest().id)).toMatchObject({ revision: 1 });
  } finally {
    await bot.close();
  }
});

test.each([
  ['a database file that is not SQLite', async () => writeFileSync(join(dir, DATABASE_FILE), 'not a database '.repeat(100)), /Cannot read the store: .*is not a usable GalleryOps database: file is not a database/],
  ['no database at all', async () => undefined, /Cannot read the store: .*there is no GalleryOps database at/],
  [
    'a database of a newer GalleryOps',
    async () => {
      await (await openSqliteStore(dir)).close();
      withRawDatabase(dir, (db) => db.exec('PRAGMA user_version = 99'));
    },
    /Cannot read the store: .*has schema version 99, newer than this GalleryOps understands/,
  ],
])('exit 2 with the reason for %s', async (_name, prepare, message) => {
  await prepare();
  const result = storeCheck(dir);
  expect(result.out).toMatch(message);
  expect(result.code).toBe(2);
});

test('exit 2 with the settings problem when the configuration is invalid', () => {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'store-check.ts')], {
    env: { ...process.env, POLICY_FILE: '/nonexistent/policy.json' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.stderr).toContain('POLICY_FILE');
  expect(r.status).toBe(2);
});
