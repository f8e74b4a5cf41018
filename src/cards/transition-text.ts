import type { WatchEvent } from '../subscriptions/watch-event';
import { formatTimestamp } from './format-date';

/**
 * What a region was before, for a card about a region that changed back (see region-transitions.ts): a recovery
 * is the news an incident responder waits for, so the card says so ("after failing at 2026-12-05 19:20 UTC"),
 * with the time only when this bot saw the change happen. '' for a first transition.
 */
export function afterText(event: WatchEvent): string {
  if (!event.before) return '';
  const what = event.before.state === 'Failed' ? 'after failing' : 'after it had completed';
  return event.before.seenAt ? `${what} at ${formatTimestamp(new Date(event.before.seenAt))}` : what;
}
