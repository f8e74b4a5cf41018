import type { z } from 'zod';
import { decodeRecord, type Decoded } from '../decode-record';
import { bodyTextOf } from './entity-body';
import { SCHEMA_VERSION } from './table-layout';

/**
 * The entity's layout version: a missing column means version 1 (written before versions were recorded).
 * Undefined for a value this code must not guess at (a newer GalleryOps, or garbage).
 */
export function schemaVersionOf(entity: Record<string, unknown>): number | undefined {
  const version = entity['schemaVersion'];
  if (version === undefined) return 1;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= SCHEMA_VERSION ? version : undefined;
}

/** Decodes and checks an entity's body without throwing, so one bad row never fails a listing. */
export function decodeEntity<T>(entity: Record<string, unknown>, schema: z.ZodType<T>): Decoded<T> {
  if (schemaVersionOf(entity) === undefined) {
    return { ok: false, problem: `the record has schema version ${JSON.stringify(entity['schemaVersion'])}, which this GalleryOps (version ${SCHEMA_VERSION}) does not understand` };
  }
  const body = bodyTextOf(entity);
  if (!body.ok) return body;
  return decodeRecord(body.text, schema);
}
