import type { ImageVersion } from '../gallery/model';
import { compareVersionNumbers, parseVersion } from '../gallery/version-number';
import { isPastEndOfLife } from '../utc-day';

/**
 * The version `promote … to latest` would best move latest to: the highest version above `current` that is
 * excluded from latest today and not past its end of life (a lower one could never become latest).
 */
export function nextLatestCandidate(versions: readonly ImageVersion[], current: ImageVersion, now: Date): ImageVersion | undefined {
  const mine = parseVersion(current.version);
  if (!mine) return undefined;
  return versions
    .filter((v) => v.excludeFromLatest && !isPastEndOfLife(v.endOfLifeDate, now))
    .map((v) => ({ v, n: parseVersion(v.version) }))
    .filter((e): e is { v: ImageVersion; n: NonNullable<typeof e.n> } => e.n !== undefined && compareVersionNumbers(e.n, mine) > 0)
    .sort((a, b) => compareVersionNumbers(b.n, a.n))[0]?.v;
}
