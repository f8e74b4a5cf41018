import type { z } from 'zod';
import { decodeRecord, MAX_RECORD_CHARS, type Decoded } from '../decode-record';

// UTF-8 takes at most 3 bytes per UTF-16 code unit: a longer body cannot be a record GalleryOps wrote.
const MAX_BODY_BYTES = MAX_RECORD_CHARS * 3;

/**
 * Selects `body` only when it could be a record, and its size in bytes either way. `octet_length` reads no
 * content, so a 50 MB row costs nothing to skip; loading it into a string would cost a second on every listing.
 */
export const BODY_COLUMNS = `CASE WHEN octet_length(body) > ${MAX_BODY_BYTES} THEN NULL ELSE body END AS body, octet_length(body) AS bytes`;

/** A row selected with `BODY_COLUMNS`. */
export interface BodyColumns {
  body: string | null;
  bytes: number;
}

/** Decodes a row's body; a body left out for its size is reported as such. */
export function decodeBody<T>(row: BodyColumns, schema: z.ZodType<T>): Decoded<T> {
  if (row.body === null && row.bytes > MAX_BODY_BYTES) return { ok: false, problem: `the record is ${row.bytes} bytes long, more than GalleryOps ever writes` };
  return decodeRecord(row.body, schema);
}
