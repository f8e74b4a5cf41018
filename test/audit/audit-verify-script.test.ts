/** `npm run audit:verify` as an auditor runs it: a separate process reading the configured data folder. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/audit-log';
import { projectPath } from '../../src/project-root';
import { openTempStore } from '../helpers/temp-store';

function runScript(dataDir: string) {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'audit-verify.ts')], {
    env: { ...process.env, GALLERYOPS_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('exit 0 for an intact chain, 1 naming the record after someone edits it', async () => {
  const data = await openTempStore();
  try {
    const log = createAuditLog(data.store.audit);
    for (let i = 1; i <= 3; i++) {
      await log.append({ at: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(), actor: { id: 'a', name: 'Adele' }, action: 'request.approved', details: { i } });
    }
    const intact = runScript(data.dir);
    expect(intact.out).toContain('Audit log intact: 3 records');
    expect(intact.code).toBe(0);

    const file = join(data.dir, 'audit', '000000000002.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as { actor: { name: string } };
    record.actor.name = 'Mallory';
    writeFileSync(file, JSON.stringify(record));
    const broken = runScript(data.dir);
    expect(broken.out).toMatch(/Audit log BROKEN: record #2 was changed/);
    expect(broken.code).toBe(1);
  } finally {
    await data.cleanup();
  }
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
