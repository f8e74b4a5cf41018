import type { TurnContext } from 'botbuilder';

const BACKGROUND = Symbol('galleryops.backgroundSends');

/**
 * Marks a proactive turn's sends (event cards, digests) as background work: in its conversation's send lane they
 * give way to replies to users' turns still queued behind them (see send-pacing-lanes.ts), so a burst of cards
 * never delays the answer to a command typed there.
 */
export function markBackgroundSends(context: TurnContext): void {
  context.turnState.set(BACKGROUND, true);
}

/** Whether the turn's sends were marked as background work; read at send time (the mark comes after the middleware). */
export function sendsInBackground(context: TurnContext): boolean {
  return context.turnState.get(BACKGROUND) === true;
}
