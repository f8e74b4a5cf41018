/**
 * A stored document as ARM would serve it to one request: a copy in the shape of the caller's api-version (fields
 * newer than it left out), with its `type` (Microsoft's examples often omit it; ARM never does), and the
 * expandable parts (replication status, validations profile) only when `$expand` asked for them.
 */
import { omitNewerFields } from './api-fields';
import { armType } from './arm-route';
import type { EmulatorContext } from './emulator-context';
import { NO_EXPANSION, type VersionExpansion } from './expand';
import { cloneJson, isObject, objectAt } from './json';
import { replicationStatus } from './replication';
import type { StoredResource } from './resource-store';

/** Who the answer is for: the request's api-version (date part) and what it expanded. */
export interface View {
  apiVersion: string;
  expansion: VersionExpansion;
}

/** The view of a request that expands nothing (lists, writes, operation results). */
export function plainView(apiVersion: string): View {
  return { apiVersion, expansion: NO_EXPANSION };
}

export function present(ctx: EmulatorContext, resource: StoredResource, view: View): unknown {
  const doc = cloneJson(resource.doc);
  if (!isObject(doc)) return doc;
  const { kind } = resource.address;
  if (typeof doc['type'] !== 'string' || doc['type'] === '') doc['type'] = armType(kind);
  const properties = objectAt(doc, 'properties');
  if (kind === 'version' && properties !== undefined) {
    if (!view.expansion.validationsProfile) delete properties['validationsProfile'];
    if (view.expansion.replicationStatus && resource.replication !== undefined) {
      properties['replicationStatus'] = replicationStatus(resource.replication, ctx.monotonic());
    }
  }
  omitNewerFields(doc, kind, view.apiVersion);
  return doc;
}
