import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { configProblems as problemsOf } from './helpers/config-problems';

const SUB = '11111111-2222-3333-4444-555555555555';
const APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const TENANT = '99999999-8888-7777-6666-555555555555';
const KEY = 'k'.repeat(40);

describe('loadConfig', () => {
  it('defaults to the embedded demo on loopback port 3978', () => {
    const c = loadConfig({});
    expect(c.gallery).toEqual({ mode: 'embedded' });
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.bot.appId).toBe('');
    expect(c.stages).toEqual([{ name: 'staging', gallery: 'gal_staging' }, { name: 'production', gallery: 'gal_golden' }]);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.bot)).toBe(true);
  });

  it('reads Azure scopes, subscriptions and resource groups', () => {
    const c = loadConfig({ GALLERY_SCOPES: ` /subscriptions/${SUB} , /subscriptions/${SUB.toUpperCase()}/resourceGroups/rg-images ` });
    expect(c.gallery).toEqual({
      mode: 'azure',
      scopes: [{ subscriptionId: SUB }, { subscriptionId: SUB, resourceGroup: 'rg-images' }],
    });
  });

  it('binds to every interface once an app id (and so authentication) is configured', () => {
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x', EVIDENCE_SIGNING_KEY: KEY });
    expect(c.host).toBe('0.0.0.0');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a bad port', { PORT: 'eighty' }, /^PORT:/],
    ['a scope that is not an ARM scope', { GALLERY_SCOPES: '/subscriptions/not-a-guid' }, /GALLERY_SCOPES: "\/subscriptions\/not-a-guid"/],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId: must be a GUID/],
    ['a single-tenant app without tenant', { MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x' }, /MicrosoftAppTenantId: required/],
    ['an app id without secret', { MicrosoftAppId: APP }, /MicrosoftAppPassword: required/],
    ['a public bind without authentication', { HOST: '0.0.0.0' }, /HOST: 0\.0\.0\.0 is not a loopback/],
    ['an http ARM endpoint', { GALLERY_SCOPES: `/subscriptions/${SUB}`, ARM_ENDPOINT: 'http://localhost:1' }, /ARM_ENDPOINT: must be an https/],
    ['a missing policy file', { POLICY_FILE: '/nonexistent/policy.json' }, /POLICY_FILE \/nonexistent\/policy.json: cannot read/],
    ['both Table Storage settings', { AZURE_TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_TABLES_URL: 'https://x.table.core.windows.net' }, /set one of them, not both/],
    ['an http table endpoint', { AZURE_TABLES_URL: 'http://x.table.core.windows.net' }, /^AZURE_TABLES_URL: must be an https/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL:/],
  ])('refuses %s with a message naming the setting', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  describe('a public bind without an app id', () => {
    it.each<[string, Record<string, string>]>([
      ['with no opt-in', { HOST: '0.0.0.0' }],
      ['with the opt-in set to false', { HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_PUBLIC_BIND: 'false' }],
      ['on a private address', { HOST: '10.0.0.1' }],
      ['on every IPv6 interface', { HOST: '::' }],
    ])('is refused %s, and the message names the opt-in', (_name, env) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^HOST: .* is not a loopback address/);
      expect(problems[0]).toContain('ALLOW_UNAUTHENTICATED_PUBLIC_BIND=true');
    });

    it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])('is not needed for loopback %s', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    });

    it('is allowed when explicitly opted in', () => {
      const c = loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_PUBLIC_BIND: 'true' });
      expect(c.host).toBe('0.0.0.0');
      expect(c.bot.appId).toBe('');
    });

    it('does not take a vague value for the opt-in', () => {
      expect(problemsOf({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_PUBLIC_BIND: 'yes' }).join('\n')).toMatch(/^ALLOW_UNAUTHENTICATED_PUBLIC_BIND:/m);
    });
  });

  it('lists every problem at once, not just the first', () => {
    const problems = problemsOf({ HOST: '10.0.0.1', POLICY_FILE: '/nonexistent.json', GALLERY_SCOPES: 'nope' });
    expect(problems).toHaveLength(3);
    expect(() => loadConfig({ HOST: '10.0.0.1' })).toThrow(/fix these settings/);
  });

  it('validates the policy file and takes the promotion path from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'policy.json');
    const rule = { gallery: 'g2', requesters: ['00000000-0000-0000-0000-000000000001'], approvers: ['00000000-0000-0000-0000-000000000002'] };
    writeFileSync(file, JSON.stringify({ stages: [{ name: 'a', gallery: 'g1' }, { name: 'A', gallery: 'g2' }], rules: [rule] }));
    expect(problemsOf({ POLICY_FILE: file }).join()).toMatch(/stage names must be unique/);
    writeFileSync(file, JSON.stringify({ stages: [{ name: 'staging', gallery: 'g1' }, { name: 'production', gallery: 'g2' }], rules: [{ ...rule, minApprovals: 2 }] }));
    expect(problemsOf({ POLICY_FILE: file }).join()).toMatch(/minApprovals is 2 but only 1 approver/);
    writeFileSync(file, JSON.stringify({ stages: [{ name: 'staging', gallery: 'g1' }, { name: 'production', gallery: 'g2' }], rules: [rule] }));
    const c = loadConfig({ POLICY_FILE: file });
    expect(c.stages.map((s) => s.name)).toEqual(['staging', 'production']);
    expect(c.policy.rules).toHaveLength(1);
  });

  it('has no rules (every change refused) in Azure mode without a policy file, and no demo request', () => {
    const c = loadConfig({ GALLERY_SCOPES: `/subscriptions/${SUB}` });
    expect(c.policy).toEqual({ stages: [], rules: [] });
    expect(c.demoRequest).toBe(false);
  });

  it('stores in the data folder by default and in Table Storage when a table endpoint is given', () => {
    expect(loadConfig({}).store).toEqual({ kind: 'embedded', dir: join(process.cwd(), '.data', 'demo'), demo: true });
    expect(loadConfig({ GALLERY_SCOPES: '/subscriptions/11111111-2222-3333-4444-555555555555' }).store).toEqual({ kind: 'embedded', dir: join(process.cwd(), '.data') });
    expect(loadConfig({ AZURE_TABLES_URL: 'https://acct.table.core.windows.net' }).store).toEqual({ kind: 'table', tableName: 'galleryops', url: 'https://acct.table.core.windows.net', appendTimeoutMs: 5000, startTimeoutMs: 60_000 });
    expect(loadConfig({ AZURE_TABLES_URL: 'https://acct.table.core.windows.net', AUDIT_APPEND_TIMEOUT_MS: '1500' }).store).toMatchObject({ appendTimeoutMs: 1500 });
    expect(loadConfig({ AZURE_TABLES_URL: 'https://acct.table.core.windows.net', STORE_START_TIMEOUT_SECONDS: '5' }).store).toMatchObject({ startTimeoutMs: 5000 });
    expect(() => loadConfig({ AZURE_TABLES_URL: 'https://acct.table.core.windows.net', STORE_START_TIMEOUT_SECONDS: '0' })).toThrow(/STORE_START_TIMEOUT_SECONDS/);
    expect(loadConfig({}).progressAfterMs).toBe(1500);
    expect(loadConfig({ PROGRESS_AFTER_MS: '4000' }).progressAfterMs).toBe(4000);
    expect(problemsOf({ PROGRESS_AFTER_MS: '60000' }).join()).toMatch(/PROGRESS_AFTER_MS/);
    expect(loadConfig({}).engine).toEqual({ auditAppendTimeoutMs: 5000, executionUnknownMinutes: 30, evidenceRetentionDays: 365, evidenceReuseSeconds: 300, gateRecheckSeconds: 60 });
    expect(problemsOf({ EXECUTION_UNKNOWN_MINUTES: '0' }).join()).toMatch(/EXECUTION_UNKNOWN_MINUTES/);
    expect(loadConfig({ AZURE_TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', GALLERYOPS_TABLE_NAME: 'ops2' }).store).toMatchObject({ kind: 'table', tableName: 'ops2' });
    expect(problemsOf({ GALLERYOPS_TABLE_NAME: 'a-b' }).join()).toMatch(/GALLERYOPS_TABLE_NAME/);
  });

  it('evidence links: a deployed bot needs its own signing key and an https public URL; locally both have defaults', () => {
    const deployed = { MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x' };
    expect(problemsOf(deployed).join()).toMatch(/EVIDENCE_SIGNING_KEY: required with MicrosoftAppId/);
    expect(problemsOf({ ...deployed, EVIDENCE_SIGNING_KEY: KEY, GALLERYOPS_PUBLIC_URL: 'http://bot.contoso.com' }).join()).toMatch(/GALLERYOPS_PUBLIC_URL: must be https/);
    expect(problemsOf({ EVIDENCE_SIGNING_KEY: 'short' }).join()).toMatch(/EVIDENCE_SIGNING_KEY: must be at least 32/);
    const local = loadConfig({ PORT: '4000' });
    expect(local.evidence.publicBaseUrl).toBe('http://127.0.0.1:4000');
    expect(local.evidence.signingKey.length).toBeGreaterThanOrEqual(32);
    expect(local.evidence.linkTtlMinutes).toBe(60);
    expect(loadConfig({ GALLERYOPS_PUBLIC_URL: 'https://galleryops.contoso.com/' }).evidence.publicBaseUrl).toBe('https://galleryops.contoso.com');
    expect(local.report).toEqual({ eolSoonDays: 30, staleLatestDays: 90, replicationDays: 30, armReadsPerSecond: 20 });
    expect(loadConfig({ REPORT_REPLICATION_DAYS: '7', ARM_READS_PER_SECOND: '2.5' }).report).toMatchObject({ replicationDays: 7, armReadsPerSecond: 2.5 });
    expect(() => loadConfig({ ARM_READS_PER_SECOND: '0' })).toThrow(/ARM_READS_PER_SECOND/);
  });

  it('subscription alerts: defaults, EOL_ALERT_DAYS read in any order and spacing, and refused out of range', () => {
    expect(loadConfig({}).alerts).toEqual({ replicationStuckMinutes: 60, eolAlertDays: [30, 7, 1], reminderHours: 4, watcherLeaseSeconds: 60, eventGroupMinutes: 5 });
    expect(loadConfig({ EOL_ALERT_DAYS: ' 7, 90,1,7 ', REPLICATION_STUCK_MINUTES: '15', REMINDER_HOURS: '2', WATCHER_LEASE_SECONDS: '20', EVENT_GROUP_MINUTES: '0' }).alerts).toEqual({ replicationStuckMinutes: 15, eolAlertDays: [90, 7, 1], reminderHours: 2, watcherLeaseSeconds: 20, eventGroupMinutes: 0 });
    expect(problemsOf({ EVENT_GROUP_MINUTES: '-1' }).join()).toMatch(/EVENT_GROUP_MINUTES/);
    expect(problemsOf({ EOL_ALERT_DAYS: '30,0' }).join()).toMatch(/EOL_ALERT_DAYS: 30,0 must name days from 1 to 365/);
    expect(problemsOf({ EOL_ALERT_DAYS: 'monthly' }).join()).toMatch(/EOL_ALERT_DAYS: must be whole days separated by commas/);
    expect(problemsOf({ REPLICATION_STUCK_MINUTES: '0' }).join()).toMatch(/REPLICATION_STUCK_MINUTES/);
  });

  it('never echoes the app password in its errors', () => {
    const problems = problemsOf({ MicrosoftAppId: 'bad', MicrosoftAppPassword: 'super-secret-value' });
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });
});
