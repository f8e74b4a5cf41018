import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { transformFile } from '@swc/core';
import type { DockerInstruction, DockerStage } from './dockerfile-stages';

const run = promisify(execFile);

/**
 * Lays out in `dir` what the Dockerfile's last stage holds: its COPY sources from the repository, the build
 * stage's `dist/<folder>` compiled here with SWC (the same CommonJS layout `tsc -p tsconfig.build.json` writes,
 * in about a second instead of fifteen), then runs its `npm ci --omit=dev` there.
 */
export async function layOutProductionFiles(root: string, runtime: DockerStage, dir: string): Promise<{ npmCi: string; npmCiMs: number }> {
  await copyProductionFiles(root, runtime, dir);
  const npmCi = npmCiOf(runtime);
  const started = Date.now();
  // --prefer-offline: the project's own install already filled npm's cache, so the registry is asked little.
  // Without the npm_* variables of the `npx jest` that runs this (npm_config_local_prefix names the project):
  // this install must only ever touch `dir`.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  await run('npm', [...npmCi.split(/\s+/).slice(1), '--prefer-offline', '--loglevel=error'], { cwd: dir, env, timeout: 120_000 });
  return { npmCi, npmCiMs: Date.now() - started };
}

/** The runtime stage's files without its dependencies: what the image holds besides `node_modules`. */
export async function copyProductionFiles(root: string, runtime: DockerStage, dir: string): Promise<void> {
  for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY')) {
    const destination = copy.args.at(-1)!;
    for (const source of copy.args.slice(0, -1)) {
      if (copy.flags.from !== undefined) {
        // COPY --from=build /app/dist/<folder> ./dist/<folder>
        const folder = /^\/app\/dist\/([\w-]+)$/.exec(source)?.[1];
        if (!folder) throw new Error(`unexpected build-stage COPY source ${source}`);
        await compileFolder(join(root, folder), join(dir, destination));
      } else {
        // Docker's rule: into a folder when the destination ends with '/', else to the destination itself.
        const target = destination.endsWith('/') ? join(dir, destination, basename(source)) : join(dir, destination);
        cpSync(join(root, source), target, { recursive: true });
      }
    }
  }
}

/** The runtime stage's `npm ci …` command (the part of its RUN line before any `&&`). */
export function npmCiOf(runtime: DockerStage): string {
  const commands = runtime.instructions.filter((i: DockerInstruction) => i.keyword === 'RUN').flatMap((i) => i.text.split('&&').map((c) => c.trim()));
  const npmCi = commands.find((c) => c.startsWith('npm ci'));
  if (!npmCi) throw new Error('the runtime stage runs no npm ci');
  return npmCi;
}

async function compileFolder(from: string, to: string): Promise<void> {
  for (const file of listTs(from)) {
    const output = await transformFile(file, {
      jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      swcrc: false,
    });
    const target = join(to, relative(from, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.code);
  }
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}
