import { choicesCard } from '../cards/choices-card';
import { errorCard } from '../cards/error-card';
import { UserFacingError } from '../errors';
import { ChoiceRequired } from './choice-required';
import type { CommandContext } from './command-context';
import type { RegisteredCommand } from './command-spec';
import { errorReply, type FailedCommand } from './error-reply';
import { normalizeInput } from './normalize-input';
import { parseCommand } from './parse-command';
import { commandRegistry } from './registry';
import type { Reply } from '../cards/reply';
import { stripMentions } from './strip-mentions';
import { tokenize } from './tokenize';
import { unknownCommandReply } from './unknown-command';
import type { CommandObserver } from '../telemetry/telemetry';

/** Where the text came from: typed in chat, or a card button (which may only run read-only commands). */
export interface RunOptions {
  source: 'message' | 'card';
  /** Told which command the text named and whether it was refused (telemetry: names, never the text). */
  observer?: CommandObserver;
}

export type CommandRunner = (text: string, ctx: CommandContext, options?: RunOptions) => Promise<Reply>;

const DEFAULT_BOT_NAMES = ['GalleryOps'];

/**
 * Builds the single entry point over a list of commands. User-facing errors and ambiguous names become
 * cards here; anything else propagates to the Teams layer, which logs it and answers with a reference id.
 */
export function createCommandRunner(commands: readonly RegisteredCommand[]): CommandRunner {
  return async (text, ctx, options = { source: 'message' }) => {
    let failed: FailedCommand | undefined;
    try {
      const clean = normalizeInput(stripMentions(normalizeInput(text), ctx.botNames ?? DEFAULT_BOT_NAMES));
      const parsed = parseCommand(tokenize(clean), commands);
      options.observer?.named(parsed.kind === 'empty' ? 'help' : parsed.kind === 'unknown' ? 'unknown' : parsed.command.name);
      if (parsed.kind === 'empty') return await runHelp(commands, ctx);
      if (parsed.kind === 'unknown') {
        options.observer?.refused('unknown-command');
        return unknownCommandReply(parsed.word, parsed.rest, commands);
      }
      failed = { command: parsed.command, words: parsed.words, args: parsed.input.args };
      if (options.source === 'card' && !parsed.command.readOnly && !parsed.command.asksApproval) {
        options.observer?.refused('typed-only');
        return errorCard({
          title: 'Type this one',
          message: `Buttons only run read-only commands; \`${parsed.command.name}\` changes Azure, so please type it.`,
          usage: parsed.command.usage,
          color: 'warning',
        });
      }
      return await parsed.command.run(parsed.input, ctx);
    } catch (err) {
      if (err instanceof ChoiceRequired) return choicesCard(err.prompt, err.choices);
      if (err instanceof UserFacingError) {
        options.observer?.refused(err.kind);
        return errorReply(err, failed);
      }
      throw err;
    }
  };
}

/** An @mention with nothing after it is a request for help. */
async function runHelp(commands: readonly RegisteredCommand[], ctx: CommandContext): Promise<Reply> {
  const help = commands.find((c) => c.name === 'help');
  if (!help) return errorCard({ title: 'Empty message', message: 'Type a command.', color: 'warning' });
  return help.run({ args: [], page: 1 }, ctx);
}

/** Runs one line of chat text (or a card button's command) against the registered commands. */
export const runCommand: CommandRunner = createCommandRunner(commandRegistry);
