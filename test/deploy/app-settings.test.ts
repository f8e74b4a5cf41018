/**
 * infra/app-settings.json is the container app's environment (infra/modules/bot-app.bicep loads it with
 * loadJsonContent). No Bicep CLI here, so the JSON is what is tested: every name is a setting src/config.ts
 * reads, the deployment supplies every value it names, and together they make a production configuration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, SETTING_NAMES, type Config } from '../../src/config';
import { projectRoot } from '../../src/project-root';
import { appSettingsEnv, readAppSettings } from '../helpers/app-settings';

const root = projectRoot();
const file = readAppSettings(root);
const botApp = readFileSync(join(root, 'infra', 'modules', 'bot-app.bicep'), 'utf8');
const resources = readFileSync(join(root, 'infra', 'modules', 'resources.bicep'), 'utf8');

/** The keys of `deploymentValues: { … }` in resources.bicep: what the deployment computes for the app. */
function deploymentValueKeys(): string[] {
  const block = /deploymentValues: \{\n([\s\S]*?)\n {4}\}/.exec(resources)?.[1];
  if (!block) throw new Error('resources.bicep passes no deploymentValues block');
  return [...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!);
}

const STAND_INS = {
  identityClientId: '0b5f3c2e-1d4a-4f6b-9c8d-7e6f5a4b3c2d',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  galleryScopes: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images',
  tableEndpoint: 'https://stgopsabc.table.core.windows.net',
  publicUrl: 'https://ca-galleryops.example.azurecontainerapps.io',
  policyFile: join(root, 'config', 'policy.example.json'),
  // EVENT_GRID_AUDIENCE unset (the default): Event Grid authenticates with the secret in the webhook URL.
  eventGridAudience: '',
  eventGridTenantId: '',
};
const SECRETS = { 'evidence-signing-keys': 'k'.repeat(48), 'event-grid-secret': 'e'.repeat(64) };
const deployed = () => appSettingsEnv(file, STAND_INS, SECRETS);

