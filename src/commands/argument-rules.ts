import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import type { CommandInput } from './command-spec';

/** Checks the argument count; the message names the first extra word, which is usually the mistake. */
export function expectArgs(input: CommandInput, min: number, max: number, usage: string): string[] {
  const { args } = input;
  if (args.length < min) throw new UsageError(`Missing ${min - args.length === 1 ? 'an argument' : 'arguments'}.`, usage);
  if (args.length > max) {
    throw new UsageError(`I did not expect ${quoteInput(args[max]!)} here.`, usage);
  }
  return args;
}

export function noArguments(input: CommandInput, usage: string): CommandInput {
  expectArgs(input, 0, 0, usage);
  return input;
}
