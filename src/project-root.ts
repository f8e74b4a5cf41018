import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding package.json. Code runs from `src/` under jest and from `dist/src/` when built, so data
 * folders (cards/, config/) are found by walking up rather than by counting `..`.
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** A path inside the project, e.g. `projectPath('config', 'stages.demo.json')`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
