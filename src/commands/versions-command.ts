import { versionsCard } from '../cards/versions-card';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireImage } from './require-name';

const USAGE = 'versions <image>';

/** `versions <image>`: one listVersions call; per-region replication is one click away (see versions-card). */
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
    return versionsCard({ resolved: target, qualified: target.qualified, versions, page, readAt: ctx.now() });
  },
});
