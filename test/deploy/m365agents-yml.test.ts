/**
 * m365agents.yml (Microsoft 365 Agents Toolkit) cannot run here (no toolkit, no Azure): what is checked is that it
 * is YAML of the shape the toolkit reads, that every script it runs exists and parses, and that it hands the
 * Teams app package step exactly the values `npm run package` reads, taken from outputs infra/main.bicep has.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { readSimpleYaml } from '../../scripts/as-user/read-simple-yaml';

const root = projectRoot();
type Step = { uses: string; name?: string; with?: Record<string, string>; writeToEnvironmentFile?: Record<string, string> };
const file = readSimpleYaml(readFileSync(join(root, 'm365agents.yml'), 'utf8')) as { version: string; provision: Step[]; deploy: Step[]; publish: Step[] };
const steps = [...file.provision, ...file.deploy, ...file.publish];
const provisionScript = 'infra/hooks/agents-toolkit-provision.sh';

test('is a toolkit project file: a schema version and the three lifecycles, each a list of known actions', () => {
  expect(file.version).toMatch(/^v1\.\d+$/);
  for (const lifecycle of [file.provision, file.deploy, file.publish]) expect(lifecycle.length).toBeGreaterThan(0);
  for (const step of steps) expect(['script', 'teamsApp/validateAppPackage', 'teamsApp/publishAppPackage']).toContain(step.uses);
  for (const step of steps.filter((s) => s.uses === 'script')) expect(step.with?.run).toEqual(expect.any(String));
});

test('the shell script it runs exists and parses', () => {
  expect(file.provision[0]!.with!.run).toBe(`sh ./${provisionScript} \${{TEAMSFX_ENV}}`);
  expect(() => execFileSync('sh', ['-n', join(root, provisionScript)])).not.toThrow();
});

test('the package it validates and publishes is the one npm run package writes', () => {
  expect(file.provision.map((s) => s.with?.run)).toContain('npm run package --silent');
  const packaged = /projectPath\(('[^)]+')\)/.exec(readFileSync(join(root, 'scripts', 'package-app.ts'), 'utf8').split('const outFile = ')[1]!)![1]!;
  const zip = `./${packaged.split(',').map((p) => p.trim().replace(/'/g, '')).join('/')}`;
  expect(zip).toBe('./manifest/build/galleryops.zip');
  for (const step of steps.filter((s) => s.uses.startsWith('teamsApp/'))) expect(step.with?.appPackagePath).toBe(zip);
  expect(existsSync(join(root, 'manifest', 'manifest.template.json'))).toBe(true);
});

test('provision hands the package step the settings it reads, each an output of infra/main.bicep', () => {
  const script = readFileSync(join(root, provisionScript), 'utf8');
  const names = /for name in ([^;]+); do/.exec(script)![1]!.trim().split(/\s+/);
  const outputs = [...readFileSync(join(root, 'infra', 'main.bicep'), 'utf8').matchAll(/^output (\w+) /gm)].map((m) => m[1]);
  for (const name of names) expect(outputs).toContain(name);
  const packageSettings = readFileSync(join(root, 'scripts', 'app-package', 'package-settings.ts'), 'utf8');
  for (const read of ['MicrosoftAppId', 'GALLERYOPS_PUBLIC_HOSTNAME']) {
    expect(packageSettings).toContain(`${read}:`);
    expect(names).toContain(read);
  }
  expect(script).toMatch(/echo "::set-teamsfx-env \$name=/);
});
