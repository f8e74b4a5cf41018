import type { HelpTopic } from './help-topic';
import type { CardReply } from './reply';
import { isoDay, startOfUtcDay } from '../utc-day';
import { escapeMarkdown } from './escape-text';
import { runButton, type RunButton } from './run-button';

export interface HelpCardData {
  title: string;
  intro: string;
  commands: { usage: string; summary: string; command: string }[];
}

export interface HelpCommandCardData {
  title: string;
  summary: string;
  usage: string;
  aliases: string;
  access: string;
  examples: RunButton[];
  typedExamples: { text: string }[];
}

/** `help`: every implemented command with its usage line; selecting one opens its own help. */
export function helpCard(commands: readonly HelpTopic[]): CardReply<HelpCardData> {
  const data: HelpCardData = {
    title: 'GalleryOps commands',
    intro:
      'Type a command, or select one for its examples. Names are case-insensitive; qualify an image as gallery/image. ' +
      'Versions may be exact (2026.5.1), a prefix (2026.5 means the highest 2026.5.x) or latest.',
    commands: commands.map((c) => ({ usage: escapeMarkdown(c.usage), summary: escapeMarkdown(c.summary), command: `help ${c.name}` })),
  };
  return { kind: 'card', template: 'help', data, summary: `${commands.length} commands: ${commands.map((c) => c.name).join(', ')}` };
}

/** `help <command>`: usage, aliases and examples; read-only examples are buttons, others are shown to type. */
export function helpCommandCard(c: HelpTopic, now: Date): CardReply<HelpCommandCardData> {
  const examples = c.examples.map((e) => exampleText(e, now));
  const data: HelpCommandCardData = {
    title: escapeMarkdown(c.name),
    summary: escapeMarkdown(c.summary),
    usage: escapeMarkdown(`Usage: ${c.usage}${c.paged ? ' [page N]' : ''}`),
    aliases: c.aliases.length ? escapeMarkdown(`Also: ${c.aliases.join(', ')}`) : '',
    access: c.readOnly ? 'Read-only: buttons may run it.' : 'Changes Azure: type it; buttons never run it.',
    examples: c.readOnly ? examples.map((e) => runButton(e, e)) : [],
    typedExamples: c.readOnly ? [] : examples.map((e) => ({ text: escapeMarkdown(e) })),
  };
  return { kind: 'card', template: 'help-command', data, summary: `${c.name}: ${c.usage}` };
}

/** An example as shown on `now`: `{in N days}` becomes that UTC day, so `retire … on <date>` never suggests a past date. */
export function exampleText(example: string, now: Date): string {
  return example.replace(/\{in (\d+) days\}/g, (_, days: string) => isoDay(new Date(startOfUtcDay(now).getTime() + Number(days) * 86_400_000)));
}
