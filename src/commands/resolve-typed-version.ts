import { NotFoundError } from '../errors';
import type { ImageVersion } from '../gallery/model';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { resolveVersion, type VersionMatch } from '../gallery/version-match';
import type { VersionSpec } from '../gallery/version-spec';

/**
 * resolveVersion for a version the user typed: its NotFoundError carries the user's text, so its suggestions
 * become buttons that retry the command with the nearest versions.
 */
export function resolveTypedVersion(spec: VersionSpec, versions: readonly ImageVersion[], imageLabel: string, input: string): VersionMatch {
  try {
    return resolveVersion(spec, versions, imageLabel);
  } catch (err) {
    if (err instanceof NotFoundError && !(err instanceof NoSuchNameError)) throw new NoSuchNameError(err.userMessage, err.suggestions, input);
    throw err;
  }
}
