import type { CardReply } from './reply';
import { escapeMarkdown } from './escape-text';
import { runButton, type RunButton } from './run-button';
import { withIcon } from './status-mark';

export interface ErrorCardData {
  title: string;
  message: string;
  color: 'attention' | 'warning' | 'default';
  usage: string;
  suggestionsTitle: string;
  suggestions: RunButton[];
  buttons: RunButton[];
}

/** Everything a user-facing failure shows: the message, the usage line, and buttons for likely fixes. */
export function errorCard(input: {
  title: string;
  message: string;
  color?: ErrorCardData['color'];
  usage?: string;
  suggestions?: RunButton[];
  /** Heading of the suggestions: "Did you mean:" unless they are fixes ("To fix it:"). */
  suggestionsTitle?: string;
  /** The `help` page to offer; `help` alone when omitted. */
  helpCommand?: string;
}): CardReply<ErrorCardData> {
  const color = input.color ?? 'attention';
  const data: ErrorCardData = {
    // The icon says what the colour says (the title is bold, so even the yellow of a warning reads).
    title: withIcon(input.title, color === 'default' ? 'default' : color),
    message: escapeMarkdown(input.message),
    color,
    usage: input.usage ? escapeMarkdown(`Usage: ${input.usage}`) : '',
    suggestionsTitle: input.suggestions?.length ? (input.suggestionsTitle ?? 'Did you mean:') : '',
    suggestions: input.suggestions ?? [],
    buttons: [runButton('Help', input.helpCommand ?? 'help')],
  };
  return { kind: 'card', template: 'error', data, summary: `${input.title}: ${input.message.replace(/`/g, '')}`.slice(0, 200) };
}
