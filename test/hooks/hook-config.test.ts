import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/project-root';
import { configProblems as problemsOf } from '../helpers/config-problems';

const SECRET = 's'.repeat(40);
const ROUTING_KEY = 'R0utingKey'.repeat(3) + 'ab';
const demo = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'hooks-config-'));

/** The demo policy with these hooks, written to a file of its own. */
function policyWith(hooks: unknown, file = `policy-${Math.random().toString(36).slice(2)}.json`): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify({ ...demo, hooks }));
  return path;
}

const webhook = { name: 'oncall', type: 'webhook', url: 'https://hooks.contoso.com/galleryops', secretSetting: 'HOOK_SECRET_ONCALL', scope: 'gal_golden' };
const pagerduty = { name: 'pd-images', type: 'pagerduty', routingKeySetting: 'HOOK_SECRET_PD', scope: 'gal_golden/dispatch' };

describe('hooks in the policy file', () => {
  it('reads each hook with the secret of the setting it names, defaults applied', () => {
    const config = loadConfig({ POLICY_FILE: policyWith([webhook, pagerduty]), HOOK_SECRET_ONCALL: SECRET, HOOK_SECRET_PD: ROUTING_KEY });
    expect(config.hooks).toEqual([
      { name: 'oncall', type: 'webhook', url: webhook.url, scope: 'gal_golden', events: ['published', 'replication', 'latest'], secret: SECRET },
      { name: 'pd-images', type: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', scope: 'gal_golden/dispatch', events: ['replication'], routingKey: ROUTING_KEY },
    ]);
  });

  it('has no hooks without a hooks entry', () => {
    expect(loadConfig({}).hooks).toEqual([]);
  });

  it('names the hook and the setting when a secret is missing or weak, never the value', () => {
    const problems = problemsOf({ POLICY_FILE: policyWith([webhook, pagerduty]), HOOK_SECRET_ONCALL: 'short-secret', HOOK_SECRET_PD: '' });
    expect(problems).toEqual([
      expect.stringMatching(/^HOOK_SECRET_ONCALL: must be at least 32 characters for POLICY_FILE hooks\.0 \(oncall\)/),
      expect.stringMatching(/^HOOK_SECRET_PD: must be set for POLICY_FILE hooks\.1 \(pd-images\)/),
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('refuses a secret setting outside HOOK_SECRET_ (a policy could otherwise send the bot password away)', () => {
    const problems = problemsOf({ POLICY_FILE: policyWith([{ ...webhook, secretSetting: 'MicrosoftAppPassword' }]), MicrosoftAppPassword: SECRET });
    expect(problems).toEqual([expect.stringMatching(/hooks\.0\.secretSetting: must name a setting HOOK_SECRET_<NAME>/)]);
  });

  it('refuses plain http to another machine, a secret written in the file, an unknown event and a reused name', () => {
    const problems = problemsOf({
      POLICY_FILE: policyWith([
        { ...webhook, url: 'http://hooks.contoso.com/x' },
        { ...webhook, name: 'inline', secret: SECRET },
        { ...webhook, name: 'events', events: ['digest'] },
        { ...pagerduty, name: 'oncall', scope: 'a/b/c' },
      ]),
      HOOK_SECRET_ONCALL: SECRET,
    });
    expect(problems).toEqual([
      expect.stringMatching(/hooks\.0\.url: must be https:\/\//),
      expect.stringMatching(/hooks\.1: .*secret/i),
      expect.stringMatching(/hooks\.2\.events\.0: /),
      expect.stringMatching(/hooks\.3\.scope: must be all, <gallery>, <gallery>\/<image> or <image>/),
    ]);
  });

  it('refuses two hooks by one name (each name keeps its own delivered events)', () => {
    const problems = problemsOf({ POLICY_FILE: policyWith([webhook, { ...pagerduty, name: 'oncall' }]), HOOK_SECRET_ONCALL: SECRET, HOOK_SECRET_PD: ROUTING_KEY });
    expect(problems).toEqual([expect.stringMatching(/hooks\.1 \(oncall\): hooks\.0 already has this name/)]);
  });

  it('accepts http to a receiver on this machine (local tests)', () => {
    const config = loadConfig({ POLICY_FILE: policyWith([{ ...webhook, url: 'http://127.0.0.1:9/hook' }]), HOOK_SECRET_ONCALL: SECRET });
    expect(config.hooks[0]?.url).toBe('http://127.0.0.1:9/hook');
  });

  it('keeps hook secrets out of the log when the config is logged', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const config = loadConfig({ POLICY_FILE: policyWith([webhook, pagerduty]), HOOK_SECRET_ONCALL: SECRET, HOOK_SECRET_PD: ROUTING_KEY });
    createLogger('info', sink).info({ config, hooks: config.hooks }, 'configuration');
    expect(lines.join('')).toContain('pd-images');
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).not.toContain(ROUTING_KEY);
  });
});
