/** `npm run report` as automation runs it: a separate process, the emulator started for the embedded demo. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/project-root';
import type { Report } from '../../src/report/report-types';

function runScript(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['-r', projectPath('test', 'helpers', 'ts-register.cjs'), projectPath('scripts', 'report.ts'), ...args], {
    // The embedded demo and its desired state, whatever the developer's .env says: variables already set
    // (even empty, which means the default) win over .env.
    env: { ...process.env, GALLERY_SCOPES: '', DESIRED_STATE_FILE: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--json prints the findings, fixes and storage as JSON; --fail-on-findings exits 1', () => {
  const { code, stdout, stderr } = runScript(['--json', '--fail-on-findings']);
  expect(stderr).toBe('');
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as Report & { scope: string };
  expect(report.scope).toBe('the embedded demo (gallery emulator with the demo seed)');
  expect(report.scanned).toEqual({ subscriptions: ['11111111-2222-3333-4444-555555555555'], galleries: 2, definitions: 6, versions: 13 });
  const found = report.findings.map((f) => `${f.kind} ${f.gallery}${f.image ? `/${f.image}` : ''}${f.version ? ` ${f.version}` : ''}`);
  expect(found).toEqual(
    expect.arrayContaining([
      'past-end-of-life gal_golden/callcenter-desktop 2026.3.0',
      'past-end-of-life gal_golden/gpu-analytics 1.0.0',
      // The demo seed's gpu-analytics 1.0.0 carries ImageFlaggedUnsafe: Azure's verdict is a finding of its own.
      'flagged-unsafe gal_golden/gpu-analytics 1.0.0',
      'end-of-life-soon gal_golden/callcenter-desktop 2026.4.0',
      'replication-failed gal_golden/dispatch 2026.5.1',
      'missing-region gal_golden/dispatch 2026.5.1',
      'shared-beyond-private gal_staging',
      'stale-latest gal_golden/records 2026.5.0',
      'stale-latest gal_golden/reporting 2026.5.0',
    ]),
  );
  const gpu = report.findings.find((f) => f.image === 'gpu-analytics' && f.kind === 'past-end-of-life')!;
  expect(gpu.runningOn?.map((r) => r.name)).toEqual(['vm-analytics-01']);
  expect(gpu.fixes[0]).toEqual({ command: 'usage gal_golden/gpu-analytics 1.0.0', runnable: true, purpose: 'see who must move to a supported version' });
  expect(report.storage.map((s) => [`${s.gallery}/${s.image}`, s.sizeGB])).toEqual([
    ['gal_golden/callcenter-desktop', 3048],
    ['gal_golden/gpu-analytics', 1920],
    ['gal_golden/dispatch', 450],
    ['gal_golden/records', 180], // 5 region replicas and 1 in an edge zone, 30 GB each
    ['gal_golden/reporting', 150],
    ['gal_staging/dispatch', 150],
  ]);
  expect(report.problems).toEqual([]);
});

test('without --json: readable text, exit 0; --out writes it to a file', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.txt');
  const run = runScript(['--out', file]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^Report written to .*report\.txt: 12 findings\.\n$/);
  const stdout = readFileSync(file, 'utf8');
  expect(stdout).toContain('Past end of life (2)');
  expect(stdout).toMatch(/gal_golden\/gpu-analytics 1\.0\.0 is past end of life .* and still runs on VM vm-analytics-01\.\n\s+in chat: usage gal_golden\/gpu-analytics 1\.0\.0/);
  expect(stdout).toMatch(/gal_golden\/callcenter-desktop\s+3,048 GB/);
});

test('an unknown option or a bad setting: exit 2 with what to fix, before anything is read', () => {
  const bad = runScript(['--jsn']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('Unknown option --jsn.');
  expect(bad.stderr).toContain('Usage: npm run -s report');
  const config = runScript(['--json'], { POLICY_FILE: '/nonexistent/policy.json' });
  expect(config.code).toBe(2);
  expect(config.stdout).toBe('');
  expect(config.stderr).toContain('POLICY_FILE');
});
