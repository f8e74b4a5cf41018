import { StoreError } from '../../errors';

/** Table Storage caps a string property at 64 KiB (32 K UTF-16 units) and an entity at 1 MiB. */
const CHUNK = 30_000;
export const MAX_CHUNKS = 15;

/**
 * Splits a JSON document over `body0…bodyN` columns so a large request still fits one entity. Non-ASCII
 * characters are written as `\uXXXX` escapes (still the same JSON): Azurite decodes request bodies in
 * 64 KiB pieces and garbles a multi-byte UTF-8 character cut by a piece boundary (seen with 3.35). ASCII
 * also makes a transaction's size in bytes its length in characters.
 */
export function toBodyColumns(document: string): Record<string, string | number> {
  const json = document.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
  if (chunks > MAX_CHUNKS) throw new StoreError(`document of ${json.length} characters exceeds a table entity`);
  const columns: Record<string, string | number> = { bodyChunks: chunks };
  for (let i = 0; i < chunks; i++) columns[`body${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

/** The document `toBodyColumns` spread over an entity, or what is wrong with the columns. Never throws. */
export function bodyTextOf(entity: Record<string, unknown>): { ok: true; text: string } | { ok: false; problem: string } {
  const chunks = entity['bodyChunks'];
  if (chunks === undefined) return { ok: false, problem: 'the record has no body' };
  // A forged count (50 million) must not make a reader loop or allocate: GalleryOps never writes more than MAX_CHUNKS.
  if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1 || chunks > MAX_CHUNKS) {
    return { ok: false, problem: `the record claims ${String(chunks)} body columns, which GalleryOps never writes` };
  }
  let text = '';
  for (let i = 0; i < chunks; i++) {
    const part = entity[`body${i}`];
    if (typeof part !== 'string') return { ok: false, problem: `the record is missing body${i}` };
    text += part;
  }
  return { ok: true, text };
}

/** Joins the columns `toBodyColumns` wrote and parses them (tests and tools; stores use `decodeEntity`). */
export function fromBodyColumns(entity: Record<string, unknown>): unknown {
  const body = bodyTextOf(entity);
  if (!body.ok) throw new StoreError(`table entity: ${body.problem}`);
  return JSON.parse(body.text) as unknown;
}
