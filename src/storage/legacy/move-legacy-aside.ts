import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { LEGACY_FOLDERS, LEGACY_LOCK_FILE } from './legacy-layout';

/**
 * Moves the old layout's folders (and its lock file) into `<dir>/<target>/`, after their content is in the
 * database, so the import happens once and the originals stay available for a comparison or a rollback.
 * A folder already present in the target is left where it is and named in the result: it appeared after the
 * import, and only an operator can say what it is. Returns what could not be moved, with why.
 */
export async function moveLegacyAside(dir: string, target: string): Promise<string[]> {
  const problems: string[] = [];
  await mkdir(join(dir, target), { recursive: true });
  for (const name of [...LEGACY_FOLDERS, LEGACY_LOCK_FILE]) {
    const from = join(dir, name);
    if (!existsSync(from)) continue;
    const to = join(dir, target, name);
    if (existsSync(to)) {
      problems.push(`${from} appeared after the import into the database and was left alone (the import ran once, into ${target}/)`);
      continue;
    }
    try {
      await rename(from, to);
    } catch (err) {
      problems.push(`cannot move ${from} to ${to}: ${(err as Error).message}`);
    }
  }
  return problems;
}
