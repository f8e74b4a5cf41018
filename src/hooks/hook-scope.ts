import type { ScopeTest } from '../subscriptions/scope-test';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * A hook's scope as the policy file writes it, matched by name (a hook has no conversation in which a name was
 * resolved to one gallery): `all`; `<gallery>/<image>`; or one name, which matches a gallery of that name and an
 * image definition of that name in any gallery. Names compare case-insensitively, as ARM's do. The matcher for a
 * validated scope string (see hook-schema.ts).
 */
export function hookScope(text: string): ScopeTest {
  if (same(text, 'all')) return { touchesGallery: () => true, covers: () => true };
  const [first, image] = text.split('/') as [string, string | undefined];
  if (image !== undefined) {
    return { touchesGallery: (g) => same(g.gallery, first), covers: (k) => same(k.gallery, first) && same(k.image, image) };
  }
  // One name: every gallery must be listed to find an image of that name, so each gallery is "touched".
  return { touchesGallery: () => true, covers: (k) => same(k.gallery, first) || same(k.image, first) };
}
