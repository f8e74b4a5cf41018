import { StoreError } from '../store-error';

/** Table Storage caps a string property at 64 KiB (32 K UTF-16 units) and an entity at 1 MiB. */
const CHUNK = 30_000;
const MAX_CHUNKS = 15;

/**
 * Splits a JSON document over `body0…bodyN` columns so a large request still fits one entity. Non-ASCII
 * characters are written as `\uXXXX` escapes (still the same JSON): Azurite decodes request bodies in
 * 64 KiB pieces and garbles a multi-byte UTF-8 character cut by a piece boundary (seen with 3.35).
 */
export function toBodyColumns(document: string): Record<string, string | number> {
  const json = document.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
  if (chunks > MAX_CHUNKS) throw new StoreError(`document of ${json.length} characters exceeds a table entity`);
  const columns: Record<string, string | number> = { bodyChunks: chunks };
  for (let i = 0; i < chunks; i++) columns[`body${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

/** Joins the columns `toBodyColumns` wrote and parses them. */
export function fromBodyColumns(entity: Record<string, unknown>): unknown {
  const chunks = entity['bodyChunks'];
  if (typeof chunks !== 'number') throw new StoreError('table entity has no body');
  let json = '';
  for (let i = 0; i < chunks; i++) {
    const part = entity[`body${i}`];
    if (typeof part !== 'string') throw new StoreError(`table entity is missing body${i}`);
    json += part;
  }
  try {
    return JSON.parse(json) as unknown;
  } catch (err) {
    throw new StoreError('table entity body is not JSON', { cause: err });
  }
}
