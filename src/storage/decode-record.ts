import type { z } from 'zod';

/** Longest stored JSON document a store decodes; anything longer was not written by GalleryOps (or was appended to). */
export const MAX_RECORD_CHARS = 2_000_000;

/** A stored document decoded and checked, or what is wrong with it (for the damage register). */
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses and checks one stored JSON document without throwing: one bad record must not fail a listing. */
export function decodeRecord<T>(text: unknown, schema: z.ZodType<T>): Decoded<T> {
  if (typeof text !== 'string') return { ok: false, problem: 'the record has no body' };
  if (text.length === 0) return { ok: false, problem: 'the record is empty' };
  if (text.length > MAX_RECORD_CHARS) return { ok: false, problem: `the record is ${text.length} characters long, more than GalleryOps ever writes` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the record is not valid JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `the record does not hold what GalleryOps writes (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})` };
  }
  return { ok: true, value: parsed.data };
}
