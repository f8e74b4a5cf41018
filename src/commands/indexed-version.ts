import { NotFoundError } from '../errors';
import type { ImageVersion } from '../gallery/model';
import type { SharedVersionRead } from '../gallery/shared-version-reads';
import type { VersionListing } from '../gallery/version-index';
import { findInNewestFirst, type VersionMatch } from '../gallery/version-match';
import { describeVersionSpec, type VersionSpec } from '../gallery/version-spec';
import { isProvisioned } from '../gallery/version-state';
import type { CommandContext } from './command-context';
import type { TargetImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';

/** A version resolved from the version index and read live, when that read was made, and the listing it was resolved from. */
export interface IndexedVersion {
  version: ImageVersion;
  readAt: Date;
  match: VersionMatch;
  listing: VersionListing;
}

/**
 * One version with its replication, read live for a status card: through the shared reads when the context has
 * them (askers of the same version within a second or two share one GET), else a GET of its own.
 */
export async function readVersionLive(ctx: CommandContext, target: TargetImage, version: string): Promise<SharedVersionRead> {
  if (ctx.statusReads) return ctx.statusReads.read(target.image, version);
  const read = await ctx.gallery.getVersion(target.image, version, { withReplication: true });
  return { version: read, readAt: ctx.now() };
}

/**
 * True when the listing's copy of a version agrees with a live read of it on what decides latest (excluded from
 * latest, provisioned). A version missing from the listing was created after it: the listing is out of date.
 */
export function listingAgrees(listing: VersionListing, live: ImageVersion): boolean {
  const listed = listing.versions.find((v) => v.version === live.version);
  return listed !== undefined && listed.excludeFromLatest === live.excludeFromLatest && isProvisioned(listed) === isProvisioned(live);
}

/**
 * Resolves `latest` or a prefix from the version index, then reads that one version live (one GET with
 * replication). When the GET says the listing is out of date (the version is gone, or its eligibility for latest
 * changed since the list was read), the list is read again, once, and the spec resolved anew: a card must not
 * show a deleted version, or call one latest that no longer can be.
 */
export async function readIndexedVersion(ctx: CommandContext, target: TargetImage, spec: VersionSpec, input: string): Promise<IndexedVersion> {
  const label = `\`${target.image.gallery}/${target.image.image}\``;
  const resolve = (listing: VersionListing): VersionMatch => {
    const found = findInNewestFirst(spec, listing.versions);
    // Not found: the general resolver words the refusal and names the closest versions.
    return found ? { version: found, spec, specText: describeVersionSpec(spec) } : resolveTypedVersion(spec, listing.versions, label, input);
  };
  const read = (name: string): Promise<SharedVersionRead> => readVersionLive(ctx, target, name);

  let first = await ctx.versionIndex.read(target.image);
  let firstMatch: VersionMatch;
  try {
    firstMatch = resolve(first);
  } catch (err) {
    // Nothing under the prefix (or nothing eligible) in the listing: it may have been published since, so read again.
    if (!(err instanceof NotFoundError)) throw err;
    first = await ctx.versionIndex.readAfterMiss(target.image);
    firstMatch = resolve(first);
  }
  let live: SharedVersionRead | undefined;
  try {
    live = await read(firstMatch.version.version);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  if (live && listingAgrees(first, live.version)) return { ...live, match: firstMatch, listing: first };

  const second = await ctx.versionIndex.refresh(target.image);
  const match = resolve(second);
  const reread = live && live.version.version === match.version.version ? live : await read(match.version.version);
  return { ...reread, match, listing: second };
}

