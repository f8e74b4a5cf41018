import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Evidence is JSON that repeats itself (ARM bodies, region lists, field names): deflated it takes a fifth to a
 * tenth of the space, which is what keeps the data folder flat while responders ask `evidence` all day (the
 * soak measured 60 KB a minute stored as text). SQLite keeps a BLOB in a TEXT column as it is, so packed and
 * plain rows live side by side: rows written before packing read as they were, no migration needed. What is
 * hashed is the bundle's canonical JSON, never these bytes.
 */
export function packText(text: string): Uint8Array {
  return deflateRawSync(Buffer.from(text, 'utf8'));
}

/**
 * The text of a stored value: packed (a BLOB) or plain (older rows); undefined when it cannot be read or would
 * unpack to more than `maxBytes` (a damaged or hostile BLOB must not make the bot inflate gigabytes).
 */
export function unpackText(value: unknown, maxBytes?: number): string | undefined {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array)) return undefined;
  try {
    return inflateRawSync(value, maxBytes === undefined ? {} : { maxOutputLength: maxBytes }).toString('utf8');
  } catch {
    return undefined;
  }
}
