import type { z } from 'zod';
import { StoreError } from '../store-error';
import { fromBodyColumns } from './entity-body';

/** Decodes and checks an entity's body against the schema of what GalleryOps writes. */
export function parseEntity<T>(entity: Record<string, unknown>, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(fromBodyColumns(entity));
  if (!parsed.success) {
    throw new StoreError(`table row ${String(entity['rowKey'])} does not hold what GalleryOps wrote: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}
