import { UsageError } from '../errors';
import type { CommandInput, RegisteredCommand } from './command-spec';

/** Upper bound for `page N`: far beyond any real list, small enough that arithmetic on it stays trivial. */
export const MAX_PAGE = 10_000;

/** A command line matched to a command, or the word(s) no command starts with. */
export type ParsedCommand =
  | { kind: 'command'; command: RegisteredCommand; input: CommandInput; words: string[] }
  | { kind: 'unknown'; word: string; rest: string[] }
  | { kind: 'empty' };

/**
 * Longest-prefix dispatch over every name and alias (`image status x` before `image`), case-insensitive. The
 * arguments keep the user's spelling; names are compared case-insensitively where they are looked up.
 */
export function parseCommand(tokens: readonly string[], commands: readonly RegisteredCommand[]): ParsedCommand {
  if (tokens.length === 0) return { kind: 'empty' };
  const lower = tokens.map((t) => t.toLowerCase());
  let best: { command: RegisteredCommand; length: number } | undefined;
  for (const { command, words } of namesOf(commands)) {
    const fits = words.length <= lower.length && words.every((w, i) => w === lower[i]);
    if (fits && (!best || words.length > best.length)) best = { command, length: words.length };
  }
  if (!best) return { kind: 'unknown', word: tokens[0]!, rest: tokens.slice(1) };
  const args = tokens.slice(best.length);
  return { kind: 'command', command: best.command, input: readPage(best.command, args), words: tokens.slice(0, best.length) };
}

/** Every name and alias of a command list split into words, once per list (the registry's is built at start). */
const splitNames = new WeakMap<readonly RegisteredCommand[], ReadonlyArray<{ command: RegisteredCommand; words: readonly string[] }>>();

function namesOf(commands: readonly RegisteredCommand[]): ReadonlyArray<{ command: RegisteredCommand; words: readonly string[] }> {
  let names = splitNames.get(commands);
  if (!names) {
    names = commands.flatMap((command) => [command.name, ...command.aliases].map((name) => ({ command, words: name.split(' ') })));
    splitNames.set(commands, names);
  }
  return names;
}

/** Splits a trailing `page N` off the arguments of list commands. */
function readPage(command: RegisteredCommand, args: string[]): CommandInput {
  const n = args.length;
  if (n < 2 || args[n - 2]!.toLowerCase() !== 'page') return { args, page: 1 };
  // `because …` is free text to the end of the line ("… because see runbook page 2"): not a page request.
  if (!command.paged && args.some((a) => a.toLowerCase() === 'because')) return { args, page: 1 };
  const text = args[n - 1]!;
  if (!command.paged) throw new UsageError(`\`${command.name}\` has a single page; remove \`page ${text.slice(0, 10)}\`.`, command.usage);
  const page = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) throw new UsageError(`The page must be a whole number from 1 to ${MAX_PAGE}.`, command.usage);
  return { args: args.slice(0, n - 2), page };
}
