import { versionsCard, versionsOnPage } from '../cards/versions-card';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireImage } from './require-name';

const USAGE = 'versions <image>';

/**
 * `versions <image>`: one listVersions call, plus one replication GET per version on the page shown (ARM's list
 * cannot expand replication), cached briefly by the ReplicationReader. Per-region detail is one click away.
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
    const versions = await ctx.gallery.listVersions(target.image);
    const shown = versionsOnPage(versions, page).map((v) => v.version);
    const replication = await ctx.replication.readMany(target.image, shown);
    return versionsCard({ resolved: target, qualified: target.qualified, versions, replication, page, readAt: ctx.now() });
  },
});
