/** An unusable database stops the start with the reason: not SQLite, a newer schema, cannot be written, missing. */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../../src/errors';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
let file: string;
let unprotect: (() => void) | undefined;
beforeEach(() => {
  dir = tempDataDir();
  file = join(dir, DATABASE_FILE);
});
afterEach(() => {
  unprotect?.();
  unprotect = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function expectStoreError(open: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(open).rejects.toBeInstanceOf(StoreError);
  await expect(open).rejects.toThrow(message);
}

test.each([false, true])('a file that is not SQLite is refused with the reason (read-only %s)', async (readOnly) => {
  writeFileSync(file, 'these are not the bytes of a database, '.repeat(200));
  await expectStoreError(openSqliteStore(dir, { readOnly }), new RegExp(`${DATABASE_FILE} is not a usable GalleryOps database: file is not a database`));
});

test.each([false, true])('a database of a newer GalleryOps is refused, not guessed at (read-only %s)', async (readOnly) => {
  await (await openSqliteStore(dir)).close();
  withRawDatabase(dir, (db) => db.exec('PRAGMA user_version = 99'));
  await expectStoreError(openSqliteStore(dir, { readOnly }), /has schema version 99, newer than this GalleryOps understands \(\d+\)/);
});

/** Makes the file unwritable for this process: chmod for a normal user; root needs the immutable flag. */
function protect(path: string): boolean {
  chmodSync(path, 0o444);
  if (spawnSync('chattr', ['+i', path]).status === 0) unprotect = () => void spawnSync('chattr', ['-i', path]);
  try {
    closeSync(openSync(path, 'r+'));
    return false;
  } catch {
    return true;
  }
}

test('a database that cannot be written stops the start with the reason', async () => {
  await (await openSqliteStore(dir)).close();
  if (!protect(file)) {
    console.warn('skipped: cannot make a file unwritable here (root without CAP_LINUX_IMMUTABLE)');
    return;
  }
  await expectStoreError(openSqliteStore(dir), /cannot write .*galleryops\.db: attempt to write a readonly database \(check the file's permissions and free disk space\)/);
  // A CLI still reads it.
  const cli = await openSqliteStore(dir, { readOnly: true });
  expect((await cli.check()).readable).toBe(true);
  await cli.close();
});

test('a read-only open of a folder with no database says so, and names an old layout waiting to be imported', async () => {
  await expectStoreError(openSqliteStore(dir, { readOnly: true }), /there is no GalleryOps database at .*galleryops\.db/);
  mkdirSync(join(dir, 'requests'));
  await expectStoreError(openSqliteStore(dir, { readOnly: true }), /has the old JSON layout \(requests\) and no database yet: start the bot once to import it/);
});
