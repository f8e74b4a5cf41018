import { imagesCard, IMAGES_PAGE_SIZE, type ImageRow } from '../cards/images-card';
import { paginate } from '../cards/paging';
import type { Gallery, ImageDefinition } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import { imagePath, shortestUnique } from '../gallery/qualified-name';
import { expectArgs } from './argument-rules';
import type { CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { qualifyGallery, requireGallery } from './require-name';

const USAGE = 'images [<gallery>]';

/**
 * `images [<gallery>]`: definitions are listed fresh, and versions only for the definitions on the page shown
 * (the latest version needs a list call per definition; a 200-definition gallery must not cost 200 calls).
 */
export const imagesCommand = defineCommand({
  name: 'images',
  aliases: ['definitions'],
  summary: 'Image definitions: OS, generation, publisher/offer/SKU, latest version and end of life.',
  usage: USAGE,
  examples: ['images', 'images gal_golden'],
  readOnly: true,
  popular: true,
  paged: true,
  parse: (input) => ({ gallery: expectArgs(input, 0, 1, USAGE)[0], page: input.page }),
  handler: async ({ gallery, page }, ctx) => {
    const target = gallery === undefined ? undefined : await requireGallery(ctx, gallery, (q) => `images ${q}`);
    const snapshot = await ctx.names.snapshot();
    const galleries = target ? [target] : snapshot.galleries;
    const definitions = (await mapLimit(galleries, 8, (g) => ctx.gallery.listImages(g))).flat().sort(byName);
    const allPaths = snapshot.images.map(imagePath);
    const galleryArg = target ? ` ${await qualifyGallery(ctx, target)}` : '';
    const slice = paginate(definitions, page, IMAGES_PAGE_SIZE, (n) => `images${galleryArg} page ${n}`);
    const rows: ImageRow[] = await mapLimit(slice.items, 8, async (image) => ({
      image,
      qualified: shortestUnique(imagePath(image), allPaths, 2),
      versions: await ctx.gallery.listVersions(image),
    }));
    return imagesCard({ gallery: target, page: { ...slice, items: rows }, total: definitions.length, readAt: ctx.now(), scopeLabel: scopeOf(ctx, galleries) });
  },
});

function byName(a: ImageDefinition, b: ImageDefinition): number {
  return a.gallery.localeCompare(b.gallery) || a.image.localeCompare(b.image) || a.id.localeCompare(b.id);
}

function scopeOf(ctx: CommandContext, galleries: readonly Gallery[]): string {
  return ctx.scopeLabel ?? `All ${galleries.length} galleries in the configured scopes`;
}
