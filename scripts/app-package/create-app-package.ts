import type { ManifestCommand } from '../../src/commands/registry';
import { buildManifest, type TeamsManifest } from './build-manifest';
import { checkAppPackage } from './check-app-package';
import type { JsonValue } from './fill-placeholders';
import type { PackageSettings } from './package-settings';
import { writeAppPackage } from './write-app-package';

/** Everything one packaging run needs, passed in so tests can point it at a temporary folder. */
export interface CreateAppPackageInput {
  template: JsonValue;
  settings: PackageSettings;
  commands: readonly ManifestCommand[];
  /** Folder holding the icon files the template names. */
  iconsDir: string;
  outFile: string;
}

/** Thrown when the written package would be rejected by Teams; lists every problem. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

/**
 * Builds the manifest, writes the zip, then re-reads the zip from disk and checks it, so what is accepted is
 * the file an admin will upload, not the object we meant to write.
 */
export async function createAppPackage(input: CreateAppPackageInput): Promise<TeamsManifest> {
  const manifest = buildManifest(input.template, input.settings, input.commands);
  await writeAppPackage(manifest, input.iconsDir, input.outFile);
  const problems = await checkAppPackage(input.outFile);
  if (problems.length > 0) throw new AppPackageError(problems);
  return manifest;
}
