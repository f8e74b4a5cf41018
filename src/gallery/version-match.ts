import { NotFoundError } from '../errors';
import type { ImageVersion } from './model';
import { isProvisioned } from './version-state';
import { compareVersionNumbers, parseVersion, type VersionNumber } from './version-number';
import { describeVersionSpec, type VersionSpec } from './version-spec';

/** A version the user's spec resolved to, and how (for the card's "2026.05 → 2026.5.1" line). */
export interface VersionMatch {
  version: ImageVersion;
  spec: VersionSpec;
  /** Human wording of the spec, e.g. `2026.5.x`. */
  specText: string;
}

/** Versions newest first; unparseable names (never returned by ARM) go last. */
export function sortNewestFirst(versions: readonly ImageVersion[]): ImageVersion[] {
  return [...versions]
    .map((v) => ({ v, n: parseVersion(v.version) }))
    .sort((a, b) => (a.n && b.n ? compareVersionNumbers(b.n, a.n) : (b.n ? 1 : 0) - (a.n ? 1 : 0)))
    .map((x) => x.v);
}

/**
 * "latest" as Azure computes it for `versions/latest` references: the highest version whose *global*
 * `excludeFromLatest` is false. Per-region exclusions only affect deployments in that region, so they are
 * deliberately ignored here. A version still being provisioned (or whose provisioning failed) is never
 * called latest: a card must not send deployments to a version that is not there yet.
 */
export function latestVersion(versions: readonly ImageVersion[]): ImageVersion | undefined {
  return findInNewestFirst({ kind: 'latest' }, sortNewestFirst(versions));
}

/** Resolves a spec against the definition's versions, or throws NotFoundError naming the closest versions. */
export function resolveVersion(spec: VersionSpec, versions: readonly ImageVersion[], imageLabel: string): VersionMatch {
  const specText = describeVersionSpec(spec);
  const found = findVersion(spec, versions);
  if (found) return { version: found, spec, specText };
  const closest = closestVersions(spec, versions).map((v) => v.version);
  const what = spec.kind === 'latest' ? 'no version eligible for latest (every version is excluded)' : `no version ${specText}`;
  const hint = closest.length ? ` Closest: ${closest.join(', ')}.` : versions.length ? '' : ' It has no versions.';
  throw new NotFoundError(`${imageLabel} has ${what}.${hint}`, closest);
}

function findVersion(spec: VersionSpec, versions: readonly ImageVersion[]): ImageVersion | undefined {
  return findInNewestFirst(spec, sortNewestFirst(versions));
}

/**
 * The version a spec names, in versions already sorted newest first (the version index keeps them so, and a
 * definition may hold thousands: sorting again on every command would cost CPU per command that grows with it).
 */
export function findInNewestFirst(spec: VersionSpec, newestFirst: readonly ImageVersion[]): ImageVersion | undefined {
  if (spec.kind === 'latest') return newestFirst.find((v) => !v.excludeFromLatest && isProvisioned(v) && parseVersion(v.version));
  // Newest first, so the first match of a prefix is the highest version under it.
  return newestFirst.find((v) => {
    const n = parseVersion(v.version);
    return n !== undefined && spec.parts.every((p, i) => n[i] === p);
  });
}

/** Up to `limit` versions nearest to the spec: the nearest below and above it, newest first. */
export function closestVersions(spec: VersionSpec, versions: readonly ImageVersion[], limit = 3): ImageVersion[] {
  const sorted = sortNewestFirst(versions).filter((v) => parseVersion(v.version));
  if (spec.kind === 'latest') return sorted.slice(0, limit);
  const target: VersionNumber = [spec.parts[0], spec.parts[1] ?? 0, spec.parts[2] ?? 0];
  const distance = (v: ImageVersion): number[] => {
    const n = parseVersion(v.version) as VersionNumber;
    return n.map((p, i) => Math.abs(p - target[i]!));
  };
  return [...sorted]
    .sort((a, b) => {
      const da = distance(a);
      const db = distance(b);
      return da[0]! - db[0]! || da[1]! - db[1]! || da[2]! - db[2]!;
    })
    .slice(0, limit)
    .sort((a, b) => compareVersionNumbers(parseVersion(b.version)!, parseVersion(a.version)!));
}
