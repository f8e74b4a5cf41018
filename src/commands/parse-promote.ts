import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import type { VersionSpec } from '../gallery/version-spec';
import type { Stage } from '../stages';
import type { CommandInput } from './command-spec';
import { splitReason } from './reason-clause';
import { typedVersion } from './version-argument';

export const PROMOTE_USAGE = 'promote <image> <version> to latest|<region>[,<region>…]|<stage> [because <reason>]';

/** Where a version is promoted: made latest, replicated to more regions, or copied to the next stage. */
export type PromoteTarget = { kind: 'latest' } | { kind: 'regions'; regions: string[] } | { kind: 'stage'; stage: string };

/** `promote` arguments, before any name is looked up. */
export interface PromoteArgs {
  image: string;
  versionText: string;
  spec: VersionSpec;
  target: PromoteTarget;
  reason?: string;
}

/**
 * Reads `promote <image> <version> to <target> [because <reason>]`. The target is `latest` when it is that
 * word, a stage when it is a configured stage's name (`stages`), and otherwise a comma-separated list of
 * regions, which may be typed with spaces (`East US 2, westus2`); whether they exist is the planner's call.
 */
export function parsePromote(input: CommandInput, stages: readonly Stage[]): PromoteArgs {
  const { words, reason } = splitReason(input.args, PROMOTE_USAGE, 2);
  const [image, typed, to, ...rest] = words;
  if (image === undefined || typed === undefined) throw new UsageError(`Missing ${image === undefined ? 'arguments' : 'an argument'}.`, PROMOTE_USAGE);
  const { spec, text: versionText } = typedVersion(typed, PROMOTE_USAGE);
  if (to === undefined) throw new UsageError('Say where to promote it: `to latest`, `to <region>[,<region>…]` or `to <stage>`.', PROMOTE_USAGE);
  if (to.toLowerCase() !== 'to') throw new UsageError(`I expected \`to\` after the version, not ${quoteInput(to)}.`, PROMOTE_USAGE);
  if (rest.length === 0) throw new UsageError('Missing the target after `to`: latest, one or more regions, or a stage.', PROMOTE_USAGE);
  return { image, versionText, spec, target: readTarget(rest.join(' '), stages), ...(reason === undefined ? {} : { reason }) };
}

function readTarget(text: string, stages: readonly Stage[]): PromoteTarget {
  if (text.toLowerCase() === 'latest') return { kind: 'latest' };
  const stage = stages.find((s) => s.name.toLowerCase() === text.toLowerCase());
  if (stage !== undefined) return { kind: 'stage', stage: stage.name };

  const regions = text.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (regions.length === 0) throw new UsageError('Missing the region after `to`, e.g. `to westus2` or `to East US 2, westus2`.', PROMOTE_USAGE);
  for (const region of regions) {
    if (region.toLowerCase() === 'latest') throw new UsageError('`to latest` stands alone; promote to regions in a separate request.', PROMOTE_USAGE);
    if (stages.some((s) => s.name.toLowerCase() === region.toLowerCase())) {
      throw new UsageError(`A stage (${region}) stands alone; promote to regions in a separate request.`, PROMOTE_USAGE);
    }
    if (!/^[\p{L}\p{N} ]{1,60}$/u.test(region)) {
      throw new UsageError(`${quoteInput(region)} is not a region name: use names like \`westus2\` or \`East US 2\`, separated by commas.`, PROMOTE_USAGE);
    }
  }
  return { kind: 'regions', regions };
}
