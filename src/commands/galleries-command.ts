import { galleriesCard } from '../cards/galleries-card';
import { galleryPath, shortestUnique } from '../gallery/qualified-name';
import { defineCommand } from './command-spec';
import { noArguments } from './argument-rules';

/**
 * `galleries`: served from the name index (listGalleries + listImages, at most a TTL old), so it costs no
 * ARM calls of its own; the card states when that snapshot was read.
 */
export const galleriesCommand = defineCommand({
  name: 'galleries',
  aliases: [],
  summary: 'Galleries in scope with sharing mode, definition count, location, subscription and resource group.',
  usage: 'galleries',
  examples: ['galleries'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ page: noArguments(input, 'galleries').page }),
  handler: async ({ page }, ctx) => {
    const snapshot = await ctx.names.snapshot();
    const all = snapshot.galleries.map(galleryPath);
    const scopeLabel = ctx.scopeLabel ?? 'All galleries in the configured scopes';
    return galleriesCard({
      galleries: snapshot.galleries,
      images: snapshot.images,
      page,
      readAt: snapshot.readAt,
      scopeLabel,
      qualify: (g) => shortestUnique(galleryPath(g), all, 1),
    });
  },
});
