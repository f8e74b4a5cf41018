import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The seed folders are data, not code: `tsc` does not copy them to dist/. Resolving them from the project root
 * (the nearest folder with package.json above this file) makes the same path work from emulator/ under ts-jest
 * and from dist/emulator/ after a build.
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}; cannot locate the emulator's seed data.`);
  }
}

/** The shipped demo seed (product.md "Demo data"). */
export function demoSeedDir(): string {
  return join(projectRoot(), 'emulator', 'seed', 'demo');
}
