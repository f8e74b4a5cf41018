import type { Reply } from '../cards/reply';
import type { CommandContext } from './command-context';
import type { HelpTopic } from '../cards/help-topic';

/** The words after the command name, and the page asked for with a trailing `page N`. */
export interface CommandInput {
  args: string[];
  /** 1-based; only list commands accept `page N` (others get a usage error). */
  page: number;
}

/** The parts of a command the registry, `help` and the Teams manifest read. */
export interface CommandInfo extends HelpTopic {
  /** Offered in the Teams manifest's `commandLists`. */
  popular: boolean;
}

/** A command as the author declares it: its facts, how to read its arguments, and what to answer. */
export interface CommandSpec<A> extends CommandInfo {
  /** Turns the words into typed arguments; throws UsageError when they do not fit. */
  parse(input: CommandInput): A;
  handler(args: A, ctx: CommandContext): Promise<Reply>;
}

/** A registered command: its argument type is hidden behind `run`, so specs of any type share one list. */
export interface RegisteredCommand extends CommandInfo {
  run(input: CommandInput, ctx: CommandContext): Promise<Reply>;
}

export function defineCommand<A>(spec: CommandSpec<A>): RegisteredCommand {
  const { parse, handler, ...info } = spec;
  return { ...info, run: (input, ctx) => handler(parse(input), ctx) };
}
