import type { LatestMove } from '../change-request';
import { sameVersion } from '../../gallery/image-reference';
import type { ImageVersion } from '../../gallery/model';
import { latestVersion } from '../../gallery/version-match';

/** Latest among `allVersions` now, and once `version` is `excluded` (retire) or not (promote to latest). */
export function latestMove(allVersions: readonly ImageVersion[], version: ImageVersion, excluded: boolean): LatestMove {
  const before = latestVersion(allVersions)?.version;
  const after = latestVersion(allVersions.map((v) => (sameVersion(v.version, version.version) ? { ...v, excludeFromLatest: excluded } : v)))?.version;
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
