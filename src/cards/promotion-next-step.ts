import type { Stage } from '../stages';
import type { WatchEvent } from '../subscriptions/watch-event';
import { runButton, type RunButton } from './run-button';

/**
 * The promotion a published version is ready for, as a button: to the next stage of the path (config.stages)
 * when its gallery is not the last one, else to latest when it is excluded from latest there. The command only
 * creates a change request (approvers decide), which is why it may run from a button. None for a gallery outside
 * the path, or a version already latest.
 */
export function promotionButton(event: WatchEvent, stages: readonly Stage[]): RunButton | undefined {
  if (event.kind !== 'published') return undefined;
  const at = stages.findIndex((s) => s.gallery.toLowerCase() === event.image.gallery.toLowerCase());
  if (at === -1) return undefined;
  const image = `${event.image.gallery}/${event.image.image}`;
  const next = stages[at + 1];
  if (next) return runButton(`Promote to ${next.name}`, `promote ${image} ${event.version} to ${next.name}`);
  return event.isLatest ? undefined : runButton('Promote to latest', `promote ${image} ${event.version} to latest`);
}
