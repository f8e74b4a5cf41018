import type { Stage } from '../stages';
import type { Gallery, ImageDefinition } from './model';
import type { GalleryResolution, ImageResolution, ResolvedImage, StageRef } from './name-resolution';
import { stageOf } from './name-resolution';
import type { NameSnapshot } from './name-snapshot';
import { NoSuchNameError } from './no-such-name-error';
import { galleryPath, imagePath, matchesSuffix, sameGallery, shortestUnique, splitQualifiedName } from './qualified-name';
import { closestMatches } from './suggest';

/**
 * Resolves `<image>` (optionally qualified) against a snapshot. Several matches in galleries that are all
 * distinct stages of the promotion path mean the last stage; any other ambiguity is returned for the user to
 * choose, never guessed. No match throws NoSuchNameError with did-you-mean suggestions.
 */
export function resolveImageName(snapshot: NameSnapshot, input: string, stages: readonly Stage[]): ImageResolution | undefined {
  const parts = splitQualifiedName(input, 4);
  const matches = snapshot.images.filter((i) => matchesSuffix(imagePath(i), parts));
  if (matches.length === 0) return undefined;
  if (matches.length === 1) return resolved(snapshot, matches[0]!);
  const staged = parts.length === 1 ? pickLastStage(matches, stages) : undefined;
  if (staged) return { ...resolved(snapshot, staged.image), stage: staged.stage };
  const all = snapshot.images.map(imagePath);
  const choices = matches.map((item) => ({ item, qualified: shortestUnique(imagePath(item), all, 2) }));
  return { kind: 'ambiguous', input, choices: choices.sort((a, b) => a.qualified.localeCompare(b.qualified)) };
}

/** The error for an image name with no match, with the nearest names as suggestions. */
export function imageNotFound(snapshot: NameSnapshot, input: string): NoSuchNameError {
  const qualified = input.includes('/');
  const names = snapshot.images.map((i) => (qualified ? `${i.gallery}/${i.image}` : i.image));
  const suggestions = closestMatches(input, names);
  const isGallery = !qualified && snapshot.galleries.some((g) => g.gallery.toLowerCase() === input.toLowerCase());
  const hint = isGallery
    ? ` \`${input}\` is a gallery: \`images ${input}\` lists its definitions.`
    : suggestions.length
      ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`
      : ' `images` lists the definitions I can see.';
  const scope = `${snapshot.galleries.length} ${snapshot.galleries.length === 1 ? 'gallery' : 'galleries'} in scope`;
  return new NoSuchNameError(`No image definition \`${input}\` in the ${scope}.${hint}`, suggestions, input);
}

/** Resolves `<gallery>` (optionally `resourceGroup/gallery` or `subscription/resourceGroup/gallery`). */
export function resolveGalleryName(snapshot: NameSnapshot, input: string): GalleryResolution | undefined {
  const parts = splitQualifiedName(input, 3);
  const matches = snapshot.galleries.filter((g) => matchesSuffix(galleryPath(g), parts));
  if (matches.length === 0) return undefined;
  if (matches.length === 1) return { kind: 'resolved', gallery: matches[0]! };
  const all = snapshot.galleries.map(galleryPath);
  const choices = matches.map((item) => ({ item, qualified: shortestUnique(galleryPath(item), all, 1) }));
  return { kind: 'ambiguous', input, choices: choices.sort((a, b) => a.qualified.localeCompare(b.qualified)) };
}

export function galleryNotFound(snapshot: NameSnapshot, input: string): NoSuchNameError {
  const suggestions = closestMatches(input, snapshot.galleries.map((g) => g.gallery));
  const hint = suggestions.length
    ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`
    : ' `galleries` lists the galleries I can see.';
  return new NoSuchNameError(`No gallery \`${input}\` in scope.${hint}`, suggestions, input);
}

function resolved(snapshot: NameSnapshot, image: ImageDefinition): ResolvedImage {
  return { kind: 'resolved', image, gallery: galleryOf(snapshot, image) };
}

/** The gallery record of a definition; the snapshot always holds it (it listed the images per gallery). */
function galleryOf(snapshot: NameSnapshot, image: ImageDefinition): Gallery {
  const g = snapshot.galleries.find((x) => sameGallery(x, image));
  if (!g) throw new Error(`name snapshot has image ${image.id} without its gallery`);
  return g;
}

function pickLastStage(
  matches: readonly ImageDefinition[],
  stages: readonly Stage[],
): { image: ImageDefinition; stage: { chosen: StageRef; others: StageRef[] } } | undefined {
  const staged = matches.map((image) => ({ image, at: stageOf(image.gallery, stages) }));
  if (staged.some((s) => s.at === undefined)) return undefined;
  const indexes = new Set(staged.map((s) => s.at!.index));
  // Two matches in the same stage (the stage's gallery name exists in two subscriptions): no rule applies.
  if (indexes.size !== staged.length) return undefined;
  const sorted = staged.sort((a, b) => b.at!.index - a.at!.index);
  const ref = (s: (typeof sorted)[number]): StageRef => ({ stage: s.at!.stage.name, gallery: s.image.gallery });
  return { image: sorted[0]!.image, stage: { chosen: ref(sorted[0]!), others: sorted.slice(1).map(ref) } };
}
