import { versionsCard, versionsOnPage } from '../cards/versions-card';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireImage, type TargetImage } from './require-name';
import type { CommandContext } from './command-context';
import type { ReplicationRead } from '../gallery/replication-reader';
import type { VersionListing } from '../gallery/version-index';

const USAGE = 'versions <image>';

/**
 * `versions <image>`: one page of the version index's listing (read at most once per TTL, in the background once
 * warm), plus one replication GET per version on that page (ARM's list cannot expand replication), cached
 * briefly by the ReplicationReader: ARM calls per command do not grow with the definition. Per-region detail is
 * one click away.
 */
export const versionsCommand = defineCommand({
  name: 'versions',
  aliases: [],
  summary: 'Versions of an image definition, newest first: latest, published, end of life, exclusions, regions.',
  usage: USAGE,
  examples: ['versions callcenter-desktop', 'versions gal_golden/dispatch'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ image: expectArgs(input, 1, 1, USAGE)[0]!, page: input.page }),
  handler: async ({ image, page }, ctx) => {
    const target = await requireImage(ctx, image, (q) => `versions ${q}`);
    let listing = await ctx.versionIndex.read(target.image);
    let replication = await readPage(ctx, target, listing, page);
    // A version on the page that ARM no longer has means the list is out of date: read it again, once.
    if ([...replication.values()].some((r) => !r.ok && r.notFound)) {
      listing = await ctx.versionIndex.refresh(target.image);
      replication = await readPage(ctx, target, listing, page);
    }
    return versionsCard({ resolved: target, qualified: target.qualified, listing, replication, page, readAt: ctx.now() });
  },
});

function readPage(ctx: CommandContext, target: TargetImage, listing: VersionListing, page: number): Promise<Map<string, ReplicationRead>> {
  return ctx.replication.readMany(
    target.image,
    versionsOnPage(listing, page).map((v) => v.version),
  );
}
