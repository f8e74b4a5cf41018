import type { Policy, PolicyAction, PolicyRule } from './policy';
import { sameId } from './same-id';

/** What a rule is looked up for: the action and the gallery (and image definition) that changes. */
export interface RuleScope {
  action: PolicyAction;
  /** The gallery whose content changes; see `galleryThatChanges`. */
  gallery: string;
  image: string;
}

/**
 * The rule that governs a change: a rule naming the image definition wins over the gallery-wide one. The
 * loader rejects overlapping rules, so at most one rule matches at each level.
 */
export function findRule(policy: Policy, scope: RuleScope): PolicyRule | undefined {
  const inGallery = policy.rules.filter((r) => sameId(r.gallery, scope.gallery) && r.actions.includes(scope.action));
  return (
    inGallery.find((r) => r.image !== undefined && sameId(r.image, scope.image)) ??
    inGallery.find((r) => r.image === undefined)
  );
}
