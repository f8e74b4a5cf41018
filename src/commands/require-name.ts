import { quoteInput } from '../cards/escape-text';
import type { Gallery } from '../gallery/model';
import type { ResolvedImage } from '../gallery/name-resolution';
import { stageOf } from '../gallery/name-resolution';
import { galleryPath, imagePath, shortestUnique } from '../gallery/qualified-name';
import { ChoiceRequired } from './choice-required';
import type { CommandContext } from './command-context';

/** A resolved image plus the shortest `gallery/image` form that names it unambiguously (for buttons). */
export type TargetImage = ResolvedImage & { qualified: string };

/**
 * Resolves `<image>` for a handler. An ambiguous name becomes a ChoiceRequired whose buttons run
 * `commandFor(qualifiedName)`, so the user picks and the same command runs again, unambiguously.
 */
export async function requireImage(ctx: CommandContext, input: string, commandFor: (qualified: string) => string): Promise<TargetImage> {
  const r = await ctx.names.resolveImage(input);
  if (r.kind === 'resolved') return { ...r, qualified: await qualifyImage(ctx, r) };
  const choices = r.choices.map(({ item, qualified }) => {
    const stage = stageOf(item.gallery, ctx.stages);
    const where = `${stage ? `stage ${stage.stage.name}, ` : ''}subscription ${item.subscriptionId}, resource group ${item.resourceGroup}`;
    return { title: qualified, command: commandFor(qualified), detail: `${item.osType} · ${item.publisher}/${item.offer}/${item.sku} · ${where}` };
  });
  throw new ChoiceRequired(`${quoteInput(input)} matches ${choices.length} image definitions. Which one?`, choices);
}

/** Resolves `<gallery>`; a gallery name used in several subscriptions or resource groups asks which one. */
export async function requireGallery(ctx: CommandContext, input: string, commandFor: (qualified: string) => string): Promise<Gallery> {
  const r = await ctx.names.resolveGallery(input);
  if (r.kind === 'resolved') return r.gallery;
  const choices = r.choices.map(({ item, qualified }) => ({
    title: qualified,
    command: commandFor(qualified),
    detail: `subscription ${item.subscriptionId}, resource group ${item.resourceGroup}, ${item.location}`,
  }));
  throw new ChoiceRequired(`${quoteInput(input)} names ${choices.length} galleries. Which one?`, choices);
}

/** Buttons always carry at least `gallery/image`, so clicking one never depends on the stages rule. */
async function qualifyImage(ctx: CommandContext, r: ResolvedImage): Promise<string> {
  const snapshot = await ctx.names.snapshot();
  return shortestUnique(imagePath(r.image), snapshot.images.map(imagePath), 2);
}

/** The shortest unambiguous way to type a gallery. */
export async function qualifyGallery(ctx: CommandContext, g: Gallery): Promise<string> {
  const snapshot = await ctx.names.snapshot();
  return shortestUnique(galleryPath(g), snapshot.galleries.map(galleryPath), 1);
}
