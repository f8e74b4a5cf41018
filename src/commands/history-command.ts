import { quoteInput } from '../cards/escape-text';
import { historyCard } from '../cards/history-card';
import { NotFoundError, UsageError } from '../errors';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { resolveVersion } from '../gallery/version-match';
import { formatVersion } from '../gallery/version-number';
import { parseVersionSpec, type VersionSpec } from '../gallery/version-spec';
import { readHistory } from '../history/read-history';
import { expectArgs } from './argument-rules';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';

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
    const [image, versionText] = expectArgs(input, 1, 2, USAGE) as [string, string?];
    if (versionText === undefined) return { image, page: input.page };
    const spec = parseVersionSpec(versionText);
    if (!spec) throw new UsageError(`${quoteInput(versionText)} is not a version: use an exact version (2026.5.1), a prefix (2026.5) or latest.`, USAGE);
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
  try {
    return resolveVersion(spec, versions, `\`${target.image.gallery}/${target.image.image}\``).version.version;
  } catch (err) {
    if (err instanceof NotFoundError && !(err instanceof NoSuchNameError)) throw new NoSuchNameError(err.userMessage, err.suggestions, input);
    throw err;
  }
}
