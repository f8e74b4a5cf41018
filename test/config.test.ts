import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const SUB = '11111111-2222-3333-4444-555555555555';
const APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const TENANT = '99999999-8888-7777-6666-555555555555';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

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
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x' });
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
    ['a missing stages file', { STAGES_FILE: '/nonexistent/stages.json' }, /STAGES_FILE: cannot read/],
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
    const problems = problemsOf({ HOST: '10.0.0.1', STAGES_FILE: '/nonexistent.json', GALLERY_SCOPES: 'nope' });
    expect(problems).toHaveLength(3);
    expect(() => loadConfig({ HOST: '10.0.0.1' })).toThrow(/fix these settings/);
  });

  it('validates the stages file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    const file = join(dir, 'stages.json');
    writeFileSync(file, JSON.stringify({ stages: [{ name: 'a', gallery: 'g1' }, { name: 'A', gallery: 'g2' }] }));
    expect(problemsOf({ STAGES_FILE: file }).join()).toMatch(/stage names must be unique/);
    writeFileSync(file, JSON.stringify({ stages: [{ name: 'staging', gallery: 'gal_staging' }, { name: 'production', gallery: 'gal_golden' }] }));
    expect(loadConfig({ STAGES_FILE: file }).stages.map((s) => s.name)).toEqual(['staging', 'production']);
  });

  it('never echoes the app password in its errors', () => {
    const problems = problemsOf({ MicrosoftAppId: 'bad', MicrosoftAppPassword: 'super-secret-value' });
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });
});
