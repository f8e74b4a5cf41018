import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import type { VersionSpec } from '../gallery/version-spec';
import { isoDay, parseIsoDay, startOfUtcDay } from '../utc-day';
import type { CommandInput } from './command-spec';
import { splitReason } from './reason-clause';
import { typedVersion } from './version-argument';

export const RETIRE_USAGE = 'retire <image> <version> [on <date>] [because <reason>]';

/** `retire` arguments, before any name is looked up. */
export interface RetireArgs {
  image: string;
  versionText: string;
  spec: VersionSpec;
  /** Midnight UTC of the end-of-life day; absent means today. */
  on?: Date;
  reason?: string;
}

/**
 * Reads `retire <image> <version> [on <date>] [because <reason>]`. The date is `YYYY-MM-DD` in UTC and may
 * not be before today (`now`'s UTC date): an end of life in the past would claim a retirement that did not
 * happen then; today is the default anyway.
 */
/** How far ahead the example date in a usage error is: a typical notice period for an end of life. */
const EXAMPLE_DAYS_AHEAD = 30;

export function parseRetire(input: CommandInput, now: Date): RetireArgs {
  const { words, reason } = splitReason(input.args, RETIRE_USAGE, 2);
  const [image, typed, on, dateText, extra] = words;
  if (image === undefined || typed === undefined) throw new UsageError(`Missing ${image === undefined ? 'arguments' : 'an argument'}.`, RETIRE_USAGE);
  const { spec, text: versionText } = typedVersion(typed, RETIRE_USAGE);
  const args: RetireArgs = { image, versionText, spec, ...(reason === undefined ? {} : { reason }) };
  if (on === undefined) return args;
  if (on.toLowerCase() !== 'on') throw new UsageError(`I did not expect ${quoteInput(on)} here: add \`on <date>\` or \`because <reason>\`.`, RETIRE_USAGE);
  // The example date is relative to today: a fixed one would one day suggest a date the next line refuses.
  const example = isoDay(new Date(startOfUtcDay(now).getTime() + EXAMPLE_DAYS_AHEAD * 86_400_000));
  if (dateText === undefined) throw new UsageError(`Missing the date after \`on\`, e.g. \`on ${example}\` (UTC).`, RETIRE_USAGE);
  if (extra !== undefined) throw new UsageError(`I did not expect ${quoteInput(extra)} here.`, RETIRE_USAGE);
  const date = parseIsoDay(dateText);
  if (date === undefined) throw new UsageError(`${quoteInput(dateText)} is not a date: use YYYY-MM-DD, e.g. ${example} (UTC).`, RETIRE_USAGE);
  const today = startOfUtcDay(now);
  if (date < today) throw new UsageError(`${isoDay(date)} is in the past: the end of life can be today (${isoDay(today)}) or later.`, RETIRE_USAGE);
  return { ...args, on: date };
}
