import type { z } from 'zod';
import { decodeRecord, MAX_RECORD_CHARS, type Decoded } from '../decode-record';
import { packText, unpackText } from './packed-text';

// UTF-8 takes at most 3 bytes per UTF-16 code unit: a longer body cannot be a record GalleryOps wrote.
const MAX_BODY_BYTES = MAX_RECORD_CHARS * 3;

/**
 * Selects `body` only when it could be a record, and its size in bytes either way. `octet_length` reads no
 * content, so a 50 MB row costs nothing to skip; loading it into a string would cost a second on every listing.
 */
export const BODY_COLUMNS = `CASE WHEN octet_length(body) > ${MAX_BODY_BYTES} THEN NULL ELSE body END AS body, octet_length(body) AS bytes`;

/** A row selected with `BODY_COLUMNS`. */
export interface BodyColumns {
  /** JSON text (rows written before packing) or deflated JSON (a BLOB). */
  body: string | Uint8Array | null;
  bytes: number;
}

/** Decodes a row's body, plain or packed; a body left out for its size is reported as such. */
export function decodeBody<T>(row: BodyColumns, schema: z.ZodType<T>): Decoded<T> {
  if (row.body === null && row.bytes > MAX_BODY_BYTES) return { ok: false, problem: `the record is ${row.bytes} bytes long, more than GalleryOps ever writes` };
  if (row.body instanceof Uint8Array) {
    const text = unpackText(row.body, MAX_BODY_BYTES);
    if (text === undefined) return { ok: false, problem: 'the record is packed but cannot be unpacked (damaged, or longer than GalleryOps ever writes)' };
    return decodeRecord(text, schema);
  }
  return decodeRecord(row.body, schema);
}

/**
 * A request or audit record as stored: deflated JSON. Each approval writes a request several times and six audit
 * records; as text they were most of what the soak's data folder still grew by (22 KB a minute at two approvals
 * a minute). Rows written as text before this read as they were. Hashes cover canonical JSON, never these bytes.
 */
export function packBody(json: string): Uint8Array {
  return packText(json);
}
