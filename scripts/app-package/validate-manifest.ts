import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { MANIFEST_SCHEMA_VERSION } from './build-manifest';

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type ValidatableManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/** The Teams schema file shipped inside @microsoft/app-manifest for `version` (e.g. "1.30"). */
export function bundledSchemaPath(version: string = MANIFEST_SCHEMA_VERSION): string {
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(packageDir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
}

/** The bundled schema, parsed. Missing file = a package layout change, reported rather than fetched. */
export function loadBundledSchema(version: string = MANIFEST_SCHEMA_VERSION): ManifestSchema {
  // The same escape clean-up the library applies: some schema regexes use \a and \v, which JSON does not allow.
  const raw = readFileSync(bundledSchemaPath(version), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(raw) as ManifestSchema;
}

/**
 * Schema problems of a manifest (empty when valid). The schema is passed in explicitly because, given only the
 * manifest, the library downloads its `$schema` URL when it cannot find a local copy: packaging must work
 * offline and must check against the version we chose, not whatever the manifest claims.
 */
export async function validateManifest(manifest: unknown, version: string = MANIFEST_SCHEMA_VERSION): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as ValidatableManifest, loadBundledSchema(version));
}
