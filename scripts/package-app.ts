import { readFileSync } from 'node:fs';
import { manifestCommands } from '../src/commands/registry';
import { loadDotEnv } from '../src/config';
import { projectPath } from '../src/project-root';
import { AppPackageError, createAppPackage } from './app-package/create-app-package';
import type { JsonValue } from './app-package/fill-placeholders';
import { PackageSettingsError, readPackageSettings } from './app-package/package-settings';

/**
 * `npm run package`: fills manifest/manifest.template.json from MicrosoftAppId, GALLERYOPS_PUBLIC_HOSTNAME and
 * GALLERYOPS_APP_VERSION, and writes manifest/build/galleryops.zip for upload to Teams. This is the only
 * place the packaging reads process.env; like `npm start`, it also takes them from `.env` when present.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const packageJson = readJson(projectPath('package.json')) as { version?: unknown };
  const settings = readPackageSettings(process.env, typeof packageJson.version === 'string' ? packageJson.version : '');
  const outFile = projectPath('manifest', 'build', 'galleryops.zip');
  const manifest = await createAppPackage({
    template: readJson(projectPath('manifest', 'manifest.template.json')),
    settings,
    commands: manifestCommands(),
    iconsDir: projectPath('manifest'),
    outFile,
  });
  const commandCount = manifest.bots?.[0]?.commandLists?.[0]?.commands.length ?? 0;
  console.log(
    `wrote ${outFile}\n  Teams app ${manifest.name.short} ${manifest.version} (manifest ${manifest.manifestVersion}), bot ${settings.botAppId}\n` +
      `  messaging endpoint: https://${settings.publicHostname}/api/messages\n  ${commandCount} suggested commands; schema check passed`,
  );
}

function readJson(file: string): JsonValue {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonValue;
}

main().catch((err: unknown) => {
  // Settings and package problems carry their own fix-it list; anything else is a bug worth its stack.
  const known = err instanceof PackageSettingsError || err instanceof AppPackageError;
  console.error(known ? err.message : err);
  process.exitCode = 1;
});
