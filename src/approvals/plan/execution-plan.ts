import type { NewVersion, VersionPatch } from '../../gallery/gallery-port';
import type { ImageKey } from '../../gallery/model';
import type { ChangeRequest } from '../change-request';
import { decodeChange } from './decode-change';

/**
 * The adapter call that carries out a request: `updateVersion` for a PATCH, `createVersion` for a PUT; a repair
 * is several updates and replication watches (see `repair-replication.ts`).
 */
export type ExecutionPlan =
  | { op: 'update'; image: ImageKey; version: string; patch: VersionPatch }
  | { op: 'create'; image: ImageKey; version: string; spec: NewVersion }
  | { op: 'repair'; image: ImageKey; version: string; regions: string[] };

/**
 * Turns a stored request back into the call to make. Only `after` values are sent: the same target state
 * every time, so re-sending it after a crash is harmless. Throws when the request does not decode.
 */
export function executionPlanOf(request: Pick<ChangeRequest, 'id' | 'changes'>): ExecutionPlan {
  const { method, image, version, after } = decodeChange(request);
  if (after.repairRegions) return { op: 'repair', image, version, regions: after.repairRegions };
  if (method === 'PUT') {
    return {
      op: 'create',
      image,
      version,
      spec: {
        sourceVersionId: after.sourceId as string,
        targetRegions: after.targetRegions ?? [],
        // A stage copy is excluded from latest unless the plan says otherwise: never latest by accident.
        excludeFromLatest: after.excludeFromLatest ?? true,
        ...(after.endOfLifeDate === undefined ? {} : { endOfLifeDate: after.endOfLifeDate }),
        ...(after.targetExtendedLocations === undefined ? {} : { targetExtendedLocations: after.targetExtendedLocations }),
        ...(after.replicaCount === undefined ? {} : { replicaCount: after.replicaCount }),
        ...(after.storageAccountType === undefined ? {} : { storageAccountType: after.storageAccountType }),
        ...(after.storageAccountStrategy === undefined ? {} : { storageAccountStrategy: after.storageAccountStrategy }),
      },
    };
  }
  const patch: VersionPatch = {
    ...(after.excludeFromLatest === undefined ? {} : { excludeFromLatest: after.excludeFromLatest }),
    ...(after.targetRegions === undefined ? {} : { targetRegions: after.targetRegions }),
    ...(after.endOfLifeDate === undefined ? {} : { endOfLifeDate: after.endOfLifeDate }),
  };
  return { op: 'update', image, version, patch };
}