/** What running in Azure means: the shared store and gallery through the identity, authenticated, signed links. */
function productionProblems(config: Readonly<Config>): string[] {
  const problems: string[] = [];
  if (config.gallery.mode !== 'azure' || !config.gallery.managedIdentityClientId) problems.push('gallery: Azure through the user-assigned identity');
  if (config.store.kind !== 'table' || !('url' in config.store) || !config.store.managedIdentityClientId) problems.push('store: Table by URL through the identity (no key)');
  if (config.bot.appType !== 'UserAssignedMSI' || !config.bot.appId || !config.bot.tenantId) problems.push('bot: UserAssignedMSI with app id and tenant');
  if (config.host !== '0.0.0.0') problems.push('host: all interfaces');
  if (!config.evidence.publicBaseUrl.startsWith('https://')) problems.push('evidence links: https');
  if (config.evidence.signingKey !== SECRETS['evidence-signing-keys']) problems.push('evidence links: the Key Vault key');
  if (config.eventGrid?.secret !== SECRETS['event-grid-secret']) problems.push('POST /api/events: the Key Vault secret');
  return problems;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    return productionProblems(loadConfig(env));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('infra/app-settings.json', () => {
  it('names only settings src/config.ts reads, each once', () => {
    const names = [...Object.keys(file.values), ...Object.keys(file.fromDeployment), ...Object.keys(file.secrets)];
    expect(names.filter((n) => !SETTING_NAMES.includes(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names only values the deployment computes, and the deployment computes no value nobody uses', () => {
    expect(new Set(Object.values(file.fromDeployment))).toEqual(new Set(deploymentValueKeys()));
    expect(new Set(deploymentValueKeys())).toEqual(new Set(Object.keys(STAND_INS)));
  });

  it('takes secrets only from Container Apps secrets bot-app.bicep declares (Key Vault references)', () => {
    for (const secret of Object.values(file.secrets)) expect(botApp).toMatch(new RegExp(`name: '${secret}', keyVaultUrl:`));
  });

  it('makes a production configuration with the deployment\'s values', () => {
    expect(problemsOf(deployed())).toEqual([]);
    expect(loadConfig(deployed()).playground.enabled).toBe(false);
    expect(loadConfig(deployed()).policyFile).toBe(STAND_INS.policyFile);
  });

  it('takes a rotation from the Key Vault secret: its first key signs, every key verifies', () => {
    const rotating = appSettingsEnv(file, STAND_INS, { ...SECRETS, 'evidence-signing-keys': `${'n'.repeat(48)},${'o'.repeat(48)}` });
    expect(loadConfig(rotating).evidence).toMatchObject({ signingKey: 'n'.repeat(48), verifyKeys: ['n'.repeat(48), 'o'.repeat(48)] });
  });

  it('runs read-only when deployed without a policy (POLICY_FILE empty: every change refused)', () => {
    const config = loadConfig({ ...deployed(), POLICY_FILE: '' });
    expect(problemsOf({ ...deployed(), POLICY_FILE: '' })).toEqual([]);
    expect(config.policy.rules).toEqual([]);
  });

  it('turns telemetry on with the Application Insights resource\'s connection string, kept in a Container Apps secret', () => {
    expect(/\{ name: '(\w+)', secretRef: 'appinsights-connection-string' \}/.exec(botApp)?.[1]).toBe('APPLICATIONINSIGHTS_CONNECTION_STRING');
    expect(SETTING_NAMES).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
    expect(botApp).toMatch(/\{ name: 'appinsights-connection-string', value: appInsightsConnectionString \}/);
    expect(resources).toMatch(/appInsightsConnectionString: appInsights\.properties\.ConnectionString\n/);
    // What Azure puts in that property (its shape since 2023: key, regional ingestion, live metrics, app id).
    const azure = 'InstrumentationKey=0f3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=5a1c2e3f-0000-4000-8000-000000000001';
    const withTelemetry = { ...deployed(), APPLICATIONINSIGHTS_CONNECTION_STRING: azure };
    expect(problemsOf(withTelemetry)).toEqual([]);
    expect(loadConfig(withTelemetry).telemetry).toEqual({ connectionString: azure, serviceName: 'galleryops' });
  });

  it('turns Event Grid\'s Entra ID delivery on with an audience, and the deployment names the tenant only then', () => {
    expect(loadConfig(deployed()).eventGrid?.entra).toBeUndefined();
    const audience = 'api://galleryops-events,3c1f2a4b-5d6e-4f70-8192-a3b4c5d6e7f8';
    const withEntra = appSettingsEnv(file, { ...STAND_INS, eventGridAudience: audience, eventGridTenantId: STAND_INS.tenantId }, SECRETS);
    expect(problemsOf(withEntra)).toEqual([]);
    expect(loadConfig(withEntra).eventGrid?.entra).toMatchObject({ audiences: audience.split(','), issuers: expect.arrayContaining([`https://sts.windows.net/${STAND_INS.tenantId}/`]) });
    // A tenant without an audience stops the start: resources.bicep leaves it empty unless an audience is given.
    expect(problemsOf(appSettingsEnv(file, { ...STAND_INS, eventGridTenantId: STAND_INS.tenantId }, SECRETS))).toEqual([expect.stringMatching(/^EVENT_GRID_TENANT_ID: only used with EVENT_GRID_AUDIENCE/)]);
    expect(resources).toMatch(/\n {6}eventGridAudience: eventGridAudience\n/);
    expect(resources).toMatch(/\n {6}eventGridTenantId: empty\(eventGridAudience\) \? '' : tenant\(\)\.tenantId\n/);
  });

  // Each of these, missing, either stops the start or leaves a bot that is not what Azure needs.
  it.each(['MicrosoftAppType', 'MicrosoftAppId', 'MicrosoftAppTenantId', 'AZURE_CLIENT_ID', 'GALLERY_SCOPES', 'AZURE_TABLES_URL', 'GALLERYOPS_PUBLIC_URL', 'EVIDENCE_SIGNING_KEYS', 'EVENT_GRID_SECRET'])(
    'has the required production setting %s',
    (name) => {
      expect(deployed()).toHaveProperty(name);
      const { [name]: _removed, ...without } = deployed();
      expect(problemsOf(without)).not.toEqual([]);
    },
  );
});
