import { parseImageReference } from '../../gallery/image-reference';
import type { ExtendedLocationTarget, ImageKey, TargetRegion } from '../../gallery/model';
import { regionKey } from '../../gallery/region-names';
import type { JsonValue } from '../../json-value';
import type { ChangeRequest } from '../change-request';
import { edgeZonesFromJson, FIELD, regionOfReplicationField, regionsFromJson } from './planned-fields';

/** The target state a stored request asks ARM for, read back from its `after` values. */
export interface DecodedChange {
  method: 'PATCH' | 'PUT';
  image: ImageKey;
  version: string;
  after: {
    excludeFromLatest?: boolean;
    targetRegions?: TargetRegion[];
    endOfLifeDate?: Date;
    sourceId?: string;
    repairRegions?: string[];
    /** A stage copy's: what it keeps of its source's publishing profile. */
    targetExtendedLocations?: ExtendedLocationTarget[];
    replicaCount?: number;
    storageAccountType?: string;
    storageAccountStrategy?: string;
  };
  /** Regions the `before` list had and the `after` list drops (none today: plans only add regions). */
  removedRegions: string[];
}

/**
 * Reads a request's single planned change. A request that does not decode was written by something other than
 * the planners (or edited in storage): executing a guess would be worse than failing, so this throws.
 */
export function decodeChange(request: Pick<ChangeRequest, 'id' | 'changes'>): DecodedChange {
  const fail = (why: string): never => {
    throw new Error(`Change request ${request.id} cannot be executed: ${why}.`);
  };
  if (request.changes.length !== 1) fail(`it plans ${request.changes.length} changes, not one`);
  const change = request.changes[0]!;
  const ref = parseImageReference(change.resourceId);
  if (ref?.version === undefined) fail(`${change.resourceId} is not an image version id`);
  const { version, ...image } = ref as ImageKey & { version: string };
  const after: DecodedChange['after'] = {};
  let removedRegions: string[] = [];
  for (const { field, before, after: value } of change.fields) {
    switch (field) {
      case FIELD.excludeFromLatest:
        after.excludeFromLatest = typeof value === 'boolean' ? value : fail(`${field} must be true or false`);
        break;
      case FIELD.endOfLifeDate:
        after.endOfLifeDate = dateOf(value) ?? fail(`${field} must be an ISO date`);
        break;
      case FIELD.sourceId:
        after.sourceId = typeof value === 'string' && value !== '' ? value : fail(`${field} must be an id`);
        break;
      case FIELD.targetExtendedLocations:
        after.targetExtendedLocations = edgeZonesFromJson(value) ?? fail(`${field} must be a list of edge zones`);
        break;
      case FIELD.replicaCount:
        after.replicaCount = typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fail(`${field} must be a positive whole number`);
        break;
      case FIELD.storageAccountType:
      case FIELD.storageAccountStrategy:
        after[field === FIELD.storageAccountType ? 'storageAccountType' : 'storageAccountStrategy'] = typeof value === 'string' && value !== '' ? value : fail(`${field} must be a name`);
        break;
      case FIELD.targetRegions: {
        after.targetRegions = regionsFromJson(value) ?? fail(`${field} must be a list of regions`);
        const kept = new Set(after.targetRegions.map((r) => regionKey(r.name)));
        removedRegions = (before === null ? [] : (regionsFromJson(before) ?? [])).map((r) => r.name).filter((n) => !kept.has(regionKey(n)));
        break;
      }
      default: {
        // A repair: the region's replication goes from Failed to Completed (see `replicationStateField`).
        const region = regionOfReplicationField(field);
        if (region === undefined) fail(`it changes ${field}, which GalleryOps does not write`);
        if (before !== 'Failed' || value !== 'Completed') fail(`${field} must go from Failed to Completed`);
        after.repairRegions = [...(after.repairRegions ?? []), region as string];
      }
    }
  }
  if (after.repairRegions && (change.method !== 'PATCH' || change.fields.length !== after.repairRegions.length)) fail('a repair changes nothing but replication');
  if (change.method === 'PUT' && (after.sourceId === undefined || after.targetRegions === undefined)) fail('a new version needs a source and target regions');
  return { method: change.method, image, version, after, removedRegions };
}

function dateOf(value: JsonValue): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
