import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import type { ManifestCommand } from '../../src/commands/registry';
import { buildCommandLists } from './command-lists';
import { fillPlaceholders, type JsonValue } from './fill-placeholders';
import type { PackageSettings } from './package-settings';

/** The Teams app manifest, schema 1.30 (the newest `@microsoft/app-manifest` bundles). */
export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** The schema version the template declares and the package is validated against. */
export const MANIFEST_SCHEMA_VERSION = '1.30';

/**
 * The manifest for these settings: the template's `{{botAppId}}`, `{{publicHostname}}` and `{{appVersion}}`
 * filled in, and the bot's command lists generated from the registry's popular commands. Pure, so the
 * packaging rules are testable without files; the result is checked against the full schema when packaged.
 */
export function buildManifest(template: JsonValue, settings: PackageSettings, commands: readonly ManifestCommand[]): TeamsManifest {
  const manifest = asManifest(fillPlaceholders(template, { ...settings }));
  const [bot] = manifest.bots ?? [];
  if (!bot || manifest.bots?.length !== 1) throw new Error('the manifest template must declare exactly one bot');
  const commandLists = buildCommandLists(commands);
  const { commandLists: _fromTemplate, ...botWithoutLists } = bot;
  return { ...manifest, bots: [commandLists.length > 0 ? { ...botWithoutLists, commandLists } : botWithoutLists] };
}

/**
 * Only the parts this module relies on are checked here; the whole shape is the schema validator's job
 * (`validateManifest`), which runs on every package before it is accepted.
 */
function asManifest(value: JsonValue): TeamsManifest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the manifest template is not a JSON object');
  if (value.manifestVersion !== MANIFEST_SCHEMA_VERSION) {
    throw new Error(`the manifest template must declare manifestVersion "${MANIFEST_SCHEMA_VERSION}" (found ${JSON.stringify(value.manifestVersion)})`);
  }
  if (!Array.isArray(value.bots)) throw new Error('the manifest template has no bots array');
  return value as unknown as TeamsManifest;
}
