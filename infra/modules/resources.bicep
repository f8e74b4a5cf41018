// Everything GalleryOps runs on, in one resource group: identity, registry, telemetry, store, key vault,
// the Container Apps environment and app, and the Azure Bot with its Teams channel.
param location string
param tags object
param resourceToken string
param galleryScopes string
param policyBase64 string
param imageName string
param minReplicas int
param maxReplicas int
@secure()
param evidenceSigningKeys string
@secure()
param eventGridSecret string
@description('EVENT_GRID_AUDIENCE (Entra ID delivery of Event Grid); empty: the secret alone.')
param eventGridAudience string
param botSku string

var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// One user-assigned identity is the bot's Bot Framework identity (UserAssignedMSI), its ARM identity and its
// Table Storage identity, so there is no secret to rotate for any of them.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-galleryops-${resourceToken}'
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crgalleryops${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, roles.acrPull)
  scope: registry
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull) }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-galleryops-${resourceToken}'
  location: location
  tags: tags
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-galleryops-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

// The shared store of every replica. No shared key: only Entra tokens (the identity's role below) get in.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgops${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: loadJsonContent('../app-settings.json').values.GALLERYOPS_TABLE_NAME
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor) }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-gops-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    // Soft delete keeps a deleted key recoverable for 90 days; no purge protection, so `azd down --purge` works.
    enableSoftDelete: true
  }
}

// EVIDENCE_SIGNING_KEYS: one key, or `<new>,<old>` during a rotation (docs/operations.md).
resource signingKeys 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'evidence-signing-keys'
  properties: { value: evidenceSigningKeys, contentType: 'EVIDENCE_SIGNING_KEYS for GalleryOps download links' }
}

// EVENT_GRID_SECRET: what Event Grid's webhook URL carries (?code=…) so the bot accepts its events.
resource eventGridKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'event-grid-secret'
  properties: { value: eventGridSecret, contentType: 'EVENT_GRID_SECRET for GalleryOps POST /api/events' }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser) }
}

resource containerEnv 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-gops-${resourceToken}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: logs.properties.customerId, sharedKey: logs.listKeys().primarySharedKey }
    }
  }
}

var appName = 'ca-galleryops-${take(resourceToken, 10)}'
// The app's FQDN is known before the app exists (name + environment domain): the Bot's endpoint and the
// evidence links' base URL need it, and the app cannot reference itself.
var appFqdn = '${appName}.${containerEnv.properties.defaultDomain}'

module app 'bot-app.bicep' = {
  name: 'galleryops-app'
  params: {
    name: appName
    location: location
    tags: tags
    environmentId: containerEnv.id
    identityId: identity.id
    registryServer: registry.properties.loginServer
    imageName: imageName
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    signingKeysSecretUri: signingKeys.properties.secretUri
    eventGridSecretUri: eventGridKey.properties.secretUri
    policyBase64: policyBase64
    appInsightsConnectionString: appInsights.properties.ConnectionString
    deploymentValues: {
      identityClientId: identity.properties.clientId
      tenantId: tenant().tenantId
      galleryScopes: galleryScopes
      tableEndpoint: 'https://${storage.name}.table.${environment().suffixes.storage}'
      publicUrl: 'https://${appFqdn}'
      policyFile: empty(policyBase64) ? '' : '/mnt/policy/policy.json'
      eventGridAudience: eventGridAudience
      // The bot refuses a tenant without an audience (it would look like Entra ID protection that is not there).
      eventGridTenantId: empty(eventGridAudience) ? '' : tenant().tenantId
    }
  }
  // The app's first revision pulls its image and reads its Key Vault secret through the identity.
  dependsOn: [acrPull, secretsUser, tableContributor, table]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-galleryops-${resourceToken}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'GalleryOps'
    endpoint: 'https://${appFqdn}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output registryLoginServer string = registry.properties.loginServer
output appFqdn string = app.outputs.fqdn
output placeholderImage bool = app.outputs.placeholder
output appInsightsConnectionString string = appInsights.properties.ConnectionString
