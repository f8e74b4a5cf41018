import type { ImageKey } from '../gallery/model';
import { imagePath, shortestUnique } from '../gallery/qualified-name';

/**
 * How fix commands name a definition: at least `gallery/image` (so a command never depends on the stages
 * rule), longer only when that is ambiguous among `all`.
 */
export function imageQualifier(all: readonly ImageKey[]): (image: ImageKey) => string {
  const paths = all.map(imagePath);
  return (image) => shortestUnique(imagePath(image), paths, 2);
}
