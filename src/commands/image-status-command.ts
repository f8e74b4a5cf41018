import { imageStatusCard } from '../cards/image-status-card';
import { NotFoundError } from '../errors';
import type { SharedVersionRead } from '../gallery/shared-version-reads';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { closestVersions } from '../gallery/version-match';
import { formatVersion } from '../gallery/version-number';
import { describeVersionSpec, type VersionSpec } from '../gallery/version-spec';
import { expectArgs } from './argument-rules';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';
import { listingAgrees, readIndexedVersion, readVersionLive } from './indexed-version';
import { typedVersion } from './version-argument';

const USAGE = 'image status <image> [<version>|latest]';

/**
 * `image status <image> [<version>|latest]`: one GET of the version shown (with replication status), whatever the
 * definition holds, shared with whoever asked for the same version in the last moments (SharedVersionReads). Whether it is latest, and which version `latest` or a prefix means, come from the version
 * index (a list read at most once per TTL in the background); the card says how old that list is.
 */
export const imageStatusCommand = defineCommand({
  name: 'image status',
  aliases: ['status'],
  summary: 'One version: replication per region (state, progress, replicas, storage), end of life, safety, source.',
  usage: USAGE,
  examples: ['image status dispatch 2026.05', 'status callcenter-desktop latest', 'image status gpu-analytics 1.0.0'],
  readOnly: true,
  popular: true,
  paged: false,
  parse: (input) => {
    const [image, typed = 'latest'] = expectArgs(input, 1, 2, USAGE) as [string, string?];
    const { spec, text: versionText } = typedVersion(typed, USAGE);
    return { image, spec, versionText };
  },
  handler: async ({ image, spec, versionText }, ctx) => {
    const target = await requireImage(ctx, image, (q) => `image status ${q} ${versionText}`);
    const common = { resolved: target, qualified: target.qualified };
    if (spec.kind === 'exact') {
      // The list says whether this version is latest; without it the card leaves the line out rather than guess.
      const [{ version, readAt }, indexed] = await Promise.all([getExact(ctx, target, formatVersion(spec.parts), spec, versionText), ctx.versionIndex.read(target.image).catch(() => undefined)]);
      // A list that disagrees with the live version on latest is out of date: read it again, once.
      const listing = indexed && !listingAgrees(indexed, version) ? await ctx.versionIndex.refresh(target.image).catch(() => undefined) : indexed;
      const latest = listing ? { isLatest: listing.latest?.version === version.version, listedAt: listing.readAt } : {};
      return imageStatusCard({ ...common, version, readAt, ...latest });
    }
    const { version, readAt, match, listing } = await readIndexedVersion(ctx, target, spec, versionText);
    return imageStatusCard({
      ...common,
      version,
      spec: { input: versionText, specText: match.specText, kind: spec.kind },
      isLatest: listing.latest?.version === version.version,
      listedAt: listing.readAt,
      readAt,
    });
  },
});

/** One GET; only when ARM says 404 do we list the versions, to suggest the nearest ones. */
async function getExact(ctx: CommandContext, target: TargetImage, version: string, spec: VersionSpec, input: string): Promise<SharedVersionRead> {
  try {
    return await readVersionLive(ctx, target, version);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const closest = closestVersions(spec, (await ctx.versionIndex.read(target.image)).versions).map((v) => v.version);
    const hint = closest.length ? ` Closest: ${closest.join(', ')}.` : ' It has no versions.';
    const where = `\`${target.image.gallery}/${target.image.image}\``;
    throw new NoSuchNameError(`${where} has no version ${describeVersionSpec(spec)}.${hint}`, closest, input);
  }
}
