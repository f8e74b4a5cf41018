/**
 * The Dockerfile, read with dockerfile-ast (no Docker engine here): a build stage with dev dependencies, a
 * runtime stage with production dependencies only on a Node 24 LTS base, non-root, health-checked, and a build
 * context that keeps secrets and data out. test/deploy/production-start.test.ts runs what the runtime stage holds.
 */
import { projectRoot } from '../../src/project-root';
import { readDockerfile } from '../helpers/dockerfile-stages';
import { npmCiOf } from '../helpers/production-files';

const { stages, ignore } = readDockerfile(projectRoot());
const build = stages[0]!;
const runtime = stages.at(-1)!;
const runtimeOf = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, both on Node 24', () => {
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:24(\.\d+)*(-[\w.-]+)?(@sha256:[0-9a-f]{64})?$/);
    expect(build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text).join('\n')).toMatch(/npm ci(?![^\n]*--omit=dev)[\s\S]*tsc -p tsconfig\.build\.json/);
  });

  it('installs production dependencies only in the runtime stage, and copies only built files and run-time data into it', () => {
    expect(npmCiOf(runtime)).toMatch(/--omit=dev/);
    const sources = runtimeOf('COPY').flatMap((c) => c.args.slice(0, -1).map((s) => (c.flags.from ? `${c.flags.from}:${s}` : s)));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'build:/app/dist/src', 'cards', 'config']));
    // Nothing from the build context beyond what the bot reads: no source, tests, infra, env files or data.
    for (const s of sources.filter((x) => !x.startsWith('build:'))) expect(['package.json', 'package-lock.json', 'cards', 'config', 'emulator/seed']).toContain(s);
  });

  it('runs as a non-root user, on the base image\'s node, with no devDependency to start', () => {
    const user = runtimeOf('USER').at(-1)?.args[0];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(runtimeOf('CMD').at(-1)?.json).toEqual(['node', 'dist/src/index.js']);
    expect(runtimeOf('ENV').flatMap((e) => e.args)).toEqual(expect.arrayContaining(['NODE_ENV=production', 'GALLERYOPS_PLAYGROUND=off', 'NODE_OPTIONS=--max-semi-space-size=4']));
  });

  it('checks /healthz', () => {
    const healthcheck = runtimeOf('HEALTHCHECK').at(-1);
    expect(healthcheck?.text).toMatch(/CMD[\s\S]*\/healthz/);
  });

  it('keeps secrets, data, dependencies and local builds out of the build context', () => {
    expect(ignore).toEqual(expect.arrayContaining(['.env', '.data', 'node_modules', 'dist', '.git', 'test-artifacts', 'manifest/build']));
  });
});
