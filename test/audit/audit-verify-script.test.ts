/** `npm run audit:verify` as an auditor runs it: a separate process reading the configured data folder read-only. */
import { spawnSync } from 'node:child_process';
import { createAuditLog } from '../../src/audit/audit-log';
import type { AuditRecord } from '../../src/audit/audit-record';
import { projectPath } from '../../src/project-root';
import { packText, unpackText } from '../../src/storage/sqlite/packed-text';
import { withRawDatabase } from '../storage/sqlite-harness';
import { openTempStore } from '../helpers/temp-store';

function runScript(dataDir: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'audit-verify.ts'), ...args], {
    // A deployment's data folder (outside the demo, which keeps its own in <dir>/demo).
    env: { ...process.env, GALLERYOPS_DATA_DIR: dataDir, GALLERY_SCOPES: '/subscriptions/11111111-2222-3333-4444-555555555555', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function appendFive(data: Awaited<ReturnType<typeof openTempStore>>): Promise<AuditRecord[]> {
  const log = createAuditLog(data.store.audit);
  const entries = [1, 2, 3, 4, 5].map((i) => ({ at: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(), actor: { id: 'a', name: 'Adele' }, action: 'request.approved', details: { i } }));
  return log.append(...entries);
}

test('exit 0 for an intact chain while the bot owns the store, 1 naming the record after someone edits it', async () => {
  const data = await openTempStore();
  try {
    await appendFive(data);
    const intact = runScript(data.dir);
    expect(intact.out).toContain('Audit log intact: 5 records');
    expect(intact.out).toContain(`Store: ${data.store.location}`);
    expect(intact.code).toBe(0);

    // Bodies are stored deflated: whoever edits one unpacks it, changes it and packs it again.
    withRawDatabase(data.dir, (db) => {
      const record = JSON.parse(unpackText((db.prepare('SELECT body FROM audit WHERE seq = 2').get() as { body: unknown }).body)!) as { actor: { name: string } };
      record.actor.name = 'Mallory';
      db.prepare('UPDATE audit SET body = ? WHERE seq = 2').run(packText(JSON.stringify(record)));
    });
    const broken = runScript(data.dir);
    expect(broken.out).toMatch(/Audit log BROKEN: record #2 was changed/);
    expect(broken.code).toBe(1);
  } finally {
    await data.cleanup();
  }
});

test('--anchor proves the log still holds the named record, and catches a log cut back before it', async () => {
  const data = await openTempStore();
  try {
    const records = await appendFive(data);
    const fourth = records[3]!;
    const anchored = runScript(data.dir, ['--anchor', `4:${fourth.hash.slice(0, 16)}`]);
    expect(anchored.out).toContain(`It still holds anchor #4 ${fourth.hash.slice(0, 16)}… and every record before it.`);
    expect(anchored.code).toBe(0);
    expect(runScript(data.dir, [`--anchor=4:${fourth.hash.toUpperCase()}`]).code).toBe(0);
    expect(runScript(data.dir, ['--anchor', `4:${'0'.repeat(16)}`])).toMatchObject({ code: 1, out: expect.stringMatching(/record #4 has another hash than the anchor names/) });

    // Records 4 and 5 deleted and the head moved back: intact on its own, caught by the anchor.
    withRawDatabase(data.dir, (db) => {
      db.prepare('DELETE FROM audit WHERE seq >= 4').run();
      db.prepare('UPDATE audit_head SET seq = 3, hash = ?').run(records[2]!.hash);
    });
    expect(runScript(data.dir).code).toBe(0);
    const cut = runScript(data.dir, ['--anchor', `4:${fourth.hash}`]);
    expect(cut.out).toMatch(/record #4 is gone: the log was cut back to before the record the anchor names/);
    expect(cut.code).toBe(1);
  } finally {
    await data.cleanup();
  }
});

test.each([
  [['--anchor'], /--anchor needs <seq>:<hash>/],
  [['--anchor', '0:0123456789abcdef'], /--anchor needs <seq>:<hash>/],
  [['--anchor', '4:0123456789abcde'], /needs 16 to 64 hex digits; got 15/],
  [['--verbose'], /Unknown argument --verbose/],
])('exit 2 with the usage for arguments %j', (args, message) => {
  const r = runScript('/nonexistent', args);
  expect(r.out).toMatch(message);
  expect(r.out).toContain('Usage: npm run audit:verify');
  expect(r.code).toBe(2);
});

test('exit 2 with the settings problem when the configuration is invalid', () => {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'audit-verify.ts')], {
    env: { ...process.env, POLICY_FILE: '/nonexistent/policy.json' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('POLICY_FILE');
});
