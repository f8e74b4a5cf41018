import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** infra/app-settings.json: the container app's environment, as infra/modules/bot-app.bicep builds it. */
export interface AppSettingsFile {
  values: Record<string, string>;
  fromDeployment: Record<string, string>;
  secrets: Record<string, string>;
}

export function readAppSettings(root: string): AppSettingsFile {
  return JSON.parse(readFileSync(join(root, 'infra', 'app-settings.json'), 'utf8')) as AppSettingsFile;
}

/**
 * The environment the container gets, with local stand-ins for what the deployment computes (keyed like
 * bot-app.bicep's deploymentValues) and for the Container Apps secrets' values.
 */
export function appSettingsEnv(file: AppSettingsFile, deploymentValues: Record<string, string>, secretValues: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...file.values };
  for (const [name, key] of Object.entries(file.fromDeployment)) {
    const value = deploymentValues[key];
    if (value === undefined) throw new Error(`no stand-in for the deployment value ${key} (${name})`);
    env[name] = value;
  }
  for (const [name, secret] of Object.entries(file.secrets)) {
    const value = secretValues[secret];
    if (value === undefined) throw new Error(`no stand-in for the secret ${secret} (${name})`);
    env[name] = value;
  }
  return env;
}
