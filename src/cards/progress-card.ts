import type { CardReply } from './reply';
import { escapeMarkdown } from './escape-text';
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
  const quoted = commandText.length > MAX_QUOTED ? `${commandText.slice(0, MAX_QUOTED - 1)}…` : commandText;
  const data: ProgressCardData = {
    title: withIcon(escapeMarkdown(`Working on: ${quoted}`), 'progress'),
    detail: 'Azure is taking a moment to answer. This card becomes the answer when it is ready; nothing else to do.',
  };
  return { kind: 'card', template: 'progress', data, summary: `Working on: ${quoted}` };
}
