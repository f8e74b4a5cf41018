import type { Choice } from './choice';
import type { CardReply } from './reply';
import { escapeMarkdown } from './escape-text';

/** More than this many choices would make a wall of buttons; the card says how to narrow the name instead. */
export const MAX_CHOICES = 20;

export interface ChoicesCardData {
  title: string;
  prompt: string;
  more: string;
  choices: { title: string; command: string; detail: string }[];
}

/** Asks which of several things the user meant; each choice is a button that runs the qualified command. */
export function choicesCard(prompt: string, choices: readonly Choice[]): CardReply<ChoicesCardData> {
  const shown = choices.slice(0, MAX_CHOICES);
  const data: ChoicesCardData = {
    title: 'Which one?',
    prompt: escapeMarkdown(prompt),
    more:
      choices.length > shown.length
        ? `Showing ${shown.length} of ${choices.length}; type a qualified name (gallery/image or resourceGroup/gallery/image) for the others.`
        : '',
    choices: shown.map((c) => ({ title: c.title, command: c.command, detail: escapeMarkdown(c.detail) })),
  };
  return { kind: 'card', template: 'choices', data, summary: prompt.replace(/`/g, '') };
}
