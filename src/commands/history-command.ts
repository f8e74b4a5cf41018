import { historyCard } from '../cards/history-card';
import { formatVersion } from '../gallery/version-number';
import type { VersionSpec } from '../gallery/version-spec';
import { readHistory } from '../history/read-history';
import { expectArgs } from './argument-rules';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';
import { typedVersion } from './version-argument';

const USAGE = 'history <image> [<version>|latest]';

/**
 * `history <image> [<version>]`: the audit trail, newest first. An exact version needs no ARM call (records
 * outlive deleted versions, so it need not exist any more); a prefix or `latest` is resolved against the list.
 */
export const historyCommand = defineCommand({
  name: 'history',
  aliases: [],
  summary: 'The audit trail of an image definition or version: requests, decisions, refusals and Azure changes, newest first.',
  usage: USAGE,
  examples: ['history dispatch', 'history gal_golden/dispatch 2026.6.0'],
  readOnly: true,
  popular: false,
  paged: true,
  parse: (input) => {
    const [image, typed] = expectArgs(input, 1, 2, USAGE) as [string, string?];
    if (typed === undefined) return { image, page: input.page };
    const { spec, text: versionText } = typedVersion(typed, USAGE);
    return { image, spec, versionText, page: input.page };
  },
  handler: async (args, ctx) => {
    if (!ctx.store) throw new Error('the audit store is not wired into the command context');
    const suffix = 'versionText' in args ? ` ${args.versionText}` : '';
    const target = await requireImage(ctx, args.image, (q) => `history ${q}${suffix}`);
    const version = 'spec' in args && args.spec ? await versionName(ctx, target, args.spec, args.versionText) : undefined;
    const records = await readHistory(ctx.store, target.image, version);
    return historyCard({ resolved: target, qualified: target.qualified, ...(version ? { version } : {}), records, page: args.page, readAt: ctx.now() });
  },
});

/** The version the records name: exact as typed (normalised), or the one a prefix or `latest` means now. */
async function versionName(ctx: CommandContext, target: TargetImage, spec: VersionSpec, input: string): Promise<string> {
  if (spec.kind === 'exact') return formatVersion(spec.parts);
  const versions = await ctx.gallery.listVersions(target.image);
  return resolveTypedVersion(spec, versions, `\`${target.image.gallery}/${target.image.image}\``, input).version.version;
}
