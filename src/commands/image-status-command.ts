import { imageStatusCard } from '../cards/image-status-card';
import { NotFoundError } from '../errors';
import type { ImageVersion } from '../gallery/model';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { closestVersions, latestVersion } from '../gallery/version-match';
import { formatVersion } from '../gallery/version-number';
import { describeVersionSpec, type VersionSpec } from '../gallery/version-spec';
import { expectArgs } from './argument-rules';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';
import { typedVersion } from './version-argument';

const USAGE = 'image status <image> [<version>|latest]';

/**
 * `image status <image> [<version>|latest]`. An exact version costs one GET (with replication status) and the
 * list beside it (whether it is latest); a prefix or `latest` needs the list first to pick the version, then that GET.
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
    if (spec.kind === 'exact') {
      // The list says whether this version is latest (the prefix form says it too); read alongside the version.
      // Without it the card leaves the line out rather than guess.
      const [version, versions] = await Promise.all([
        getExact(ctx, target, formatVersion(spec.parts), spec, versionText),
        ctx.gallery.listVersions(target.image).catch(() => undefined),
      ]);
      const isLatest = versions === undefined ? undefined : latestVersion(versions)?.version === version.version;
      return imageStatusCard({ resolved: target, qualified: target.qualified, version, readAt: ctx.now(), ...(isLatest === undefined ? {} : { isLatest }) });
    }
    const versions = await ctx.gallery.listVersions(target.image);
    const label = `\`${target.image.gallery}/${target.image.image}\``;
    const match = resolveTypedVersion(spec, versions, label, versionText);
    const version = await ctx.gallery.getVersion(target.image, match.version.version, { withReplication: true });
    return imageStatusCard({
      resolved: target,
      qualified: target.qualified,
      version,
      spec: { input: versionText, specText: match.specText, kind: spec.kind },
      isLatest: latestVersion(versions)?.version === version.version,
      readAt: ctx.now(),
    });
  },
});

/** One GET; only when ARM says 404 do we list the versions, to suggest the nearest ones. */
async function getExact(ctx: CommandContext, target: TargetImage, version: string, spec: VersionSpec, input: string): Promise<ImageVersion> {
  try {
    return await ctx.gallery.getVersion(target.image, version, { withReplication: true });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const versions = await ctx.gallery.listVersions(target.image);
    const closest = closestVersions(spec, versions).map((v) => v.version);
    const hint = closest.length ? ` Closest: ${closest.join(', ')}.` : ' It has no versions.';
    const where = `\`${target.image.gallery}/${target.image.image}\``;
    throw new NoSuchNameError(`${where} has no version ${describeVersionSpec(spec)}.${hint}`, closest, input);
  }
}
