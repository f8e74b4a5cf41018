import { helpCard, helpCommandCard } from '../cards/help-card';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { closestMatches } from '../gallery/suggest';
import { quoteInput } from '../cards/escape-text';
import { defineCommand, type RegisteredCommand } from './command-spec';
import { parseCommand } from './parse-command';

/** `help [command]`. Takes the registry lazily: help is itself in the registry it describes. */
export function helpCommand(commands: () => readonly RegisteredCommand[]): RegisteredCommand {
  return defineCommand({
    name: 'help',
    aliases: ['?', 'commands'],
    summary: 'The command list, or one command\'s usage and examples.',
    usage: 'help [<command>]',
    examples: ['help', 'help image status'],
    readOnly: true,
    popular: true,
    paged: false,
    parse: (input) => ({ words: input.args }),
    handler: async ({ words }, ctx) => {
      const all = commands();
      if (words.length === 0) return helpCard(all);
      const parsed = parseCommand(words, all);
      if (parsed.kind === 'command') return helpCommandCard(parsed.command, ctx.now());
      const asked = words.join(' ');
      const names = all.flatMap((c) => [c.name, ...c.aliases]);
      const suggestions = closestMatches(asked, names);
      throw new NoSuchNameError(`There is no command ${quoteInput(asked)}.`, suggestions, words[0]!);
    },
  });
}
