import type { Stage } from '../stages';
import type { Gallery, ImageDefinition } from './model';

/** A stage and the gallery that holds it, as the card names them: "production (gal_golden)". */
export interface StageRef {
  stage: string;
  gallery: string;
}

/** One choice offered when a name is ambiguous: what it is and how to type it unambiguously. */
export interface NameChoice<T> {
  item: T;
  qualified: string;
}

/** An image name resolved to exactly one definition. */
export interface ResolvedImage {
  kind: 'resolved';
  image: ImageDefinition;
  gallery: Gallery;
  /** Set when the stages rule picked the last stage among several: the choice and the other stages. */
  stage?: { chosen: StageRef; others: StageRef[] };
}

/** A name that matches several definitions outside one promotion path: the user must choose. */
export interface AmbiguousImage {
  kind: 'ambiguous';
  input: string;
  choices: NameChoice<ImageDefinition>[];
}

export type ImageResolution = ResolvedImage | AmbiguousImage;

export interface ResolvedGallery {
  kind: 'resolved';
  gallery: Gallery;
}

export interface AmbiguousGallery {
  kind: 'ambiguous';
  input: string;
  choices: NameChoice<Gallery>[];
}

export type GalleryResolution = ResolvedGallery | AmbiguousGallery;

/** The stage a gallery belongs to, if any (stages name galleries by name only). */
export function stageOf(galleryName: string, stages: readonly Stage[]): { index: number; stage: Stage } | undefined {
  const index = stages.findIndex((s) => s.gallery.toLowerCase() === galleryName.toLowerCase());
  return index < 0 ? undefined : { index, stage: stages[index]! };
}
