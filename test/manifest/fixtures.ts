import { readFileSync } from 'node:fs';
import type { JsonValue } from '../../scripts/app-package/fill-placeholders';
import type { PackageSettings } from '../../scripts/app-package/package-settings';
import { projectPath } from '../../src/project-root';

/** Settings as `npm run package` would read them for a real deployment. */
export const sampleSettings: PackageSettings = {
  botAppId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  publicHostname: 'galleryops.contoso.com',
  appVersion: '1.4.2',
};

/** The committed manifest template, parsed fresh for each caller so tests cannot leak edits. */
export function loadTemplate(): JsonValue {
  return JSON.parse(readFileSync(projectPath('manifest', 'manifest.template.json'), 'utf8')) as JsonValue;
}

/** `count` distinct commands in the registry's manifest shape. */
export function fakeCommands(count: number): { title: string; description: string }[] {
  return Array.from({ length: count }, (_, i) => ({ title: `command ${i + 1}`, description: `Does thing ${i + 1}.` }));
}
