import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project-root `cards/` folder. Sources run from `src/cards` under jest and from `dist/src/cards` when
 * built, so walk up to the folder that holds package.json rather than counting `..`.
 */
export function findCardsDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cards'))) return join(dir, 'cards');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no cards/ folder next to a package.json above ${start}`);
    dir = parent;
  }
}
