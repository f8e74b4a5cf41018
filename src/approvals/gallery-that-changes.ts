import type { Stage } from '../stages';
import type { PolicyAction } from './policy';
import { sameId } from './same-id';

/** The kinds of change a request can carry. */
export type ChangeKind = 'promote-latest' | 'promote-regions' | 'promote-stage' | 'retire' | 'repair';

/** Where a change happens, as the command knows it before any rule is looked up. */
export type ChangeLocation =
  | { kind: 'promote-latest' | 'promote-regions' | 'retire' | 'repair'; gallery: string }
  | { kind: 'promote-stage'; gallery: string; toStage: string };

/**
 * "The rule of the gallery that changes applies": a stage promotion creates a version in the target stage's
 * gallery, so that gallery's owners decide; every other change edits the version in its own gallery.
 * A stage promotion must go to the next stage of the path.
 */
export function galleryThatChanges(
  stages: readonly Stage[],
  change: ChangeLocation,
): { gallery: string } | { refused: string } {
  if (change.kind !== 'promote-stage') return { gallery: change.gallery };
  const target = stages.findIndex((s) => sameId(s.name, change.toStage));
  const names = stages.map((s) => s.name).join(' → ') || '(none configured)';
  if (target < 0) return { refused: `There is no stage called ${change.toStage}. The stages are ${names}.` };
  const current = stages.findIndex((s) => sameId(s.gallery, change.gallery));
  if (current < 0) {
    return { refused: `${change.gallery} is not part of the promotion path (${names}), so it cannot be promoted to a stage.` };
  }
  if (target !== current + 1) {
    const next = stages[current + 1];
    return {
      refused: next
        ? `${change.gallery} is stage ${stages[current]?.name}; it can only be promoted to the next stage, ${next.name}.`
        : `${change.gallery} is the last stage (${stages[current]?.name}); there is no stage to promote it to.`,
    };
  }
  return { gallery: (stages[target] as Stage).gallery };
}

/** The policy action a change kind falls under. */
export function actionOf(kind: ChangeKind): PolicyAction {
  return kind === 'retire' || kind === 'repair' ? kind : 'promote';
}
