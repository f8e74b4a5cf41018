import type { BundlePart } from '../../evidence/bundle-parts';
import { StoreError } from '../../errors';
import { bodyTextOf, toBodyColumns } from './entity-body';
import { PARTS, SCHEMA_VERSION } from './table-layout';

/**
 * Characters of a part per entity: below the 15 columns × 30 000 characters `toBodyColumns` fits in one entity
 * (Table Storage: 64 KiB per string property, 1 MiB per entity), with room for the other columns.
 */
const PIECE = 400_000;
/** 80 MB of JSON, far beyond any ARM answer: a put that needs more fails loudly, and a forged count is refused. */
export const MAX_PIECES = 200;

/** Row key of piece `i` of a part: the first piece keeps the plain hash, so parts written before stay readable. */
export const pieceRowKey = (hash: string, i: number): string => (i === 0 ? hash : `${hash}:${i}`);

/** The part a row belongs to (its hash), whichever piece it is. */
export const partOfRowKey = (rowKey: string): string => rowKey.split(':')[0] ?? rowKey;

/**
 * A part as entities: one when it fits, else consecutive pieces, the first saying how many there are. Never
 * truncated: ARM's verbatim answer about a 60-region version can pass 64 KiB, and a huge one 1 MiB. Escaping to
 * ASCII first (as `toBodyColumns` does) makes every piece the same length in characters and bytes, and a cut
 * through an escape is harmless: the pieces are joined before the JSON is parsed.
 */
export function partEntities(part: BundlePart): Array<Record<string, unknown>> {
  const ascii = part.json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const pieces = Math.max(1, Math.ceil(ascii.length / PIECE));
  if (pieces > MAX_PIECES) throw new StoreError(`an evidence part of ${ascii.length} characters exceeds ${MAX_PIECES} table entities`);
  return Array.from({ length: pieces }, (_, i) => ({
    partitionKey: PARTS,
    rowKey: pieceRowKey(part.hash, i),
    schemaVersion: SCHEMA_VERSION,
    ...(i === 0 ? { pieces } : {}),
    ...toBodyColumns(ascii.slice(i * PIECE, (i + 1) * PIECE)),
  }));
}

/**
 * The part's JSON text from its pieces; undefined when any piece is missing or unreadable (the caller reports
 * the bundle as damaged, never a shortened part). A part without `pieces` was written as one entity.
 */
export async function readPartText(hash: string, row: (rowKey: string) => Promise<Record<string, unknown> | undefined>): Promise<string | undefined> {
  const first = await row(pieceRowKey(hash, 0));
  if (first === undefined) return undefined;
  const pieces = first['pieces'] ?? 1;
  if (typeof pieces !== 'number' || !Number.isInteger(pieces) || pieces < 1 || pieces > MAX_PIECES) return undefined;
  const rest = await Promise.all(Array.from({ length: pieces - 1 }, (_, i) => row(pieceRowKey(hash, i + 1))));
  let text = '';
  for (const entity of [first, ...rest]) {
    const body = entity === undefined ? undefined : bodyTextOf(entity);
    if (!body?.ok) return undefined;
    text += body.text;
  }
  return text;
}
