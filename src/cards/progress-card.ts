import type { CardReply } from './reply';
import { escapeMarkdown, quoteInput } from './escape-text';
import { withIcon } from './status-mark';

export interface ProgressCardData {
  title: string;
  detail: string;
}

/** Longest command text quoted on the card: the card is a placeholder, not a record of the input. */
const MAX_QUOTED = 80;

/**
 * Shown at once when a command takes longer than the Bot Framework should wait for its answer (Teams expects
 * one within seconds and retries otherwise); the answer replaces this card in place when it is ready.
 */
export function progressCard(commandText: string): CardReply<ProgressCardData> {
  const quoted = shortened(commandText);
  const data: ProgressCardData = {
    title: withIcon(escapeMarkdown(`Working on: ${quoted}`), 'progress'),
    detail: 'Azure is taking a moment to answer. This card becomes the answer when it is ready; nothing else to do.',
  };
  return { kind: 'card', template: 'progress', data, summary: `Working on: ${quoted}` };
}

/**
 * Replaces a progress card whose answer will not come: the bot was stopped (a deploy, a restart) before the
 * command finished. Said plainly, so nobody waits on a card that will never change, with what to type again.
 */
export function interruptedCard(commandText: string): CardReply<ProgressCardData> {
  const quoted = shortened(commandText);
  const data: ProgressCardData = {
    title: withIcon(escapeMarkdown(`Stopped before it finished: ${quoted}`), 'warning'),
    detail: escapeMarkdown(`GalleryOps was stopped (a restart or a deploy) before the answer was ready, so this card will not change. Type ${quoteInput(commandText, MAX_QUOTED)} again for the answer.`),
  };
  return { kind: 'card', template: 'progress', data, summary: `Stopped before it finished: ${quoted}` };
}

function shortened(commandText: string): string {
  return commandText.length > MAX_QUOTED ? `${commandText.slice(0, MAX_QUOTED - 1)}…` : commandText;
}
