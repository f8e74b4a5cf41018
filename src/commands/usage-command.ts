import { usageCard, type AskedVersion } from '../cards/usage-card';
import type { ImageVersion } from '../gallery/model';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import type { VersionUsage } from '../gallery/usage-port';
import { closestVersions } from '../gallery/version-match';
import { compareVersionNames, formatVersion } from '../gallery/version-number';
import { describeVersionSpec, type VersionSpec } from '../gallery/version-spec';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';
import { typedVersion } from './version-argument';

const USAGE = 'usage <image> [<version>|latest]';

/**
 * `usage <image> [<version>]`: one version list (for latest, end of life and prefixes) and one Resource Graph
 * query. An exact version is looked up even when the gallery no longer has it: a VM pinned to a deleted
 * version is exactly what an incident responder needs to find.
 */
export const usageCommand = defineCommand({
  name: 'usage',
  aliases: [],
  summary: 'Scale sets and VMs that reference a version, or the definition itself ("latest", flagged).',
  usage: USAGE,
  examples: ['usage dispatch 2026.5.0', 'usage callcenter-desktop', 'usage gpu-analytics 1.0.0'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => {
    const [image, typed] = expectArgs(input, 1, 2, USAGE) as [string, string?];
    if (typed === undefined) return { image, page: input.page };
    const { spec, text: versionText } = typedVersion(typed, USAGE, '2026.5.0');
    return { image, page: input.page, version: { spec, text: versionText } };
  },
  handler: async ({ image, page, version }, ctx) => {
    if (!ctx.usage) throw new Error('the usage reader is not wired into the command context');
    const reader = ctx.usage;
    const target = await requireImage(ctx, image, (q) => `usage ${q}${version ? ` ${version.text}` : ''}`);
    let versions: ImageVersion[];
    let usage: VersionUsage;
    let asked: AskedVersion | undefined;
    if (version === undefined) {
      [versions, usage] = await Promise.all([ctx.gallery.listVersions(target.image), reader.findUsage(target.image)]);
    } else if (version.spec.kind === 'exact') {
      const exact = formatVersion(version.spec.parts);
      [versions, usage] = await Promise.all([ctx.gallery.listVersions(target.image), reader.findUsage(target.image, exact)]);
      asked = { version: exact, exists: versions.some((v) => compareVersionNames(v.version, exact) === 0) };
      if (!asked.exists && !usage.scaleSets.concat(usage.vms).some((r) => r.pinned)) throw noSuchVersion(target, version.spec, versions, version.text);
    } else {
      versions = await ctx.gallery.listVersions(target.image);
      const label = `\`${target.image.gallery}/${target.image.image}\``;
      const match = resolveTypedVersion(version.spec, versions, label, version.text);
      asked = { version: match.version.version, exists: true, resolvedFrom: { input: version.text, specText: describeSpec(version.spec, match.specText) } };
      usage = await reader.findUsage(target.image, match.version.version);
    }
    return usageCard({ resolved: target, qualified: target.qualified, usage, versions, ...(asked ? { asked } : {}), page, readAt: ctx.now() });
  },
});

function describeSpec(spec: VersionSpec, specText: string): string {
  return spec.kind === 'latest' ? 'the latest version today' : `the highest ${specText}`;
}

/** Neither in the gallery nor pinned anywhere: most likely a typo, so offer the nearest versions. */
function noSuchVersion(target: TargetImage, spec: VersionSpec, versions: readonly ImageVersion[], input: string): NoSuchNameError {
  const closest = closestVersions(spec, versions).map((v) => v.version);
  const hint = closest.length ? ` Closest: ${closest.join(', ')}.` : ' It has no versions.';
  const where = `\`${target.image.gallery}/${target.image.image}\``;
  return new NoSuchNameError(`${where} has no version ${describeVersionSpec(spec)}, and no scale set or VM is pinned to it.${hint}`, closest, input);
}
