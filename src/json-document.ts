import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Builds the caller's own error (e.g. a PolicyError) from a list of problems. */
export type ProblemsToError = (problems: string[]) => Error;

/** Reads a JSON file; a file that cannot be read or parsed is one problem, thrown through `fail`. */
export function readJsonDocument(path: string, fail: ProblemsToError): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw fail([`cannot read ${path} as JSON: ${(err as Error).message}`]);
  }
}

/** Checks a parsed document against its schema; every issue is one `path: message` problem, thrown through `fail`. */
export function checkDocument<T>(schema: z.ZodType<T>, raw: unknown, fail: ProblemsToError): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`));
  return parsed.data;
}
