import type { Reply } from './reply';
import type { CommandContext } from './command-context';

/** The words after the command name, and the page asked for with a trailing `page N`. */
export interface CommandInput {
  args: string[];
  /** 1-based; only list commands accept `page N` (others get a usage error). */
  page: number;
}

/** The parts of a command the registry, `help` and the Teams manifest read. */
export interface CommandInfo {
  /** Canonical name, possibly several words (`image status`). */
  name: string;
  /** Other names, e.g. `status` for `image status`. */
  aliases: string[];
  /** One line for `help` and the manifest. */
  summary: string;
  /** `image status <image> [<version>|latest]`. */
  usage: string;
  /**
   * Complete command lines that work on the demo data. `{in N days}` stands for the UTC day N days from when the
   * example is shown, so an example date never goes stale (see exampleText).
   */
  examples: string[];
  /** Read-only commands may run from card buttons; anything that changes state must be typed. */
  readOnly: boolean;
  /** Offered in the Teams manifest's `commandLists`. */
  popular: boolean;
  /** Accepts a trailing `page N`. */
  paged: boolean;
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
