import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import { parseVersionSpec, withoutSentenceMark, type VersionSpec } from '../gallery/version-spec';

/**
 * A typed version argument (exact, prefix or `latest`), or the one usage error every command gives for
 * anything else. `example` is the exact version the message shows.
 */
export function versionArgument(text: string, usage: string, example = '2026.5.1'): VersionSpec {
  const spec = parseVersionSpec(text);
  if (!spec) throw new UsageError(`${quoteInput(text)} is not a version: use an exact version (${example}), a prefix (2026.5) or latest.`, usage);
  return spec;
}

/** The version argument and the words to show for it again (without a sentence mark typed after it). */
export function typedVersion(text: string, usage: string, example?: string): { spec: VersionSpec; text: string } {
  return { spec: versionArgument(text, usage, example), text: withoutSentenceMark(text) };
}
