import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { StoreError } from '../store-error';

/** Reads and checks one JSON file; `undefined` when it does not exist, StoreError when it is corrupt. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${path}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StoreError(`${path} is not valid JSON`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new StoreError(`${path} does not hold what GalleryOps wrote: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
