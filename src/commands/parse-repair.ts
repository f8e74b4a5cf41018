import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import type { VersionSpec } from '../gallery/version-spec';
import type { CommandInput } from './command-spec';
import { splitReason } from './reason-clause';
import { typedVersion } from './version-argument';

export const REPAIR_USAGE = 'repair <image> <version> [in <region>[,<region>…]] [because <reason>]';

/** `repair` arguments, before any name is looked up. */
export interface RepairArgs {
  image: string;
  versionText: string;
  spec: VersionSpec;
  /** As typed (display or programmatic names); absent: every Failed region. */
  regions?: string[];
  reason?: string;
}

/**
 * Reads `repair <image> <version> [in <region>[,<region>…]] [because <reason>]`. Regions may be typed with
 * spaces (`Central US, westus2`); whether they are Failed target regions is the planner's call.
 */
export function parseRepair(input: CommandInput): RepairArgs {
  const { words, reason } = splitReason(input.args, REPAIR_USAGE, 2);
  const [image, typed, keyword, ...rest] = words;
  if (image === undefined || typed === undefined) throw new UsageError(`Missing ${image === undefined ? 'arguments' : 'an argument'}.`, REPAIR_USAGE);
  const { spec, text: versionText } = typedVersion(typed, REPAIR_USAGE);
  const args: RepairArgs = { image, versionText, spec, ...(reason === undefined ? {} : { reason }) };
  if (keyword === undefined) return args;
  if (keyword.toLowerCase() !== 'in') throw new UsageError(`I expected \`in <region>\` or \`because <reason>\` after the version, not ${quoteInput(keyword)}.`, REPAIR_USAGE);
  const regions = rest.join(' ').split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (regions.length === 0) throw new UsageError('Missing the region after `in`, e.g. `in centralus` or `in Central US, westus2`.', REPAIR_USAGE);
  for (const region of regions) {
    if (!/^[\p{L}\p{N} ]{1,60}$/u.test(region)) {
      throw new UsageError(`${quoteInput(region)} is not a region name: use names like \`centralus\` or \`Central US\`, separated by commas.`, REPAIR_USAGE);
    }
  }
  return { ...args, regions };
}
